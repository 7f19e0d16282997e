"""What session 14's tryout found (/work/briefs/s14/tryout_report.md), each driven as the person did it."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

CTRL = Qt.KeyboardModifier.ControlModifier


def _focus(w):
    return QApplication.focusWidget()


def _claims_tab(qtbot, w, words: str = "56.1%"):
    """The Claims panel's Claims list, the claim with ``words`` clicked: (panel, claim key)."""
    qtbot.waitUntil(lambda: w.controller.analysis is not None, timeout=20000)
    panel = w.panels.analysis
    w.tabs.setCurrentWidget(panel)
    panel.sections.setCurrentIndex(1)
    i = next(k for k, c in enumerate(w.controller.analysis.claims) if words in c.text)
    item = panel.select_entry("claim", i)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=panel.tree.visualItemRect(item).center())
    qtbot.waitUntil(lambda: panel.review_row.isVisible())
    return panel, w.controller.analysis.claims[i].key


# -- 1.1: a claim reviewed with the keyboard only ---------------------------------------------------------------


def test_a_claim_reviewed_with_the_keyboard_keeps_the_focus_and_everything_typed(qtbot, open_window):
    w = open_window()
    panel, key = _claims_tab(qtbot, w)
    panel.tree.setFocus()
    qtbot.waitUntil(lambda: _focus(w) is panel.tree)
    for _ in range(6):  # Tab on from the list to the status box, as the person did
        if _focus(w) is panel.review_status:
            break
        qtbot.keyClick(_focus(w), Qt.Key.Key_Tab)
    assert _focus(w) is panel.review_status
    qtbot.keyClick(panel.review_status, Qt.Key.Key_Down)  # unchecked -> verified
    assert panel.review_status.currentData() == "verified"
    qtbot.waitUntil(lambda: panel.review_row.isVisible())
    assert _focus(w) is panel.review_status  # the person is still where they were
    before = len(w.session.highlights) if w.session is not None else 0
    qtbot.keyClick(panel.review_status, Qt.Key.Key_Tab)
    assert _focus(w) is panel.review_source
    qtbot.keyClicks(panel.review_source, "https://example.org/report-2020")
    qtbot.keyClick(panel.review_source, Qt.Key.Key_Tab)
    assert _focus(w) is panel.review_note
    qtbot.keyClicks(panel.review_note, "Figures 1 to 5 of the 2020 bulletin.")
    qtbot.keyClick(panel.review_note, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: key in w.controller.claim_reviews())
    r = w.controller.claim_reviews()[key]
    assert (r.status, r.source, r.note) == ("verified", "https://example.org/report-2020",
                                            "Figures 1 to 5 of the 2020 bulletin.")
    assert len(w.session.highlights) == before  # no digit typed became a colour key
    assert panel.review_row.isVisible() and _focus(w) is panel.review_note  # saved; the person is still there
    assert panel.review_note.toPlainText() == "Figures 1 to 5 of the 2020 bulletin."
    assert key in w.controller.claim_reviews()


def test_the_status_waits_for_enter_and_a_review_left_unsaved_is_saved_on_choosing_another_claim(qtbot, open_window,
                                                                                                 messages):
    w = open_window()
    panel, key = _claims_tab(qtbot, w)
    panel.review_status.setFocus()
    qtbot.waitUntil(lambda: _focus(w) is panel.review_status)
    qtbot.keyClick(panel.review_status, Qt.Key.Key_Down)
    qtbot.keyClick(panel.review_status, Qt.Key.Key_Down)  # on to disputed: verified was never saved on the way
    qtbot.keyClicks(panel.review_status, "12")  # digits typed here are the box's, not colour keys
    assert not w.session.highlights and not any("colour" in text for _level, text in messages)
    assert panel.review_status.currentData() == "disputed" and key not in w.controller.claim_reviews()
    qtbot.keyClick(panel.review_status, Qt.Key.Key_Escape)  # Escape: the status as saved
    assert panel.review_status.currentData() == "unchecked" and _focus(w) is panel.review_status
    qtbot.keyClick(panel.review_status, Qt.Key.Key_Down)
    qtbot.keyClick(panel.review_status, Qt.Key.Key_Return)  # Enter saves it
    qtbot.waitUntil(lambda: key in w.controller.claim_reviews())
    assert w.controller.claim_reviews()[key].status == "verified" and _focus(w) is panel.review_status
    assert "verified" in panel.tree.currentItem().text(0)

    qtbot.mouseClick(panel.review_note.viewport(), Qt.MouseButton.LeftButton)  # a note typed, then another claim
    qtbot.keyClicks(panel.review_note, "The bulletin says 56.1% too.")
    other = next(k for k, c in enumerate(w.controller.analysis.claims) if "39 million" in c.text)
    item = panel.select_entry("claim", other)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=panel.tree.visualItemRect(item).center())
    qtbot.waitUntil(lambda: w.controller.claim_reviews()[key].note == "The bulletin says 56.1% too.")
    assert panel.review_note.toPlainText() == "" and panel.review_status.currentData() == "unchecked"
    assert panel.tree.currentItem().data(0, Qt.ItemDataRole.UserRole) == ("claim", other)


