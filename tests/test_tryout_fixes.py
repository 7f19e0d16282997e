"""What a new user's tryout found, each driven through the window as a person would."""

from __future__ import annotations

import shutil

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFileDialog, QMessageBox, QToolButton

from reader import loaders
from reader.ui import fit
from tests.gui_helpers import select_text
from tests.test_export_gui import menu_action
from tests.test_gui import _click_entry, _wait_analysis
from tests.test_pages import drag, open_pdf

WEB = "042bb7b5fedab6ea.html"  # a Wall Street Journal page: author, date and site in its metadata


def _web_page(tmp_path, name: str = WEB):
    from tests.conftest import SHARED

    src = SHARED / "data" / "web-articles" / name
    if not src.exists():
        import pytest

        pytest.skip("the web articles are not beside the project")
    dst = tmp_path / "docs" / name
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)
    return dst


def _ink(widget) -> int:
    """How many of a widget's pixels are dark (drawn text or an arrow, not background)."""
    img = widget.grab().toImage()
    return sum(1 for x in range(img.width()) for y in range(img.height())
               if QColor(img.pixel(x, y)).lightness() < 120)


# -- small windows -------------------------------------------------------------------------------------------


def test_a_narrow_toolbar_shows_its_overflow_button_with_the_rest(qtbot, open_window):
    w = open_window()
    tb = w.menus.toolbar
    w.resize(520, 500)
    ext = tb.findChild(QToolButton, "qt_toolbar_ext_button")
    qtbot.waitUntil(lambda: ext.isVisible())
    original = tb.widgetForAction(w.menus.original_action)
    assert not original.isVisible()  # no room for it in the row
    assert ext.width() >= 14 and _ink(ext) > 4  # the » is drawn, not a blank 12-px button
    qtbot.mouseClick(ext, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: original.isVisible())  # the toolbar opens to show what did not fit
    qtbot.mouseClick(original, Qt.MouseButton.LeftButton)
    assert w.menus.original_action.isChecked()


def test_the_overflow_button_stands_out_in_the_dark_theme(qtbot, open_window):
    from reader.ui import themes

    w = open_window()
    w.theme = themes.apply(w, "dark")
    try:
        w.resize(520, 500)
        ext = w.menus.toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
        qtbot.waitUntil(lambda: ext.isVisible())
        img = ext.grab().toImage()
        shades = [QColor(img.pixel(x, y)).lightness() for x in range(img.width()) for y in range(img.height())]
        assert max(shades) - min(shades) > 120  # a light » on the dark bar, not a dim grey one
    finally:
        w.theme = themes.apply(w, "light")


def test_the_side_panel_gets_its_width_back_in_a_large_window(qtbot, window):
    w = window
    qtbot.waitUntil(lambda: hasattr(w, "fitter"))
    qtbot.waitUntil(lambda: w.tabs.width() >= fit.PANEL_WIDTH - 2)
    w.resize(820, 600)
    qtbot.waitUntil(lambda: w.tabs.isVisible() and w.tabs.width() < fit.PANEL_WIDTH - 60)  # squeezed, still there
    w.resize(1400, 850)
    qtbot.waitUntil(lambda: abs(w.tabs.width() - fit.PANEL_WIDTH) <= 2)
    # a width the person dragged to is the one that comes back
    handle = w.splitter.handle(1)
    w.splitter.moveSplitter(w.splitter.width() - 320, 1)  # what dragging the handle does
    assert handle is not None
    qtbot.waitUntil(lambda: abs(w.tabs.width() - 320) <= 4)
    w.resize(780, 600)
    qtbot.waitUntil(lambda: w.tabs.width() < 300)
    w.resize(1400, 850)
    qtbot.waitUntil(lambda: abs(w.tabs.width() - 320) <= 4)


