"""A highlight's style chosen as a person chooses it, beside the colours (Edit > Highlight, the toolbar's style
button, the selection's and a highlight's right-click menus, the note editor), changed in one undoable step,
and drawn as such: a line under, a wavy line under or a line through the words in the highlight's colour, not a
band, in the text and on a PDF's pages; the highlights list says the style."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QAction, QColor, QImage
from PySide6.QtWidgets import QMenu

from reader.ui import style
from reader.ui.highlight_styles import line_color
from tests.gui_helpers import select_text
from tests.test_pdf_own_highlights_first_seen import open_pdf
from tests.test_pdf_sticky_notes import marked_pdf

PASSAGE = "56.1% are Party members"


def _menu_action(menu: QMenu, *path: str) -> QAction:
    """The action at ``path`` of ``menu`` (labels without their '&'), as a person finds it."""
    for label in path:
        a = next(a for a in menu.actions() if a.text().replace("&", "") == label)
        if a.menu() is None:
            return a
        menu = a.menu()
    raise AssertionError(f"{path} is a menu")


def _near(c: QColor, target: QColor, tol: int = 40) -> bool:
    return max(abs(c.red() - target.red()), abs(c.green() - target.green()), abs(c.blue() - target.blue())) <= tol


def _count(img: QImage, area: QRect, target: QColor, tol: int = 40) -> int:
    return sum(_near(img.pixelColor(x, y), target, tol) for x in range(area.left(), area.right())
               for y in range(area.top(), area.bottom()))


def _passage_area(w, start: int, end: int) -> QRect:
    """Where the passage (one line) is in the reading view's viewport, with room under it for an underline."""
    view = w.view
    view.scroll_to(start)
    a, b = view.cursorRect(view.cursor_at(start)), view.cursorRect(view.cursor_at(end))
    assert a.top() == b.top(), "the passage is on one line"
    return QRect(a.left() + 2, a.top(), b.left() - a.left() - 4, a.height() + 4)


def _drawn(w, start: int, end: int, target: QColor, tol: int = 40) -> int:
    area = _passage_area(w, start, end)
    return _count(w.view.viewport().grab().toImage(), area, target, tol)


def test_underline_chosen_in_the_edit_menu_then_key_2_draws_a_red_line_not_a_band(qtbot, open_window, tmp_path,
                                                                                   messages):
    w = open_window()
    s = w.doc.text.index(PASSAGE)
    e = s + len(PASSAGE)
    select_text(qtbot, w.view, s, e)
    _menu_action(w.menus.edit_menu, "Highlight", "Underline").trigger()
    assert w.menus.styles.button.toolTip() == "Style of new highlights: Underline"
    assert w.view.selection_range() == (s, e)  # (choosing the style keeps the selection for the colour)
    assert ("status", "New highlights: underline. Choose a colour (1-5) for the selection.") in messages
    qtbot.keyClick(w.view, Qt.Key.Key_2)
    assert ("status", "Underline in red. Ctrl+Z undoes.") in messages
    (h,) = w.session.highlights
    assert (h.exact, h.color, h.style) == (PASSAGE, "red", "underline")
    assert "underlined" in w.panel.entry_text(0).split("\n")[0]  # the card's first line says it
    assert w.editor.style_buttons["underline"].isChecked()
    qtbot.waitUntil(lambda: not w.view.flashing)
    qtbot.waitUntil(lambda: _drawn(w, s, e, line_color("red"), 30) > (e - s) * 2)  # a line of the passage's length
    assert _drawn(w, s, e, style.highlight_fill("red"), 6) < 10  # and no band (a few edge pixels at most)
    w.view.viewport().grab().save(str(tmp_path / "underline.png"))


def test_a_highlights_style_changed_from_its_menu_is_one_undoable_step(qtbot, open_window, tmp_path):
    w = open_window()
    s = w.doc.text.index(PASSAGE)
    e = s + len(PASSAGE)
    select_text(qtbot, w.view, s, e)
    qtbot.keyClick(w.view, Qt.Key.Key_3)  # green, a band (the pen is a highlighter)
    (h,) = w.session.highlights
    assert h.style == "highlight"
    qtbot.waitUntil(lambda: not w.view.flashing)
    band = style.highlight_fill("green")
    qtbot.waitUntil(lambda: _drawn(w, s, e, band, 6) > 100)

    menu = QMenu()
    w.view.menu_provider(menu, s + 3)
    strike = _menu_action(menu, "Change Style", "Strike-out")
    assert _menu_action(menu, "Change Style", "Highlight").isChecked() and not strike.isChecked()
    strike.trigger()
    assert w.session.highlight(h.id).style == "strikeout"
    assert w.controller.undo_stack.undoText() == "Change style"
    assert w.editor.style_buttons["strikeout"].isChecked()
    assert "struck out" in w.panel.entry_text(0).split("\n")[0]
    ink = QColor(style.HIGHLIGHT_COLORS["green"]).darker(160)  # the words and their line, in the green's ink
    qtbot.waitUntil(lambda: _drawn(w, s, e, band, 6) < 10)
    assert _drawn(w, s, e, ink, 30) > 50
    w.view.viewport().grab().save(str(tmp_path / "strikeout.png"))

    w.menus.undo_action.trigger()  # Edit > Undo: a band again, in one step
    assert w.session.highlight(h.id).style == "highlight"
    assert w.editor.style_buttons["highlight"].isChecked()
    qtbot.waitUntil(lambda: _drawn(w, s, e, band, 6) > 100)
    assert "struck out" not in w.panel.entry_text(0)
    w.menus.redo_action.trigger()
    assert w.session.highlight(h.id).style == "strikeout"
    w.close()
    w2 = open_window()  # stored
    qtbot.waitUntil(lambda: w2.panel.count() == 1)
    assert w2.session.highlights[0].style == "strikeout"