# -- 1.2: Ctrl+Shift+N on the highlight just made with a colour key ---------------------------------------------


def test_ctrl_shift_n_after_a_colour_key_keeps_the_colour_and_opens_the_note(qtbot, open_window, messages):
    from tests.gui_helpers import point_at

    w = open_window()
    start = w.doc.text.index("COVID-")
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=point_at(w.view, start))
    qtbot.waitUntil(lambda: _focus(w) is w.view)
    qtbot.keyClick(w.view, Qt.Key.Key_Right, CTRL | Qt.KeyboardModifier.ShiftModifier)  # "COVID-" selected
    assert w.view.textCursor().hasSelection()
    qtbot.keyClick(w.view, Qt.Key.Key_4)  # blue
    qtbot.waitUntil(lambda: len(w.session.highlights) == 1)
    (h,) = w.session.highlights
    assert h.color == "blue"
    qtbot.keyClick(_focus(w), Qt.Key.Key_N, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: _focus(w) is w.editor.note)  # the note box takes the typing, for that highlight
    assert w.editor.highlight_id == h.id
    qtbot.keyClicks(w.editor.note, "Blue stays blue.")
    qtbot.keyClick(w.editor.note, Qt.Key.Key_Return, CTRL)
    (h,) = w.session.highlights
    assert (h.color, h.note) == ("blue", "Blue stays blue.")
    assert w.session.highlight(h.id).color == "blue"
    assert not any("yellow" in text for _level, text in messages)


def test_a_review_typed_and_not_saved_is_saved_on_quitting(qtbot, open_window, db_path):
    from notes_db.store import NotesDB

    w = open_window()
    panel, key = _claims_tab(qtbot, w)
    panel.review_status.setFocus()
    qtbot.waitUntil(lambda: _focus(w) is panel.review_status)
    qtbot.keyClick(panel.review_status, Qt.Key.Key_Down)
    qtbot.keyClick(panel.review_status, Qt.Key.Key_Tab)
    qtbot.keyClicks(panel.review_source, "https://example.org/b")
    doc_id = w.session.doc_id
    assert key not in w.controller.claim_reviews()
    w.close()  # Ctrl+Q's way out: nothing typed is lost
    with NotesDB(db_path) as store:
        r = store.claim_reviews(doc_id)[key]
    assert (r.status, r.source) == ("verified", "https://example.org/b")


# -- 1.5: a small window and a large font ---------------------------------------------------------------------


def test_a_small_window_with_a_large_font_keeps_its_size_its_panel_and_whole_labels(qtbot, open_window):
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QFont

    from reader.ui import fit
    from tests.gui_helpers import point_at

    app = QApplication.instance()
    normal = QFont(app.font())
    big = QFont(normal)
    big.setPointSizeF(normal.pointSizeF() * 1.5)  # as QT_FONT_DPI=144 makes it (offscreen has no DPI to set)
    app.setFont(big)
    try:
        w = open_window()
        w.resize(1024, 700)
        qtbot.waitUntil(lambda: w.size() == QSize(1024, 700))
        text = w.doc.text
        for words in ("Song Tao", "human progress", "protectionism", "unilateralism", "political smear"):
            start = text.index(words)
            w.controller.create_highlight(start, start + len(words), "green", "checked\nagainst the source", ["check"])
        start = text.index("COVID-")
        h = w.controller.create_highlight(start, start + 6, "blue", "", [])
        if not w.menus.panel_action.isChecked():
            w.menus.panel_action.trigger()
        qtbot.waitUntil(lambda: w.tabs.isVisible())
        w.tabs.setCurrentIndex(0)
        w.resize(1024, 420)  # smaller still: less than the panel would like once a note box shows
        qtbot.waitUntil(lambda: w.size() == QSize(1024, 420))
        qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=point_at(w.view, start + 2))
        qtbot.waitUntil(lambda: w.editor.isVisible() and w.editor.highlight_id == h.id)
        editor = w.editor
        qtbot.waitUntil(lambda: w.minimumSizeHint().height() > 420)  # laid out with the note box: more than there is
        w.layout().activate()  # the layout request that grew the window (before fit.py's floor), handled now
        QApplication.sendPostedEvents()
        QApplication.processEvents()
        assert w.size() == QSize(1024, 420)  # the window never grows by itself (it went to 1025 x 783)
        w.resize(1024, 700)
        qtbot.waitUntil(lambda: w.size() == QSize(1024, 700) and w.tabs.height() > 500)
        assert w.tabs.isVisible() and w.splitter.sizes()[1] >= fit.PANEL_MIN  # and the panel stays
        assert editor.heading.width() >= editor.heading.sizeHint().width()  # "Note", not "No"
        bottom = max(b.mapTo(editor, b.rect().bottomRight()).y()
                     for b in [*editor.swatches.values(), *editor.style_buttons.values()])
        right = max(b.mapTo(editor, b.rect().bottomRight()).x()
                    for b in [*editor.swatches.values(), *editor.style_buttons.values()])
        assert right < editor.width() and bottom < editor.note.geometry().top()  # every button whole, none under
        assert editor.save_button.mapTo(w, editor.save_button.rect().bottomLeft()).y() < w.statusBar().y()
    finally:
        app.setFont(normal)


