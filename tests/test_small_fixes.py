"""Small things a new user saw: plurals, an idle sync line, one pair of zoom items, the Library's header."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui_helpers import select_text


def _all_actions(menu) -> list:
    out = []
    for a in menu.actions():
        out.append(a)
        if a.menu() is not None:
            out += _all_actions(a.menu())
    return out


def test_one_zoom_pair_in_the_view_menu(open_window):
    w = open_window()
    texts = [a.text().replace("&", "") for a in _all_actions(w.menus.view_menu)]
    assert texts.count("Zoom In") == 1 and texts.count("Zoom Out") == 1 and texts.count("Actual Size") == 1


def test_sync_never_set_up_says_off_and_counts_nothing(qtbot, open_window, monkeypatch, tmp_path):
    monkeypatch.setenv("READER_SYNC_CONFIG", str(tmp_path / "config" / "sync.json"))  # no server
    w = open_window()
    w.panels.build()
    passage = "The world today is undergoing major changes"
    s = w.doc.text.index(passage)
    select_text(qtbot, w.view, s, s + len(passage))
    qtbot.keyClick(w.view, Qt.Key.Key_1)
    assert len(w.session.highlights) == 1
    status = w.panels.sync
    status.ticker.timeout.emit()  # the line's next refresh
    assert status.label.text() == "Sync: off"


def test_a_one_page_pdf_and_a_one_document_library_are_singular(qtbot, open_window, tmp_path):
    import pymupdf

    pdf = tmp_path / "one.pdf"
    d = pymupdf.open()
    d.new_page().insert_text((72, 72), "A single page with a sentence on it, for the test.")
    d.save(pdf)
    d.close()
    w = open_window(pdf)
    qtbot.waitUntil(lambda: w.doc is not None and w.doc.path == pdf)
    qtbot.waitUntil(lambda: "PDF · 1 page" in w.doc_info.text())
    assert "1 pages" not in w.doc_info.text()
    qtbot.keyClick(w, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    lib = w.library_window
    qtbot.waitExposed(lib)
    qtbot.waitUntil(lambda: lib.model.rowCount() == 1)
    assert lib.count.text() == "1 document"
    assert lib.model.index(0, 3).data() == "1 page"  # Size
    h = lib.table.horizontalHeader()
    for col in range(1, lib.model.columnCount()):  # every title whole (the first column stretches)
        assert h.sectionSize(col) >= h.sectionSizeHint(col), lib.model.headerData(col, Qt.Orientation.Horizontal)
    lib.close()


def test_a_markdown_opened_while_a_pdf_reads_its_text_stays_with_pdf_items_greyed(qtbot, open_window, specimen):
    from tests.conftest import SAMPLE

    w = open_window()
    pdf = specimen("normal/tracemonkey.pdf")
    w.open_path(pdf)
    qtbot.waitUntil(lambda: w.controller._load_task is not None, timeout=10000)  # page 1 shown, the text reading
    reading = w.controller._load_task
    w.open_path(SAMPLE)  # the person moves on at once
    qtbot.waitUntil(lambda: not reading.is_running(), timeout=20000)
    qtbot.wait(50)  # what the finished reading would have delivered
    assert w.doc.path == SAMPLE and w.stack.currentWidget() is w.view
    a = w.menus
    assert not any(x.isEnabled() for x in (a.page_action, a.fit_width_action, a.fit_page_action, a.export_pdf_action))
