"""The Library and the Claim Ledger follow what another program (`reader` on the command line, a script,
a second window) writes to the notes file while they are open, as the main window does: the rows that
changed change, new ones come in, and the row a person had selected stays selected (left out by the
last session: both windows kept showing what they read when they were opened)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reader.ui.main_window import MainWindow
from tests.conftest import SAMPLE

CLAIM = "Among the 40,000 plus medical workers sent from around the country to assist Hubei, 56.1% are Party members."
PROSE = ("The committee met on a cold morning in March to decide what would become of the old harbour wall. "
         "Everyone agreed that it had to be repaired, and nobody agreed on who would pay for it.\n")


def reader(*args: str, db: Path) -> None:
    r = subprocess.run([sys.executable, "-m", "reader", *args, "--db", str(db)], capture_output=True, text=True,
                       timeout=180)
    assert r.returncode == 0, r.stderr


def _menu_action(w: MainWindow, menu: str, label: str):
    m = next(a.menu() for a in w.menuBar().actions() if a.text().replace("&", "") == menu)
    return next(a for a in m.actions() if a.text().replace("&", "") == label)


def test_library_takes_in_what_the_command_line_writes(qtbot, window, tmp_path, db_path):
    w = window
    sample, harbour = tmp_path / "sample-article.md", tmp_path / "harbour.txt"
    shutil.copyfile(SAMPLE, sample)
    harbour.write_text(PROSE, encoding="utf-8")
    w.open_path(harbour)
    qtbot.waitUntil(lambda: w.session is not None and w.doc.path == harbour and w.session.doc is w.doc, timeout=20000)
    qtbot.keyClick(w, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    lib = w.library_window
    qtbot.waitExposed(lib)
    assert lib.row_texts(0) == ["harbour"] and lib.count.text() == "1 document"
    qtbot.mouseClick(lib.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=lib.table.visualRect(lib.model.index(0, 1)).center())
    harbour_id = lib.current_id()
    assert harbour_id is not None
    resets: list[int] = []
    lib.model.modelReset.connect(lambda: resets.append(1))

    # a document the window never opened, noted from the command line, comes into the list
    reader("highlight", str(sample), "--text", "Nearly 400 Party members", "--note", "from a script", db=db_path)
    qtbot.waitUntil(lambda: lib.count.text() == "2 documents", timeout=10000)
    row = next(i for i, t in enumerate(lib.row_texts(0)) if t.startswith("Working Hard"))
    assert (lib.row_texts(4)[row], lib.row_texts(5)[row]) == ("1", "1")  # highlights, notes
    assert lib.current_id() == harbour_id  # the row a person selected is still the one selected

    # a highlight added to the selected one: its counts change where it stands
    reader("highlight", str(harbour), "--text", "nobody agreed on who would pay for it", db=db_path)
    qtbot.waitUntil(lambda: lib.row_texts(4)[lib.row_texts(0).index("harbour")] == "1", timeout=10000)
    assert lib.current_id() == harbour_id and lib.table.selectionModel().isRowSelected(lib.table.currentIndex().row())
    assert resets == []  # a delta, not the whole list again
    QApplication.processEvents()


def test_claim_ledger_takes_in_reviews_written_from_the_command_line(qtbot, open_window, tmp_path, db_path):
    doc = tmp_path / "article.md"
    shutil.copyfile(SAMPLE, doc)
    w = open_window(doc)
    _menu_action(w, "View", "Claim Ledger").trigger()
    from reader.ui.library_actions import _window

    ledger = _window(w, "ledger")
    qtbot.waitExposed(ledger)
    qtbot.waitUntil(lambda: ledger.summary.text().startswith("0 reviewed claims"), timeout=20000)
    assert ledger.proxy.rowCount() == 0

    reader("review", str(doc), "--claim", CLAIM, "--status", "disputed", "--note", "WHO counts differ", db=db_path)
    qtbot.waitUntil(lambda: ledger.proxy.rowCount() == 1, timeout=20000)
    cells = [ledger.proxy.index(0, c).data() for c in range(5)]
    assert cells[0] == "disputed" and cells[1] == CLAIM and cells[4] == "WHO counts differ"
    assert ledger.summary.text().startswith("1 reviewed claim in 1 document")
    qtbot.mouseClick(ledger.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=ledger.view.visualRect(ledger.proxy.index(0, 1)).center())
    assert ledger.view.selectionModel().isRowSelected(0)

    reader("review", str(doc), "--claim", CLAIM, "--status", "verified", db=db_path)
    qtbot.waitUntil(lambda: ledger.proxy.index(0, 0).data() == "verified", timeout=20000)
    assert ledger.proxy.index(0, 4).data() == "WHO counts differ"  # the note stays: only the status was given
    assert ledger.view.selectionModel().isRowSelected(0)  # the same row, still selected
    QApplication.processEvents()


def test_library_delta_keeps_the_order_the_filter_and_the_selected_document(qtbot, qtmodeltester):
    """Removals, changes that move a row, rows that stop or start matching the filter and new rows, at once:
    the rows end as a full re-read would show them, and the selected document stays selected."""
    import random

    from PySide6.QtWidgets import QTableView

    from notes_db.library import LibraryEntry
    from reader.ui.library_model import LibraryModel

    rnd = random.Random(5)

    def entry(i: int) -> LibraryEntry:
        return LibraryEntry(i, f"{rnd.choice(['river', 'storm', 'harbour'])} {i}", "", "text", f"/nowhere/{i}.txt",
                            6000, 0, 0, f"2026-01-{rnd.randint(1, 28):02d}", rnd.randint(0, 9), 0, 0)

    model = LibraryModel()
    view = QTableView()
    view.setModel(model)
    qtbot.addWidget(view)
    model.set_entries([entry(i) for i in range(300)])
    model.sort(4, Qt.SortOrder.DescendingOrder)  # by highlights: a change moves a row
    model.set_filter("r")  # "river", "storm" and "harbour" all match; "storm" alone does not match "ar"
    for _ in range(20):
        keep = {i: e for i, e in ((e.id, e) for e in model.all) if rnd.random() > 0.05}
        for i in rnd.sample(sorted(keep), 15):
            keep[i] = entry(i)  # new counts, titles (in or out of the filter), dates
        new = [entry(1000 + _ * 10 + k) for k in range(rnd.randint(0, 4))]
        selected = model.entries[rnd.randrange(len(model.entries))].id
        view.setCurrentIndex(model.index(next(r for r, e in enumerate(model.entries) if e.id == selected), 2))
        model.update_entries(sorted([*keep.values(), *new], key=lambda e: (e.opened, e.id), reverse=True))
        assert [e.id for e in model.entries] == [e.id for e in model._arranged()]
        assert [e for e in model.entries] == model._arranged()
        if any(e.id == selected for e in model.entries):
            assert model.entries[view.currentIndex().row()].id == selected and view.currentIndex().column() == 2
        model.set_filter(rnd.choice(["r", "ar", ""]))
    qtmodeltester.check(model)