# -- section 2 ---------------------------------------------------------------------------------------------------


def _ink_rows(img, x0: int, x1: int, y0: int, y1: int) -> int:
    from PySide6.QtGui import QColor

    return sum(1 for y in range(max(0, y0), min(img.height(), y1))
               if any(QColor(img.pixel(x, y)).lightness() < 110 for x in range(x0, min(img.width(), x1))))


def test_a_note_card_shows_a_notes_lines_as_lines(qtbot, open_window):
    w = open_window()
    text = w.doc.text
    two = "Sticky: is this true? — Erin\nReply: yes, see Sec 6 — Frank"
    for words, note in (("Song Tao", two), ("PR China", "One line only")):
        start = text.index(words)
        w.controller.create_highlight(start, start + len(words), "yellow", note, [])
    w.tabs.setCurrentIndex(0)
    lst = w.panel.list
    qtbot.waitUntil(lambda: lst.model().rowCount() == 2 and lst.isVisible())
    d = lst.itemDelegate()
    inked = {}
    for row in range(2):
        index = lst.model().index(row, 0)
        rect = lst.visualRect(index)
        img = lst.viewport().grab(rect).toImage()
        # the second line under a one-line quote: where the note's own second line goes
        y = 2 + d.PAD + d.line_small + 3 + d.line_quote + 3 + d.line_body
        inked[index.data(Qt.ItemDataRole.ToolTipRole)] = _ink_rows(img, 20, rect.width() - 20, y, y + d.line_body)
    assert inked[two] >= 4  # "Reply: yes, see Sec 6 — Frank" on a line of its own
    assert inked["One line only"] == 0


@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing the keyboard")
def test_taking_a_correction_back_says_what_the_quote_is_again(qtbot, open_window, messages):
    from reader.quote_fixes import reading
    from reader.speaker_labels import DISMISSED
    from tests.test_quote_corrections import _groups, _on_a_named_quote

    w, panel, found, index, fix = _on_a_named_quote(qtbot, open_window)
    # plain English, the same whichever was taken back (s15: "The analysis's reading again."; "Restored as a
    # quote, X's as the analysis found.")
    said = f"Restored the analysis's reading: {reading(w.controller.analysis.quotes[index].kind, found)}."
    assert said.startswith("Restored the analysis's reading: a") and said.endswith(f" by {found}.")
    qtbot.mouseClick(fix.dismiss_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: index in _groups(panel).get(DISMISSED, []))
    qtbot.mouseClick(fix.undo_button, Qt.MouseButton.LeftButton)  # Restore
    qtbot.waitUntil(lambda: index in _groups(panel).get(found, []))
    assert messages[-1] == ("status", said)

    qtbot.mouseClick(fix.wrong_button, Qt.MouseButton.LeftButton)
    fix.who.selectAll()
    qtbot.keyClicks(fix.who, "Ada Lovelace")
    qtbot.keyClick(fix.who, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: index in _groups(panel).get("Ada Lovelace", []))
    qtbot.mouseClick(fix.undo_button, Qt.MouseButton.LeftButton)  # Undo correction
    qtbot.waitUntil(lambda: index in _groups(panel).get(found, []))
    assert messages[-1] == ("status", said)