def test_the_note_editor_and_the_toolbar_offer_the_styles_beside_the_colours(qtbot, open_window, tmp_path):
    w = open_window()
    s = w.doc.text.index(PASSAGE)
    select_text(qtbot, w.view, s, s + len(PASSAGE))
    qtbot.keyClick(w.view, Qt.Key.Key_1)
    (h,) = w.session.highlights
    qtbot.mouseClick(w.editor.style_buttons["squiggly"], Qt.MouseButton.LeftButton)
    assert w.session.highlight(h.id).style == "squiggly" and w.session.highlight(h.id).color == "yellow"
    assert w.controller.undo_stack.undoText() == "Change style"
    # the toolbar's style button: the four styles, the pen's checked
    button = w.menus.styles.button
    assert button.isVisible() and button.parent() is not None
    menu = button.menu()
    assert [a.text().replace("&", "") for a in menu.actions()] == ["Highlight", "Underline", "Squiggly Underline",
                                                                   "Strike-out"]
    assert menu.actions()[0].isChecked()  # new highlights: bands, still
    w.grab().save(str(tmp_path / "editor.png"))
    # with no text selected, a style chosen there is the chosen highlight's (as a colour is)
    w.panel.select(h.id)
    menu.actions()[3].trigger()
    assert w.session.highlight(h.id).style == "strikeout"
    assert button.toolTip() == "Style of new highlights: Strike-out"


def _page_area(w, rect: tuple[float, float, float, float]) -> QRect:
    pv = w.page_view
    page, z = pv.page_rect(0), pv.zoom
    return QRectF(page.x() + rect[0] * z, page.y() + rect[1] * z, (rect[2] - rect[0]) * z,
                  (rect[3] - rect[1]) * z).toRect()