def test_the_notes_search_placeholder_is_not_cut(qtbot, window):
    w = window
    field = w.menus.search_field
    qtbot.waitUntil(lambda: field.isVisible())
    shown = field.fontMetrics().horizontalAdvance(field.placeholderText())
    assert field.placeholderText() == "Search all notes" and "Ctrl+Shift+F" in field.toolTip()
    assert shown + 24 <= field.width()  # the whole placeholder, beside the clear button's room
    def corner_clear() -> bool:  # not against the window's edges
        corner = field.mapTo(w, field.rect().topRight())
        return corner.x() <= w.width() - 6 and corner.y() >= 1

    qtbot.waitUntil(corner_clear)


# -- the claims panel --------------------------------------------------------------------------------------


def test_a_claim_is_highlighted_only_when_its_sentence_is(qtbot, open_window):
    w = open_window()
    panel = _wait_analysis(qtbot, w)
    w.tabs.setCurrentWidget(panel)
    panel.sections.setCurrentIndex(1)
    i, claim = next((k, c) for k, c in enumerate(w.controller.analysis.claims) if "56.1%" in c.text)
    # one word of the claim highlighted: not the claim
    word = claim.text.index("Party")
    select_text(qtbot, w.view, claim.start + word, claim.start + word + len("Party"))
    qtbot.keyClick(w.view, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: len(panel.highlighted) == 1)  # the panel has heard of it
    label = panel.select_entry("claim", i).text(0)
    assert "highlighted" not in label and label.rstrip().endswith("unchecked")  # its review status, in the label
    # the claim's sentence highlighted: it says so
    select_text(qtbot, w.view, claim.start, claim.end)
    qtbot.keyClick(w.view, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: len(w.session.highlights) == 2)
    qtbot.waitUntil(lambda: "highlighted" in panel.select_entry("claim", i).text(0))
    _click_entry(qtbot, panel, "claim", i)
    panel.review_status.setCurrentIndex(panel.review_status.findData("verified"))
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.select_entry("claim", i).text(0).rstrip().endswith("verified"))


# -- export, About, the byline ------------------------------------------------------------------------------


def test_a_web_pages_markdown_export_names_author_date_and_site(qtbot, open_window, tmp_path, monkeypatch):
    w = open_window(_web_page(tmp_path))
    s = w.doc.text.index("Gaming used to be so simple")
    select_text(qtbot, w.view, s, s + len("Gaming used to be so simple"))
    qtbot.keyClick(w.view, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: len(w.session.highlights) == 1)
    out = tmp_path / "notes.md"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda _p, _c, _d, filters: (str(out), filters.split(";;")[0])))
    menu_action(w, "File", "Export…").trigger()
    front = out.read_text(encoding="utf-8").split("---")[1]
    assert 'author: "Sarah E Needleman"' in front
    assert 'date: "2019-11-19"' in front
    assert 'site: "Wall Street Journal"' in front


def test_about_names_the_version(qtbot, window):
    from reader import __version__

    w = window
    menu_action(w, "Help", "About Reader").trigger()
    box = w.findChild(QMessageBox, "aboutBox")
    qtbot.waitUntil(lambda: box.isVisible())
    assert f"Reader {__version__}" in box.text() and f"Version {__version__}" in box.text()
    assert "Python 3." in box.text() and "Qt 6." in box.text()
    box.close()


def test_a_byline_stands_apart_from_the_text_below(qtbot, open_window, tmp_path):
    from PySide6.QtGui import QTextCursor

    w = open_window(_web_page(tmp_path))
    byline = next(b for b in w.doc.blocks if b.kind == "front")
    body = w.doc.blocks[w.doc.blocks.index(byline) + 1]
    assert byline.text.startswith("By Sarah E Needleman") and body.kind == "paragraph"

    def rect(offset: int):
        c = QTextCursor(w.view.document())
        c.setPosition(w.view.positions.to_qt(offset))
        return w.view.cursorRect(c)

    gap = rect(body.start).top() - rect(byline.end).bottom()
    assert gap >= 14, gap  # a paragraph's space, not the 2 px between a header's lines


# -- views and keys -----------------------------------------------------------------------------------------