def test_correct_help_says_what_undo_does(capsys):
    from reader.cli import main

    with pytest.raises(SystemExit):
        main(["correct", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "--undo restore the analysis's reading: take your correction back" in out
    assert "again" not in out.split("--undo", 1)[1].split("--password", 1)[0]


def test_the_librarys_title_cell_cuts_the_title_never_the_file_name_of_a_copy(qtbot, window, db_path, tmp_path):
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QTextLayout
    from PySide6.QtWidgets import QStyleOptionViewItem

    from notes_db.store import NotesDB
    from reader.ui.library_title import text_room

    title = "Trace-based Just-in-Time Type Specialization for Dynamic Languages"
    with NotesDB(db_path) as store:
        for sha, name in (("a", "exp_annot.pdf"), ("b", "annot.pdf")):
            path = tmp_path / "pdfs" / name
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(b"%PDF-1.4\n")
            store.register_document(sha * 64, str(path), title, "pdf", 90_000)
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL | Qt.KeyboardModifier.ShiftModifier)
    lib = window.library_window
    qtbot.waitExposed(lib)
    qtbot.waitUntil(lambda: lib.model.rowCount() == 2)
    table = lib.table
    for row in range(2):
        index = table.model().index(row, 0)
        name = lib.model.entries[row].path.rsplit("/", 1)[-1]
        for width in range(240, 520):  # every width the column may have: the style draws what the delegate gives
            opt = QStyleOptionViewItem()
            table.initViewItemOption(opt)
            opt.rect = QRect(0, 0, width, 26)
            table.itemDelegateForIndex(index).initStyleOption(opt, index)
            layout = QTextLayout(opt.text, opt.font)  # measured as the style lays it out (not by font metrics)
            layout.beginLayout()
            line = layout.createLine()
            line.setLineWidth(100_000)
            layout.endLayout()
            assert opt.text.endswith(f"pdfs/{name}"), (width, opt.text)
            assert line.naturalTextWidth() <= text_room(opt), (width, opt.text)  # so the style cuts nothing more


def test_the_speakers_window_names_two_copies_of_one_file_name_by_their_folders(qtbot, window, tmp_path):
    from tests.test_similar_quotes_copies import xi_heads_of_copies

    copies = [tmp_path / folder / "sample-article.md" for folder in ("resources", "copy")]  # (tryout s14, s22)
    for path in copies:  # the same file name in two folders
        path.parent.mkdir()
    heads = xi_heads_of_copies(qtbot, window, copies)
    assert "— copy/sample-article.md (" in heads[0] and "— resources/sample-article.md (" in heads[1], heads


def test_the_import_banner_names_a_reply_that_came_in(qtbot, window, tmp_path, messages):
    from tests.test_pdf_own_highlights_added_later import add_annotation, make_pdf, open_other, open_pdf
    from tests.test_pdf_reply_added_later import add_reply

    pdf = make_pdf(tmp_path / "paper.pdf")
    open_pdf(qtbot, window, pdf)
    open_other(qtbot, window, tmp_path)
    messages.clear()
    add_reply(pdf)  # another program answers the note, and highlights more (tryout s14, s15)
    add_annotation(pdf)
    open_pdf(qtbot, window, pdf)
    qtbot.waitUntil(lambda: any(t.startswith("Imported 1 highlight") for _l, t in messages), timeout=10000)
    text = next(t for _l, t in messages if t.startswith("Imported 1 highlight"))
    assert text == "Imported 1 highlight and 1 reply already in this PDF (marked as imported).", text
    assert window.banner.isVisible() and "1 reply" in window.banner.text()

    alone = make_pdf(tmp_path / "alone.pdf")  # a reply alone
    open_pdf(qtbot, window, alone)
    open_other(qtbot, window, tmp_path)
    messages.clear()
    add_reply(alone, "A second answer.", "Eve")
    open_pdf(qtbot, window, alone)
    qtbot.waitUntil(lambda: any(t.startswith("Imported ") for _l, t in messages), timeout=10000)
    assert ("info", "Imported 1 reply already in this PDF (marked as imported).") in messages


def test_at_1024_wide_the_claims_summary_says_its_counts_on_its_one_line(qtbot, open_window):
    from PySide6.QtCore import QSize

    w = open_window()
    w.resize(1024, 700)
    qtbot.waitUntil(lambda: w.size() == QSize(1024, 700))
    qtbot.waitUntil(lambda: w.controller.analysis is not None, timeout=20000)
    panel = w.panels.analysis
    w.tabs.setCurrentWidget(panel)
    status = panel.status
    qtbot.waitUntil(lambda: status.compact and status.isVisible())  # a short panel: one line
    line = status.fontMetrics().lineSpacing()
    qtbot.waitUntil(lambda: status.height() < 2 * line)
    shown = status.shown_text()
    assert shown == status.short and not shown.endswith("…"), shown  # all of its counts, whole
    n = r"[\d,]+"
    assert re.fullmatch(rf"{n} speakers? · {n} quotes? · {n} positions? · {n} claims? · {n} terms?", shown), shown
    assert status.fontMetrics().horizontalAdvance(shown) <= status.contentsRect().width()
    assert status.toolTip() == status.text() and "Click an entry" in status.toolTip()  # the sentence on hover
    panel.set_busy("Finding claims and quotes… 40% of a sentence long enough to need more than this one line")
    qtbot.waitUntil(lambda: status.shown_text().endswith("…"))  # no short form: cut where it stops, and it says so