def test_a_pdfs_squiggle_is_drawn_as_a_wavy_line_on_its_page_and_as_a_band_once_restyled(qtbot, window, tmp_path):
    pdf = marked_pdf(Path(tmp_path) / "marked.pdf")
    session = open_pdf(qtbot, window, pdf)
    wavy = next(h for h in session.highlights if h.exact == "nobody marked")
    assert wavy.style == "squiggly"
    pv = window.page_view
    qtbot.waitUntil(lambda: 0 in pv.painted_pages, timeout=10000)
    x0 = min(r[1] for r in wavy.rects)
    y0, x1, y1 = min(r[2] for r in wavy.rects), max(r[3] for r in wavy.rects), max(r[4] for r in wavy.rects)
    area = _page_area(window, (x0, y0, x1, y1))
    lower = QRect(area.left(), area.top() + area.height() * 2 // 3, area.width(), area.height() // 3 + 4)
    fill = QColor(style.HIGHLIGHT_COLORS["purple"])
    fill.setAlpha(95)
    paper = QColor("white")
    a = 95 / 255
    band = QColor(round(fill.red() * a + paper.red() * (1 - a)), round(fill.green() * a + paper.green() * (1 - a)),
                  round(fill.blue() * a + paper.blue() * (1 - a)))

    def counts() -> tuple[int, int]:
        img = pv.viewport().grab().toImage()
        return _count(img, lower, line_color("purple"), 40), _count(img, area, band, 8)

    qtbot.waitUntil(lambda: counts()[0] > area.width())  # the wave under the words
    assert counts()[1] < 10  # no band
    window.grab().save(str(tmp_path / "pdf_squiggle.png"))

    menu = QMenu()
    pv.menu_provider(menu, wavy.start + 2)  # the page's right-click menu
    _menu_action(menu, "Change Style", "Highlight").trigger()
    assert session.highlight(wavy.id).style == "highlight"
    qtbot.waitUntil(lambda: counts()[1] > area.width() * area.height() // 3)  # a band now
    assert "squiggly" not in next(t for t in (window.panel.entry_text(i) for i in range(window.panel.count()))
                                  if "nobody marked" in t)


def test_a_style_changed_by_another_program_shows_in_the_open_window(qtbot, open_window, db_path):
    """Sync, or `reader` in a terminal, writes the notes file: the open window's list and text follow, nobody
    telling them (the session announces what changed)."""
    from notes_db import NotesDB

    w = open_window()
    s = w.doc.text.index(PASSAGE)
    e = s + len(PASSAGE)
    select_text(qtbot, w.view, s, e)
    qtbot.keyClick(w.view, Qt.Key.Key_1)
    (h,) = w.session.highlights
    card = w.panel.list.viewport()
    qtbot.waitUntil(lambda: w.panel.entry_text(0) and card.grab().toImage() == card.grab().toImage())
    before = card.grab().toImage()
    with NotesDB(db_path) as other, other.transaction() as db:  # as a sync pull writes it: the style alone
        db.execute("UPDATE highlights SET style = 'underline' WHERE id = ?", [h.id])
    qtbot.waitUntil(lambda: "underlined" in w.panel.entry_text(0).split("\n")[0])
    qtbot.waitUntil(lambda: card.grab().toImage() != before)  # the card painted again, saying so
    qtbot.waitUntil(lambda: not w.view.flashing and _drawn(w, s, e, line_color("yellow"), 30) > (e - s) * 2)
    assert _drawn(w, s, e, style.highlight_fill("yellow"), 6) < 10


def test_opening_a_pdf_whose_underlines_came_in_as_bands_gives_them_their_style(qtbot, window, tmp_path, db_path,
                                                                                 capsys):
    """A notes file from before styles: the PDF's underline, squiggle and strike-out were plain highlights, and the
    migration left the PDF a note to restyle them (notes_db.pdf_annotations.RESTYLE_DUE). Opened in the window,
    they are drawn and listed as what they are, once."""
    import json

    from notes_db import NotesDB
    from reader.cli import main as cli_main

    pdf = marked_pdf(Path(tmp_path) / "marked.pdf")
    assert cli_main(["notes", str(pdf), "--json", "--db", str(db_path)]) == 0
    assert len(json.loads(capsys.readouterr().out)["highlights"]) == 4
    with NotesDB(db_path) as store:
        doc = store.document_by_path(str(pdf.resolve()))
        assert doc is not None
        with store.transaction() as db:  # as schema 20 had them, and as m021 leaves such a PDF
            db.execute("UPDATE highlights SET style = 'highlight'")
            db.execute("INSERT INTO pdf_annotations (doc_id, key) VALUES (?, '~restyle')", [doc.id])
    session = open_pdf(qtbot, window, pdf)
    qtbot.waitUntil(lambda: sorted(h.style for h in session.highlights) == [
        "highlight", "squiggly", "strikeout", "underline"])
    cards = [window.panel.entry_text(i).split("\n")[0] for i in range(window.panel.count())]
    assert sum(word in card for card in cards for word in ("underlined", "squiggly", "struck out")) == 3
    assert len(session.highlights) == 4  # none came in again
    with NotesDB(db_path) as store:
        assert not store.read_rows("SELECT 1 FROM pdf_annotations WHERE key = '~restyle'")


def test_keys_choose_the_style_in_the_text_and_the_list_and_help_lists_them(qtbot, open_window):
    from reader.ui.comfort import shortcut_rows

    w = open_window()
    s = w.doc.text.index(PASSAGE)
    select_text(qtbot, w.view, s, s + len(PASSAGE))
    alt_shift = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(w.view, Qt.Key.Key_Q, alt_shift)  # squiggly, then 4: blue
    qtbot.keyClick(w.view, Qt.Key.Key_4)
    (h,) = w.session.highlights
    assert (h.color, h.style) == ("blue", "squiggly")
    w.panel.select(h.id)
    w.panel.list.setFocus()
    qtbot.keyClick(w.panel.list, Qt.Key.Key_S, alt_shift)  # in the list: the chosen highlight's style
    assert w.session.highlight(h.id).style == "strikeout"
    assert "struck out" in w.panel.entry_text(0).split("\n")[0]
    w.editor.note.setFocus()
    qtbot.keyClick(w.editor.note, Qt.Key.Key_U, alt_shift)  # typing a note: never a style change
    assert w.session.highlight(h.id).style == "strikeout"
    rows = shortcut_rows(w)
    for label_, key in (("Highlight", "Alt+Shift+H"), ("Underline", "Alt+Shift+U"), ("Squiggly Underline", "Alt+Shift+Q"),
                        ("Strike-out", "Alt+Shift+S")):
        assert ("Edit › Highlight", label_, key) in rows