def test_a_page_selection_does_not_come_back_after_the_text_view(qtbot, window, specimen):
    w = window
    open_pdf(qtbot, w, specimen("normal/tracemonkey.pdf"))
    pv = w.page_view
    start = w.doc.text.index("Dynamic languages such as JavaScript")
    end = start + len("Dynamic languages")
    drag(qtbot, pv.viewport(), pv.point_of(start), pv.point_of(end - 1))
    assert pv.selection_range() == (start, end)
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(w, Qt.Key.Key_P, keys)  # to the text
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.view)
    qtbot.keyClick(w, Qt.Key.Key_P, keys)  # and back to the pages
    qtbot.waitUntil(lambda: w.stack.currentWidget() is pv)
    assert pv.selection_range() is None
    qtbot.keyClick(pv, Qt.Key.Key_1)  # nothing is selected: nothing is highlighted
    assert w.session.highlights == []


def test_ctrl_home_shows_the_first_line_whole(qtbot, open_window):
    w = open_window()
    bar = w.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    w.view.setFocus()
    bar.setValue(bar.maximum() // 2)
    qtbot.keyClick(w.view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bar.value() == 0)
    qtbot.keyClick(w.view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bar.value() == bar.maximum())
    qtbot.keyClick(w.view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bar.value() == 0)


# -- encodings ----------------------------------------------------------------------------------------------


def test_an_encoding_chosen_in_the_view_menu_holds_next_time(qtbot, open_window, tmp_path):
    text = "Kraków leży nad Wisłą. Łódź i Gdańsk są daleko; tu mówi się po polsku."
    path = tmp_path / "docs" / "krakow.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("cp1250"))
    w = open_window(path)
    menu = w.menus.encoding_menu
    menu.aboutToShow.emit()  # what opening the menu does
    menu.codec_actions["iso8859-2"].trigger()  # the person says what the file is
    qtbot.waitUntil(lambda: w.doc is not None and w.doc.encoding == "iso8859-2")
    w.close()
    loaders.choose_encoding(path, None)  # what this process remembers is gone, as in a new one
    w2 = open_window(path)
    assert w2.doc.encoding == "iso8859-2"
    w2.menus.encoding_menu.aboutToShow.emit()
    assert w2.menus.encoding_menu.codec_actions["iso8859-2"].isChecked()
    # and "Detect Automatically" forgets it again
    w2.menus.encoding_menu.detect_action.trigger()
    qtbot.waitUntil(lambda: w2.doc is not None and w2.doc.encoding != "iso8859-2")
    assert w2.doc.text.startswith("Kraków leży nad Wisłą")


def test_a_few_central_european_words_are_not_read_as_windows_1252(tmp_path):
    """A short ISO-8859-2 text: too few bytes for charset-normalizer alone ("Zaŋóģæ", "F§vßrosa")."""
    for text in ("Zażółć gęślą jaźń", "Fővárosa és legnépesebb városa Budapest.",
                 "Kraków leży nad Wisłą i jest dawną stolicą Polski.", "Łódź to miasto w Polsce."):
        p = tmp_path / "short.txt"
        p.write_bytes(text.encode("iso8859_2"))
        doc = loaders.load(p)
        assert doc.text.strip() == text and doc.encoding in ("iso8859-2", "cp1250")
    p.write_bytes("El niño comió piñata en España.".encode("cp1252"))  # and Western European stays so
    assert loaders.load(p).text.strip() == "El niño comió piñata en España."
    for text, encoding in (("Привет, как дела? Это короткий текст.", "koi8_r"), ("שלום, מה שלומך? זה טקסט קצר.", "cp1255"),
                           ("Merhaba, nasılsın? Bu kısa bir metin. Şöyle güzel.", "cp1254")):
        p.write_bytes(text.encode(encoding))  # a few words in other scripts too (Shift_JIS, CP1125, CP1258 before)
        assert loaders.load(p).text.strip() == text, encoding


def test_a_poem_in_a_scanned_book_is_one_stanza_line_by_line(specimen):
    from reader.document import LINE_BREAK
    from reader.repair import repair

    doc = loaders.load(specimen("normal/Seige_of_Vicksburg_Sample_OCR.pdf"))
    (stanza,) = [b for b in doc.blocks if "murmur" in b.text]
    assert stanza.text.split(LINE_BREAK) == ["Let not a murmur meet the ear.", "Nor discontent have sway;",
                                             "Let not a sullen brow appear", "Through all the camp to-day."]
    (verse,) = [r for r in doc.repairs if r.kind == "verse"]
    # unticked in the Repairs tab: the converter's three blocks again
    undone = repair(doc.raw, disabled={verse.ident})
    assert len([b for b in undone.blocks if b.page == stanza.page and ("murmur" in b.text or "sullen" in b.text
                                                                       or "camp to-day" in b.text)]) == 3


def test_every_quote_in_the_claims_panel_shows_its_last_line(qtbot, qapp, db_path):
    """Entries measured while the tab was hidden lost their last line (who said it, and how)."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QFontMetrics

    from reader.ui.app import make_app
    from reader.ui.main_window import MainWindow
    from tests.conftest import SAMPLE

    before = qapp.font()
    make_app()  # the font the app runs with
    try:
        w = MainWindow(db_path)
        qtbot.addWidget(w)
        w.resize(1400, 880)
        w.show()
        w.open_path(SAMPLE)
        panel = _wait_analysis(qtbot, w)
        qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() > 0)
        w.tabs.setCurrentWidget(panel)  # the person opens the Claims tab
        tree = panel.tree

        def cut() -> list[str]:
            out = []
            for i in range(tree.topLevelItemCount()):
                top = tree.topLevelItem(i)
                for j in range(top.childCount()):
                    item = top.child(j)
                    r = tree.visualItemRect(item)
                    need = QFontMetrics(tree.font()).boundingRect(QRect(0, 0, r.width() - 8, 100000),
                                                                  Qt.TextFlag.TextWordWrap, item.text(0)).height()
                    if need > r.height() - 10:
                        out.append(item.text(0))
            return out

        qtbot.waitUntil(lambda: tree.isVisible() and not cut())
        qtbot.wait(50)
        assert cut() == []
        import re

        assert not re.search(r"\b1 (quotes|positions|speakers|check-worthy claims|quoted terms)\b", panel.status.text())
    finally:
        qapp.setFont(before)


def test_a_papers_title_and_sections_are_headings(specimen):
    doc = loaders.load(specimen("normal/tracemonkey.pdf"))
    heads = [(b.level, " ".join(b.text.split())) for b in doc.blocks if b.kind == "heading"]
    assert heads[0] == (1, "Trace-based Just-in-Time Type Specialization for Dynamic Languages")
    for expected in [(2, "Abstract"), (2, "1. Introduction"), (3, "3.1 Traces"), (2, "8. Related Work"),
                     (2, "References")]:
        assert expected in heads
    assert [h for h in heads if h[0] == 2 and h[1][0].isdigit()][:3] == [
        (2, "1. Introduction"), (2, "2. Overview: Example Tracing Run"), (2, "3. Trace Trees")]
    # a manual's numbered steps and a "Bibliography" footer on many pages are not sections
    manual = loaders.load(specimen("big/govdocs1_027613_QMF_manual.pdf"))
    assert [b.text for b in manual.blocks if b.kind == "heading"] == []


def test_a_pdf_without_an_outline_lists_its_sections_in_contents(qtbot, window, specimen):
    from PySide6.QtWidgets import QTreeWidgetItemIterator

    w = window
    open_pdf(qtbot, w, specimen("normal/tracemonkey.pdf"))
    tree = w.pdf.contents
    qtbot.waitUntil(lambda: w.tabs.indexOf(tree) >= 0)
    w.tabs.setCurrentWidget(tree)
    items = []
    it = QTreeWidgetItemIterator(tree)
    while it.value():
        items.append(it.value())
        it += 1
    titles = [i.text(0) for i in items]
    assert titles[:3] == ["Abstract", "1. Introduction", "2. Overview: Example Tracing Run"]
    target = next(i for i in items if i.text(0) == "6.4 Preemption")
    tree.scrollToItem(target)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(target).center())
    page = next(b.page for b in w.doc.blocks if b.kind == "heading" and b.text == "6.4 Preemption")
    qtbot.waitUntil(lambda: w.page_view.current_page() == page)


def test_the_next_document_opens_at_its_very_top(qtbot, open_window, tmp_path):
    """Read halfway down one text, open another: its title was pressed against the top edge."""
    w = open_window()
    bar = w.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    w.view.setFocus()
    bar.setValue(bar.maximum() // 2)
    page = _web_page(tmp_path, "1f765c48780665e8.html")  # long enough to scroll
    w.open_path(page)
    qtbot.waitUntil(lambda: w.session is not None and w.session.doc.path == page and bar.maximum() > 0)
    qtbot.wait(100)  # what Qt does after the text is in (keeping the caret in view) has happened
    assert bar.maximum() > 0 and bar.value() == 0


def test_the_library_gives_the_title_the_room(qtbot, open_window):
    w = open_window()
    qtbot.keyClick(w, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    lib = w.library_window
    qtbot.waitExposed(lib)
    header = lib.table.horizontalHeader()
    assert header.sectionSize(0) >= 0.3 * lib.table.viewport().width()  # not "Working Hard to B…" in a tenth
    assert lib.model.index(0, 1).data() == "Song Tao"  # the name atop the article's header is its author
    lib.close()


def test_a_search_match_is_readable_in_the_dark_theme(qtbot, open_window):
    from PySide6.QtGui import QTextDocument

    from reader.ui import style, themes

    w = open_window()
    s = w.doc.text.index("The world today")
    select_text(qtbot, w.view, s, s + len("The world today"))
    qtbot.keyClick(w.view, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: len(w.session.highlights) == 1)
    w.theme = themes.apply(w, "dark")
    try:
        w.menus.search_field.setFocus()
        qtbot.keyClicks(w.menus.search_field, "world")
        search = w.panels.search
        qtbot.waitUntil(lambda: search.list.count() == 1, timeout=10000)
        card = search.list.itemWidget(search.list.item(0))
        doc = QTextDocument()
        doc.setHtml(card.quote.text())  # the passage, its matched word marked
        it = doc.begin().begin()
        while not it.atEnd() and it.fragment().text().lower() != "world":
            it += 1
        assert not it.atEnd()
        fmt = it.fragment().charFormat()
        ink, paper = fmt.foreground().color(), fmt.background().color()
        assert paper.lightness() > 180 and ink.lightness() < 90  # dark ink on the pale mark, in the dark theme
        assert ink.name() == style.MARK_INK
    finally:
        w.theme = themes.apply(w, "light")


def test_a_greyed_menu_item_looks_greyed(qtbot, open_window):
    w = open_window()  # a Markdown file: no annotated PDF to export
    menu = w.menus.file_menu
    assert not w.menus.export_pdf_action.isEnabled()
    menu.aboutToShow.emit()  # what opening the menu does; drawn as it would be shown
    menu.ensurePolished()
    menu.adjustSize()
    img = menu.grab().toImage()

    def darkest(action) -> int:
        r = menu.actionGeometry(action)
        return min(QColor(img.pixel(x, y)).lightness() for x in range(r.left(), r.right()) for y in range(r.top(), r.bottom()))

    assert darkest(w.menus.export_pdf_action) > darkest(w.menus.export_action) + 60  # its words are grey


def test_contents_follow_the_pdf_that_is_open(qtbot, window, specimen):
    w = window
    open_pdf(qtbot, w, specimen("normal/tracemonkey.pdf"))
    tree = w.pdf.contents
    qtbot.waitUntil(lambda: w.tabs.indexOf(tree) >= 0)
    w.tabs.setCurrentWidget(tree)
    open_pdf(qtbot, w, specimen("normal/Seige_of_Vicksburg_Sample_OCR.pdf"))  # no outline, no sections
    # not the paper's sections: the tab empty and greyed (it keeps its place among the tabs)
    qtbot.waitUntil(lambda: not w.tabs.isTabEnabled(w.tabs.indexOf(tree)) and tree.topLevelItemCount() == 0)
    assert w.tabs.currentWidget() is not tree
    open_pdf(qtbot, w, specimen("normal/tracemonkey.pdf"))
    qtbot.waitUntil(lambda: w.tabs.isTabEnabled(w.tabs.indexOf(tree)) and tree.topLevelItemCount() > 0
                    and tree.topLevelItem(0).text(0) == "Abstract")


def test_the_page_box_follows_the_text_of_a_pdf(qtbot, window, specimen):
    w = window
    open_pdf(qtbot, w, specimen("normal/tracemonkey.pdf"))
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(w, Qt.Key.Key_P, keys)  # to the text
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.view)
    at = w.doc.text.index("7. Evaluation")
    w.view.scroll_to(at, top=True)
    page = w.doc.page_at(at)
    qtbot.waitUntil(lambda: f"Page {page + 1} of 14" in w.progress_label.text())
    assert w.pdf.page_box.value() == page + 1  # not "1 / 14" while page 10 is read


def test_a_scanned_books_running_head_goes_however_ocr_read_it(specimen):
    """"THE SIEGE OF VICKSBURG. 49", "50 THE SIEGE OF VICKSBUEG.", "THE SIEGE OP VICKSBURG. 53"..."""
    doc = loaders.load(specimen("normal/Seige_of_Vicksburg_Sample_OCR.pdf"))
    assert "THE SIEGE O" not in doc.text
    assert len([r for r in doc.repairs if r.kind == "running-head"]) == 6  # one a page, each listed
    at = doc.text.index("no matter how long may be the")
    assert "VICKSBURG" not in doc.text[at:at + 120]  # a paragraph joined over the page break, not over its head


def test_the_shortcuts_list_has_the_keys_to_the_top_and_end(qtbot, window):
    from PySide6.QtWidgets import QTreeWidget

    w = window
    qtbot.keyClick(w.view, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: getattr(w, "shortcuts_dialog", None) is not None and w.shortcuts_dialog.isVisible())
    tree = w.shortcuts_dialog.findChild(QTreeWidget, "shortcuts")
    rows = {(tree.topLevelItem(i).text(0), tree.topLevelItem(i).child(j).text(0)): tree.topLevelItem(i).child(j).text(1)
            for i in range(tree.topLevelItemCount()) for j in range(tree.topLevelItem(i).childCount())}
    assert rows[("In the text", "The very top / end of the text")] == "Ctrl+Home / Ctrl+End"
    w.shortcuts_dialog.close()


def test_a_claims_buttons_fit_a_narrow_panel(qtbot, qapp, open_window):
    from reader.ui.app import make_app

    before = qapp.font()
    make_app()  # the font the app runs with
    try:
        w = open_window()
        panel = _wait_analysis(qtbot, w)
        w.resize(800, 700)  # the panel squeezed to its narrowest
        w.tabs.setCurrentWidget(panel)
        panel.sections.setCurrentIndex(1)
        _click_entry(qtbot, panel, "claim", 0)
        qtbot.waitUntil(lambda: panel.highlight_button.isVisible() and panel.save_button.isVisible())
        qtbot.waitUntil(lambda: w.tabs.width() < 320)
        for button in (panel.highlight_button, panel.save_button):
            assert button.width() >= button.sizeHint().width(), button.text()  # not "ighlight and not"
            assert button.mapTo(panel, button.rect().topRight()).x() <= panel.width()
    finally:
        qapp.setFont(before)
