"""Sync in the window, against a real PostgreSQL server: File > Sync Now, the status line, the Group tab."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from PySide6.QtCore import Qt

from notes_db.store import NotesDB
from notes_db.sync import config
from notes_db.sync.client import sync
from notes_db.sync.groups import add_member, create_group
from reader.loaders import load
from reader.ui.main_window import MainWindow
from tests.conftest import SAMPLE
from tests.gui_helpers import shown_window
from tests.pg_server import (
    PgServer,
    pg,  # noqa: F401  (the session's server fixture)
)
from tests.sync_helpers import Site, role_of


@pytest.fixture
def window(qtbot, db_path, tmp_path, monkeypatch):
    monkeypatch.setenv("READER_SYNC_CONFIG", str(tmp_path / "config" / "sync.json"))

    def make() -> MainWindow:
        w = shown_window(qtbot, db_path)
        w.open_path(SAMPLE)
        qtbot.waitUntil(lambda: w.session is not None and w.session.doc is w.doc and w.panels.built)
        return w

    return make


def _passage(doc_text: str, words: str) -> tuple[int, int]:
    start = doc_text.index(words)
    return start, start + len(words)


def test_sync_now_brings_a_highlight_from_another_device_and_says_so(qtbot, window, tmp_path: Path,
                                                                   pg: PgServer) -> None:  # noqa: F811
    site = Site(pg)
    url = site.person("gui")
    # The same person's other computer, with a note on the sample article.
    doc = load(SAMPLE)
    other = NotesDB(tmp_path / "other.sqlite")
    rec = other.register_document(doc.fingerprint, "/elsewhere/sample.md", doc.title, doc.kind, len(doc.text))
    start, end = _passage(doc.text, doc.text.split()[5])
    other.add_highlight(rec.id, start, end, doc.text[start:end], color="green", note="from the laptop")
    sync(other, url)

    w = window()
    status = w.panels.sync
    assert status.label.text().startswith("Sync: off")
    config.save(server=url)
    w.highlight_selection  # noqa: B018  (the window is ready for a person)
    status.action.trigger()
    assert status.label.text() == "Syncing…"
    qtbot.waitUntil(lambda: not status.running, timeout=20000)
    assert status.label.text().startswith("Synced ")
    assert [h.note for h in w.session.highlights] == ["from the laptop"]
    assert w.panel.count() == 1  # the Notes tab shows it too

    # A change here is counted as pending until the next sync.
    w.session.create(end + 1, end + 5, "yellow", "made here", [])
    status.update_label()
    assert status.label.text().endswith(" · 1 pending")
    status.action.trigger()
    qtbot.waitUntil(lambda: not status.running, timeout=20000)
    assert "pending" not in status.label.text()
    sync(other, url)
    assert sorted(h.note for h in other.highlights(rec.id)) == ["from the laptop", "made here"]


def test_an_unreachable_server_is_one_line_in_the_status_bar_and_changes_wait(qtbot, window, tmp_path: Path,
                                                                             pg: PgServer) -> None:  # noqa: F811
    w = window()
    config.save(server=f"postgresql://nobody:x@127.0.0.1:{_closed_port()}/none")
    w.session.create(0, 4, "yellow", "", [])
    w.panels.sync.action.trigger()
    qtbot.waitUntil(lambda: not w.panels.sync.running, timeout=20000)
    text = w.panels.sync.label.text()
    assert text.startswith("Sync failed · 2 pending: The sync server cannot be reached") and "\n" not in text
    assert len(w.session.highlights) == 1  # the work is all still here


def test_group_tab_shows_the_groups_highlights_with_their_authors_filtered(qtbot, window, tmp_path: Path,
                                                                          pg: PgServer) -> None:  # noqa: F811
    site = Site(pg)
    alice, bob = site.person("alice"), site.person("bob")
    group = f"desk_{site.tag}"
    create_group(alice, group)
    add_member(alice, group, role_of(bob))
    doc = load(SAMPLE)
    a = NotesDB(tmp_path / "alice.sqlite")
    rec = a.register_document(doc.fingerprint, "/alice/sample.md", doc.title, doc.kind, len(doc.text))
    start, end = _passage(doc.text, doc.text.split()[8])
    h = a.add_highlight(rec.id, start, end, doc.text[start:end], note="alice checked this")
    a.share_highlight(h.id, group)
    sync(a, alice)

    w = window()  # bob's window
    config.save(server=bob)
    w.session.create(0, 4, "yellow", "bob's own", [])
    w.panels.sync.action.trigger()
    qtbot.waitUntil(lambda: not w.panels.sync.running, timeout=20000)
    panel = w.panels.sync.panel
    w.tabs.setCurrentWidget(panel)

    def shown() -> list[str]:
        return [panel.model.data(panel.model.index(i)) for i in range(panel.model.rowCount())]

    assert any(line.startswith(f"{role_of(alice)}: ") and "alice checked this" in line for line in shown())
    assert any(line.startswith("you: ") for line in shown())
    panel.filter.setCurrentText("Group")
    assert len(shown()) == 1 and shown()[0].startswith(role_of(alice))
    panel.filter.setCurrentText("Mine")
    assert len(shown()) == 1 and "bob's own" in shown()[0]
    w.session.create(10, 14, "green", "another of bob's", [])
    qtbot.waitUntil(lambda: len(shown()) == 2)  # the list follows edits
    panel.filter.setCurrentText("Group")
    rect = panel.list.visualRect(panel.model.index(0))
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: w.view.flashing, timeout=3000)  # the passage flashes in the text
    # In the margin too: a badge with alice's initials beside the line where her highlight starts.
    marks = w.panels.sync.marks
    qtbot.waitUntil(lambda: len(marks.rects()) == 1)
    (author, rect), = marks.rects()
    line = w.view.cursorRect(w.view.cursor_at(start))
    assert author == role_of(alice) and abs(rect.center().y() - line.center().y()) <= 2
    assert rect.left() > line.right()  # in the margin, right of the text
    w.grab().save(str(tmp_path / "group.png"))


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_background_sync_runs_by_itself_when_configured(qtbot, window, tmp_path: Path, pg: PgServer) -> None:  # noqa: F811
    site = Site(pg)
    url = site.person("auto")
    config.save(server=url, auto=1)  # as 'reader sync --auto 1' leaves it
    w = window()
    assert w.panels.sync.timer.isActive() and w.panels.sync.timer.interval() == 1000
    w.session.create(0, 4, "yellow", "sent without asking", [])
    qtbot.waitUntil(lambda: w.panels.sync.label.text().startswith("Synced ")
                    and "pending" not in w.panels.sync.label.text(), timeout=20000)
    other = NotesDB(tmp_path / "other.sqlite")
    sync(other, url)
    assert [r[0] for r in other.db.execute("SELECT note FROM highlights")] == ["sent without asking"]


def _sync_in(qtbot, w: MainWindow) -> None:
    w.panels.sync.action.trigger()
    qtbot.waitUntil(lambda: not w.panels.sync.running, timeout=20000)
    assert not w.panels.sync.error, w.panels.sync.error


def _members(pg: PgServer) -> tuple[Site, str, str, str]:  # noqa: F811
    site = Site(pg)
    alice, bob = site.person("alice"), site.person("bob")
    group = f"desk_{site.tag}"
    create_group(alice, group)
    add_member(alice, group, role_of(bob))
    return site, alice, bob, group


def test_the_claim_ledger_shows_each_members_review(qtbot, window, tmp_path: Path, pg: PgServer) -> None:  # noqa: F811
    from notes_db.reviews import set_review
    from reader.ui.library_actions import _window

    _site, alice, bob, group = _members(pg)
    doc = load(SAMPLE)
    one, two = [x.strip() for x in doc.text.split(". ") if len(x.strip()) > 40 and "\n" not in x.strip()][:2]
    s1, s2 = doc.text.index(one), doc.text.index(two)
    a = NotesDB(tmp_path / "alice.sqlite")
    rec = a.register_document(doc.fingerprint, "/alice/sample.md", doc.title, doc.kind, len(doc.text))
    a.share_document(rec.id, group)
    set_review(a, rec.id, "c1", "disputed", "two sources disagree", text=one, kind="figure", start=s1, end=s1 + len(one))
    set_review(a, rec.id, "c2", "verified", "checked with the council", text=two, start=s2, end=s2 + len(two))
    sync(a, alice)

    w = window()  # bob's window, on the same article
    config.save(server=bob)
    set_review(w.controller.store, w.session.doc_id, "c1", "verified", "my reading", text=one, start=s1, end=s1 + len(one))
    _sync_in(qtbot, w)
    view_menu = next(act.menu() for act in w.menuBar().actions() if act.text().replace("&", "") == "View")
    next(act for act in view_menu.actions() if act.text().replace("&", "") == "Claim Ledger").trigger()
    ledger = _window(w, "ledger")
    qtbot.waitUntil(lambda: ledger.model.rowCount() == 2, timeout=20000)
    rows = [[ledger.model.item(r, c).text() for c in range(ledger.model.columnCount())] for r in range(2)]
    header = [ledger.model.horizontalHeaderItem(c).text() for c in range(ledger.model.columnCount())]
    assert header[-1] == "Group"
    assert rows[0][:2] == ["verified", " ".join(one.split())] and rows[0][4] == "my reading"
    assert rows[0][-1] == f"{role_of(alice)}: disputed — two sources disagree"
    # A claim only alice reviewed is there too, marked as not yours.
    assert rows[1][:3] == ["—", " ".join(two.split()), doc.title]
    assert rows[1][-1] == f"{role_of(alice)}: verified — checked with the council"
    assert "Your groups: 2 reviews." in ledger.summary.text()
    # The status filter finds a member's verdict too.
    ledger.status_filter.setCurrentIndex(ledger.status_filter.findData("disputed"))
    assert [r.key for r in ledger.visible_rows()] == ["c1"]
    ledger.status_filter.setCurrentIndex(0)
    qtbot.keyClicks(ledger.filter_text, "council")
    assert [r.key for r in ledger.visible_rows()] == ["c2"]
    ledger.resize(1300, 400)
    ledger.grab().save(str(tmp_path / "ledger.png"))
    # The Group tab says the same, with the claim's words.
    panel = w.panels.sync.panel
    lines = [panel.model.data(panel.model.index(i)) for i in range(panel.model.rowCount())]
    assert f"{role_of(alice)}: disputed, “{' '.join(one.split())[:89]}" in "\n".join(lines)
    # Double-clicking alice's claim shows it in the text.
    ledger.view.doubleClicked.emit(ledger.proxy.index(0, 1))
    qtbot.waitUntil(lambda: w.view.flashing, timeout=3000)


def test_documents_from_another_device_are_listed_and_linked_by_their_content(
        qtbot, window, tmp_path: Path, pg: PgServer, monkeypatch: pytest.MonkeyPatch, messages) -> None:  # noqa: F811
    from PySide6.QtWidgets import QFileDialog

    site = Site(pg)
    url = site.person("kim")
    files = tmp_path / "laptop"
    files.mkdir()
    texts = {"budget": "# The budget\n\nThe council said the budget rose by 12 percent last year.\n",
             "harbour": "# The harbour\n\nNobody agreed on who would pay for the new harbour wall.\n"}
    laptop = NotesDB(tmp_path / "laptop.sqlite")
    for name, text in texts.items():
        (files / f"{name}.md").write_text(text, encoding="utf-8")
        doc = load(files / f"{name}.md")
        rec = laptop.register_document(doc.fingerprint, str(files / f"{name}.md"), doc.title, doc.kind, len(doc.text))
        s = doc.text.index("budget" if name == "budget" else "harbour wall")
        laptop.add_highlight(rec.id, s, s + 6, doc.text[s:s + 6], note=f"{name} note from the laptop")
    sync(laptop, url)

    w = window()  # this device: it has never seen those files
    config.save(server=url)
    _sync_in(qtbot, w)
    menu = w.menus.recent_menu
    menu.aboutToShow.emit()
    labels = [a.text() for a in menu.actions()]
    assert "Not on this device:" in labels
    assert "The budget  —  Locate…" in labels and "The harbour  —  Locate…" in labels
    assert not any("pending:" in t for t in labels)
    qtbot.keyClick(w, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    lib = w.library_window
    qtbot.waitExposed(lib)
    assert sorted(lib.row_texts(0))[:2] == ["The budget  (not on this device)", "The harbour  (not on this device)"]

    # Locate… with the wrong file: refused, nothing changes.
    here = tmp_path / "desktop"
    here.mkdir()
    (here / "budget copy.md").write_text(texts["budget"], encoding="utf-8")  # same bytes, another name
    (here / "other.md").write_text("# Something else\n\nNot the budget at all.\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(here / "other.md"), "")))
    next(a for a in menu.actions() if a.text() == "The budget  —  Locate…").trigger()
    assert messages[-1] == ("warning", "other.md is not “The budget”: its content differs. Nothing was changed.")
    assert w.doc.path.name == "sample-article.md"
    # The right file (found by its content, whatever its name): it opens with its notes.
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(here / "budget copy.md"), "")))
    menu.aboutToShow.emit()
    next(a for a in menu.actions() if a.text() == "The budget  —  Locate…").trigger()
    qtbot.waitUntil(lambda: w.doc.path.name == "budget copy.md" and w.session is not None and w.session.doc is w.doc)
    assert [h.note for h in w.session.highlights] == ["budget note from the laptop"]

    # Opening a file with the same content any other way links it too.
    (here / "harbour.md").write_text(texts["harbour"], encoding="utf-8")
    w.open_path(here / "harbour.md")
    qtbot.waitUntil(lambda: w.doc.path.name == "harbour.md" and w.session is not None and w.session.doc is w.doc)
    assert [h.note for h in w.session.highlights] == ["harbour note from the laptop"]
    menu.aboutToShow.emit()
    assert "Not on this device:" not in [a.text() for a in menu.actions()]
    lib.reload()
    assert not any("not on this device" in t for t in lib.row_texts(0))


def test_a_members_highlights_have_badges_on_the_pdfs_pages_too(qtbot, window, tmp_path: Path, pg: PgServer,  # noqa: F811
                                                                specimen) -> None:
    _site, alice, bob, group = _members(pg)
    pdf = specimen("normal/tracemonkey.pdf")
    w = window()  # bob's window
    config.save(server=bob)
    w.open_path(pdf)
    qtbot.waitUntil(lambda: w.doc is not None and w.doc.path == pdf and w.session is not None
                    and w.session.doc is w.doc and bool(w.doc.words), timeout=30000)
    pv = w.page_view
    assert w.current_view is pv
    text = w.doc.text
    start = text.index("Trace-based")
    end = start + len("Trace-based")
    # alice, on her own computer, highlights the same words of the same PDF and shares the document
    a = NotesDB(tmp_path / "alice.sqlite")
    rec = a.register_document(w.doc.fingerprint, "/alice/tracemonkey.pdf", w.doc.title, "pdf", len(text))
    a.share_document(rec.id, group)
    a.add_highlight(rec.id, start, end, text[start:end], note="the key idea", page=0,
                    rects=w.doc.rects_for(start, end))
    sync(a, alice)

    _sync_in(qtbot, w)
    marks = w.panels.sync.page_marks
    assert marks is not None
    pv.scroll_to(start)
    qtbot.waitUntil(lambda: len(marks.rects()) == 1, timeout=5000)
    (author, rect), = marks.rects()
    word = pv.point_of(start)
    page = pv.page_rect(int(w.doc.rects_for(start, start + 1)[0][0]))
    assert author == role_of(alice) and abs(rect.center().y() - word.y()) <= 3
    assert word.x() < rect.left() and rect.right() <= page.right()  # in the page's right margin
    # It scrolls with the page: gone when its page is off screen.
    pv.go_to_page(pv.count - 1)
    qtbot.waitUntil(lambda: marks.rects() == [], timeout=5000)
    pv.scroll_to(start)
    qtbot.waitUntil(lambda: len(marks.rects()) == 1, timeout=5000)
    w.grab().save(str(tmp_path / "pdf-badges.png"))


def test_undoing_a_delete_brings_the_same_highlight_back_on_the_other_device(qtbot, window, tmp_path: Path,
                                                                              pg: PgServer) -> None:  # noqa: F811
    from tests.gui_helpers import point_at
    from tests.test_gui import SENTENCE, highlight_passage

    url = Site(pg).person("lee")
    w = window()
    config.save(server=url)
    s, _e = highlight_passage(qtbot, w, SENTENCE)
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=point_at(w.view, s + 5))
    qtbot.mouseClick(w.editor.note.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(w.editor.note, "worth keeping")
    qtbot.mouseClick(w.editor.save_button, Qt.MouseButton.LeftButton)
    _sync_in(qtbot, w)
    other = NotesDB(tmp_path / "other.sqlite")
    sync(other, url)

    def theirs() -> list[tuple[str, str]]:
        return other.db.execute("SELECT s.gid, h.note FROM highlights h JOIN sync_rows s "
                                "ON s.kind = 'highlight' AND s.local_id = h.id").fetchall()

    ((gid, note),) = theirs()
    assert note == "worth keeping"
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=point_at(w.view, s + 5))
    qtbot.mouseClick(w.editor.delete_button, Qt.MouseButton.LeftButton)
    assert w.session.highlights == []
    _sync_in(qtbot, w)
    sync(other, url)
    assert theirs() == []
    w.menus.undo_action.trigger()  # Ctrl+Z
    assert [h.note for h in w.session.highlights] == ["worth keeping"]
    _sync_in(qtbot, w)
    sync(other, url)
    assert theirs() == [(gid, "worth keeping")]  # the same highlight, not a copy
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT count(*) FROM reader.items WHERE kind = 'highlight'").fetchone()[0] == 1
