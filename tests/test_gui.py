"""The window driven as a person drives it: clicks, keys, a real notes file."""

from __future__ import annotations

import shutil

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMenu

from reader.ui.main_window import MainWindow
from tests.conftest import SAMPLE
from tests.gui_helpers import point_at, select_text

SENTENCE = "Nearly 400 Party members sacrificed their precious lives in protecting people's health and safety."


def highlight_passage(qtbot, w: MainWindow, passage: str, key=Qt.Key.Key_1):
    s = w.doc.text.index(passage)
    select_text(qtbot, w.view, s, s + len(passage))
    assert w.view.selection_range() == (s, s + len(passage))
    qtbot.keyClick(w.view, key)
    return s, s + len(passage)


def test_sample_opens_as_a_reading_view(open_window):
    w = open_window()
    assert w.windowTitle().startswith("Working Hard to Bring Happiness")
    assert w.view.document().toRawText().replace("\u2029", "\n") == w.doc.text
    assert "Markdown" in w.doc_info.text()
    assert w.panel.empty.isVisible() and not w.editor.isVisible()


def test_highlight_note_and_tags_survive_closing(qtbot, open_window):
    w = open_window()
    s, e = highlight_passage(qtbot, w, SENTENCE, Qt.Key.Key_2)
    (h,) = w.session.highlights
    assert (h.color, h.exact) == ("red", SENTENCE)
    assert w.view.selection_range() is None  # the selection gives way to the highlight
    assert SENTENCE[:40] in w.panel.entry_text(0)
    assert w.editor.isVisible()

    qtbot.mouseClick(w.editor.note.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(w.editor.note, "Check the 400 figure against the health ministry.")
    qtbot.mouseClick(w.editor.tags, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(w.editor.tags, "covid, figures")
    qtbot.keyClick(w.editor.tags, Qt.Key.Key_Return)
    w.close()

    w2 = open_window()
    qtbot.waitUntil(lambda: w2.panel.count() == 1)
    shown = w2.panel.entry_text(0).split("\n")
    assert "Check the 400 figure against the health ministry." in shown
    assert "#covid  #figures" in shown
    assert [(start, end) for start, end, _id in w2.view.painted_highlights()] == [(s, e)]


def test_colour_keys_one_to_five_and_toolbar(qtbot, open_window):
    w = open_window()
    passages = ["56.1% are Party members", "More than 39 million Party members", "95% of the Chinese public",
                "Over 240 political parties", "over 600 political parties"]
    for i, p in enumerate(passages):
        highlight_passage(qtbot, w, p, Qt.Key.Key_1 + i)
    colours = [h.color for h in sorted(w.session.highlights, key=lambda h: h.start)]
    assert sorted(colours) == sorted(["yellow", "red", "green", "blue", "purple"])
    s = w.doc.text.index("Song Tao")
    select_text(qtbot, w.view, s, s + 8)
    w.menus.color_actions["orange"].trigger()
    assert any(h.color == "orange" and h.exact == "Song Tao" for h in w.session.highlights)


def test_undo_redo_create_edit_delete(qtbot, open_window, tmp_path):
    w = open_window()
    undo, redo = w.menus.undo_action, w.menus.redo_action
    assert not undo.isEnabled() and not redo.isEnabled()  # greyed: nothing to undo yet
    s, _e = highlight_passage(qtbot, w, SENTENCE)
    assert len(w.session.highlights) == 1 and undo.isEnabled() and not redo.isEnabled()
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.session.highlights == [] and w.panel.count() == 0 and not w.view.highlights
    assert not undo.isEnabled() and redo.isEnabled()
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    (h,) = w.session.highlights
    assert w.panel.count() == 1 and [x.id for x in w.view.highlights] == [h.id]

    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=point_at(w.view, s + 5))
    assert w.editor.highlight_id == h.id
    qtbot.mouseClick(w.editor.note.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(w.editor.note, "first thought")
    qtbot.mouseClick(w.editor.save_button, Qt.MouseButton.LeftButton)
    assert "first thought" in w.panel.entry_text(0).split("\n")
    undo.trigger()
    assert w.session.highlight(h.id).note == "" and w.editor.note.toPlainText() == ""
    redo.trigger()
    assert w.session.highlight(h.id).note == "first thought"

    qtbot.mouseClick(w.editor.delete_button, Qt.MouseButton.LeftButton)
    assert w.session.highlights == [] and w.panel.count() == 0 and not w.editor.isVisible()
    undo.trigger()
    (back,) = w.session.highlights
    assert (back.id, back.note) == (h.id, "first thought")
    # another document: nothing of this one's history can be undone there
    other = tmp_path / "other.txt"
    other.write_text("Another document entirely, with a sentence or two in it.\n", encoding="utf-8")
    w.open_path(other)
    qtbot.waitUntil(lambda: w.session is not None and w.session.doc is w.doc and w.doc.path == other)
    assert not undo.isEnabled() and not redo.isEnabled()
    # and back: this one's history is there again (reader/ui/undo_history.py)
    w.open_path(SAMPLE)
    qtbot.waitUntil(lambda: w.session is not None and w.session.doc is w.doc and w.doc.path == SAMPLE)
    assert undo.isEnabled() and redo.isEnabled()


def test_panel_filters_by_colour_tag_and_text(qtbot, open_window):
    w = open_window()
    highlight_passage(qtbot, w, "56.1% are Party members", Qt.Key.Key_2)
    highlight_passage(qtbot, w, "Song Tao", Qt.Key.Key_1)
    red = next(h for h in w.session.highlights if h.color == "red")
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=point_at(w.view, red.start + 3))
    qtbot.mouseClick(w.editor.tags, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(w.editor.tags, "figures")
    qtbot.keyClick(w.editor.tags, Qt.Key.Key_Return)
    assert w.panel.count() == 2
    w.panel.filter_color.setCurrentIndex(w.panel.filter_color.findData("yellow"))
    assert w.panel.count() == 1 and "Song Tao" in w.panel.entry_text(0)
    w.panel.filter_color.setCurrentIndex(0)
    w.panel.filter_tag.setCurrentIndex(w.panel.filter_tag.findData("figures"))
    assert w.panel.count() == 1 and "56.1% are Party members" in w.panel.entry_text(0)
    w.panel.filter_tag.setCurrentIndex(0)
    qtbot.keyClicks(w.panel.filter_text, "song")
    assert w.panel.count() == 1 and "1 of 2" in w.panel.title.text()


def test_clicking_an_entry_scrolls_and_flashes(qtbot, open_window):
    w = open_window()
    last = "world largest ever sea-crossing project"
    s, _e = highlight_passage(qtbot, w, last)
    w.view.scroll_to(0, top=True)
    assert not w.view.viewport().rect().contains(point_at_no_scroll(w.view, s))
    (h,) = w.session.highlights
    qtbot.mouseClick(w.panel.list.viewport(), Qt.MouseButton.LeftButton, pos=w.panel.entry_rect(h.id).center())
    assert w.view.flashing
    assert w.view.viewport().rect().contains(point_at_no_scroll(w.view, s))
    qtbot.waitUntil(lambda: not w.view.flashing, timeout=3000)


def point_at_no_scroll(view, offset):
    from PySide6.QtGui import QTextCursor

    c = QTextCursor(view.document())
    c.setPosition(offset)
    return view.cursorRect(c).center()


def test_clicking_a_highlight_in_the_text_selects_it(qtbot, open_window):
    w = open_window()
    s, _ = highlight_passage(qtbot, w, SENTENCE)
    highlight_passage(qtbot, w, "Song Tao")
    target = next(h for h in w.session.highlights if h.start == s)
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=point_at(w.view, s + 5))
    assert w.panel.current_id() == target.id and w.editor.highlight_id == target.id


def test_context_menu_offers_highlight_and_edit(qtbot, open_window):
    w = open_window()
    s, _ = highlight_passage(qtbot, w, SENTENCE)
    menu = QMenu()
    w.view.menu_provider(menu, s + 3)
    labels = [a.text() for a in menu.actions()]
    assert "Delete Highlight" in labels and "Edit Note…" in labels
    select_text(qtbot, w.view, 0, 8)
    menu2 = QMenu()
    w.view.menu_provider(menu2, 0)
    assert "Highlight" in [a.text() for a in menu2.actions()]


def test_reading_position_is_restored(qtbot, open_window):
    w = open_window()
    pos = w.doc.text.index("The CPC: a champion in upholding openness")
    w.view.scroll_to(pos, top=True)
    top = w.view.top_offset()
    assert top > 1000
    w.close()
    w2 = open_window()
    assert abs(w2.view.top_offset() - top) < 120


def test_moved_file_keeps_its_notes(qtbot, open_window, tmp_path, messages):
    a = tmp_path / "article.md"
    shutil.copyfile(SAMPLE, a)
    w = open_window(a)
    highlight_passage(qtbot, w, SENTENCE)
    w.close()
    b = tmp_path / "elsewhere" / "renamed.md"
    b.parent.mkdir()
    a.rename(b)
    w2 = open_window(b)
    assert [h.exact for h in w2.session.highlights] == [SENTENCE]
    assert any(level == "info" and "Recognised" in text for level, text in messages)
    assert "Recognised" in w2.banner.text() and w2.banner.isVisible()


def test_changed_text_reanchors_and_lists_orphans(qtbot, open_window, tmp_path, messages):
    a = tmp_path / "article.md"
    shutil.copyfile(SAMPLE, a)
    w = open_window(a)
    highlight_passage(qtbot, w, SENTENCE)
    highlight_passage(qtbot, w, "It is easy to tell who is doing the right thing and who is not.")
    w.close()
    text = a.read_text(encoding="utf-8")
    text = "An editor's preface was added here.\n\n" + text.replace(
        "It is easy to tell who is doing the right thing and who is not.", "")
    a.write_text(text, encoding="utf-8")
    w2 = open_window(a)
    placed = [h for h in w2.session.highlights if not h.orphaned]
    orphans = [h for h in w2.session.highlights if h.orphaned]
    assert [h.exact for h in placed] == [SENTENCE]
    assert w2.doc.text[placed[0].start:placed[0].end] == SENTENCE
    assert len(orphans) == 1
    assert ("warning", "The text of this document changed: 1 highlight could not be found and is listed at the end "
            "of the panel as not found.") in messages
    assert "Not found in this version of the document" in w2.panel.entry_text(1)  # orphans last


def test_bad_file_shows_message_and_keeps_document_and_notes(qtbot, open_window, specimen, messages):
    w = open_window()
    highlight_passage(qtbot, w, SENTENCE)
    w.open_path(specimen("nasty/corrupt_bad1.pdf"))
    qtbot.waitUntil(lambda: w.banner.isVisible() and "damaged" in w.banner.text())
    assert w.banner.property("level") == "error" and messages[-1][0] == "error"
    assert w.doc.path == SAMPLE and len(w.session.highlights) == 1 and w.panel.count() == 1
    w.open_path(specimen("nasty/zero_pages_qpdf_empty.pdf"))
    qtbot.waitUntil(lambda: "no pages" in messages[-1][1])
    w.open_path(SAMPLE.parent / "missing.md")
    assert messages[-1][0] == "error" and "not found" in messages[-1][1]
    assert not any("bug" in text for _level, text in messages)


def test_encrypted_pdf_password_prompt(qtbot, open_window, specimen):
    w = open_window()
    pdf = specimen("nasty/enc_user_pr6531_2_asdfasdf.pdf")
    w.open_path(pdf)
    qtbot.waitUntil(lambda: w.password_dialog is not None and w.password_dialog.isVisible())
    dlg = w.password_dialog
    assert "encrypted" in dlg.labelText()
    dlg.setTextValue("wrong")
    dlg.accept()
    qtbot.waitUntil(lambda: w.password_dialog is not dlg and w.password_dialog.isVisible())
    assert "Wrong password" in w.password_dialog.labelText()
    w.password_dialog.setTextValue("asdfasdf")
    w.password_dialog.accept()
    qtbot.waitUntil(lambda: w.doc.kind == "pdf" and w.session is not None and w.session.doc is w.doc)
    assert "Page 1" in w.doc.text


def test_pdf_opens_off_the_gui_thread_with_page_markers(qtbot, open_window, specimen):
    w = open_window()
    w.open_path(specimen("normal/tracemonkey.pdf"))
    # The pages are up at once; the text is read in the background afterwards.
    assert w.stack.currentWidget() is w.page_view and w.page_view.count == 14
    assert w.doc.kind != "pdf" and "reading the text" in w.doc_info.text()
    qtbot.waitUntil(lambda: w.doc.kind == "pdf", timeout=20000)
    qtbot.waitUntil(lambda: w.session is not None and w.session.doc is w.doc)
    assert "14 pages" in w.doc_info.text()
    w.menus.page_action.trigger()  # to the text view
    assert w.stack.currentWidget() is w.view
    _s, _e = highlight_passage(qtbot, w, "Trace-based Just-in-Time")
    (h,) = w.session.highlights
    assert h.page == 0 and h.rects and h.rects[0][0] == 0


def test_drop_a_file_opens_it(qtbot, open_window, specimen):
    w = open_window()
    path = specimen("text/sample-spanish_crlf_longlines.txt")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(w, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(w, drop)
    qtbot.waitUntil(lambda: w.doc.path == path)
    assert w.doc.kind == "text" and "creación" in w.doc.text


def test_recent_menu_lists_opened_documents(qtbot, open_window, specimen):
    w = open_window()
    other = specimen("text/cp1252.txt")
    w.open_path(other)
    qtbot.waitUntil(lambda: w.session is not None and w.session.doc.path == other)
    menu = w.menus.recent_menu
    menu.aboutToShow.emit()  # what opening the menu does
    labels = [a.text() for a in menu.actions()]
    assert any("cp1252.txt" in t for t in labels) and any("sample-article.md" in t for t in labels)
    next(a for a in menu.actions() if "sample-article.md" in a.text()).trigger()
    assert w.doc.path == SAMPLE


def test_original_text_toggle_marks_repairs(qtbot, open_window):
    w = open_window()
    s, _e = highlight_passage(qtbot, w, SENTENCE)
    assert "Song Tao\nWorking Hard" not in w.view.document().toRawText().replace("\u2029", "\n")
    w.menus.original_action.trigger()
    shown = w.view.document().toRawText().replace("\u2029", "\n")
    assert shown == w.doc.raw.text and "[1] <http" not in shown  # the raw text as converted
    assert "\nSong Tao\n" in shown
    struck = [sel for sel in w.view.extraSelections() if sel.format.fontStrikeOut()]
    assert any(shown[sel.cursor.selectionStart():sel.cursor.selectionEnd()] == "Song Tao" for sel in struck)
    # the highlight is drawn on the same words in the original
    from reader.repair import to_raw
    assert [start for start, _end, _id in w.view.painted_highlights()] == [to_raw(w.doc, s)]
    qtbot.keyClick(w.view, Qt.Key.Key_1)  # no highlighting on the original text
    assert len(w.session.highlights) == 1
    w.menus.original_action.trigger()
    assert w.view.document().toRawText().replace("\u2029", "\n") == w.doc.text


def test_restoring_a_removed_line_keeps_notes_in_place(qtbot, open_window):
    w = open_window()
    highlight_passage(qtbot, w, SENTENCE)
    repairs = w.panels.repairs
    w.tabs.setCurrentWidget(repairs)
    item = next(repairs.list.item(i) for i in range(repairs.list.count())
                if "running head" in repairs.list.item(i).text() and "Song Tao" in repairs.list.item(i).text())
    rect = repairs.list.visualItemRect(item)
    qtbot.mouseClick(repairs.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=rect.topLeft() + QPoint(10, rect.height() // 2))  # the checkbox
    qtbot.waitUntil(lambda: any(b.text == "Song Tao" and b.kind == "paragraph" for b in w.doc.blocks))
    assert not w.texts.original  # toggling does not switch views
    (h,) = w.session.highlights
    assert w.doc.text[h.start:h.end] == SENTENCE and not h.orphaned
    w.close()
    w2 = open_window()
    assert any(b.text == "Song Tao" and b.kind == "paragraph" for b in w2.doc.blocks)
    (h2,) = w2.session.highlights
    assert w2.doc.text[h2.start:h2.end] == SENTENCE


def test_footnote_marker_jumps_to_the_note(qtbot, open_window):
    w = open_window()
    ref = next(s for b in w.doc.blocks for s in b.spans if s.kind == "footref")
    w.view.linkActivated.emit(ref.href)
    note = next(b for b in w.doc.blocks if b.kind == "footnote")
    assert w.view.flashing
    assert w.view.viewport().rect().contains(point_at_no_scroll(w.view, note.start))


def _wait_analysis(qtbot, w):
    from tests.gui_helpers import analysed

    analysed(qtbot, w, timeout=20000)  # (its findings written too: the library's speakers and search have them)
    return w.panels.analysis


def _click_entry(qtbot, panel, kind, index):
    item = panel.select_entry(kind, index)
    assert item is not None
    rect = panel.tree.visualItemRect(item)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    return item


def test_claims_and_quotes_panel_lists_groups_and_jumps(qtbot, open_window):
    w = open_window()
    panel = _wait_analysis(qtbot, w)
    w.tabs.setCurrentWidget(panel)
    tops = [panel.tree.topLevelItem(i).text(0) for i in range(panel.tree.topLevelItemCount())]
    assert tops[0] == "Xi Jinping (7)"
    assert any(t.startswith("Political parties and their leaders (") for t in tops)
    i = next(k for k, q in enumerate(w.controller.analysis.quotes) if q.cue == "put it")
    _click_entry(qtbot, panel, "quote", i)
    q = w.controller.analysis.quotes[i]
    assert w.view.flashing
    assert w.view.viewport().rect().contains(point_at_no_scroll(w.view, q.start))
    assert "leaders of many developing countries" in panel.detail_title.text()
    # filters
    panel.facet.setCurrentIndex(panel.facet.findData("Xi Jinping"))
    assert panel.tree.topLevelItemCount() == 1
    panel.sections.setCurrentIndex(2)
    assert any("people first" in panel.tree.topLevelItem(k).text(0) for k in range(panel.tree.topLevelItemCount()))


def test_claim_review_survives_reopening(qtbot, open_window):
    w = open_window()
    panel = _wait_analysis(qtbot, w)
    w.tabs.setCurrentWidget(panel)
    panel.sections.setCurrentIndex(1)
    i = next(k for k, c in enumerate(w.controller.analysis.claims) if "56.1%" in c.text)
    _click_entry(qtbot, panel, "claim", i)
    panel.review_status.setCurrentIndex(panel.review_status.findData("disputed"))
    qtbot.keyClicks(panel.review_source, "https://example.org/who-report")
    panel.review_note.setFocus()
    qtbot.keyClicks(panel.review_note, "WHO counts differ")
    qtbot.keyClick(panel.review_note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "disputed" in panel.select_entry("claim", i).text(0)
    w.close()
    w2 = open_window()
    panel2 = _wait_analysis(qtbot, w2)
    panel2.sections.setCurrentIndex(1)
    panel2.status_filter.setCurrentIndex(panel2.status_filter.findData("disputed"))
    assert panel2.tree.topLevelItemCount() == 1
    item = panel2.tree.topLevelItem(0)
    assert "56.1%" in item.text(0) and "disputed" in item.text(0)
    panel2.tree.setCurrentItem(item)
    assert panel2.review_note.toPlainText() == "WHO counts differ"
    assert panel2.review_source.text() == "https://example.org/who-report"


def test_highlight_and_note_from_a_finding(qtbot, open_window):
    w = open_window()
    panel = _wait_analysis(qtbot, w)
    w.tabs.setCurrentWidget(panel)
    i = next(k for k, q in enumerate(w.controller.analysis.quotes) if q.cue == "concur")
    _click_entry(qtbot, panel, "quote", i)
    qtbot.mouseClick(panel.highlight_button, Qt.MouseButton.LeftButton)
    (h,) = w.session.highlights
    q = w.controller.analysis.quotes[i]
    assert (h.start, h.end, h.color, h.origin) == (q.start, q.end, "blue", "quote")
    assert h.tags == ["Political party leaders", "quote"]
    assert w.tabs.currentIndex() == 0 and w.editor.highlight_id == h.id
    assert w.editor.note.hasFocus()
    w.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: "highlighted" in panel.select_entry("quote", i).text(0))


def test_search_types_sees_results_and_opens_one(qtbot, open_window, specimen):
    other = specimen("text/sample-spanish_crlf_longlines.txt")
    w = open_window(other)
    target = w.doc.text.index("creación")
    select_text(qtbot, w.view, target, target + len("creación"))
    qtbot.keyClick(w.view, Qt.Key.Key_3)
    (h,) = w.session.highlights
    assert w.editor.highlight_id == h.id  # a new highlight is ready for its note
    qtbot.mouseClick(w.editor.note.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(w.editor.note, "Origin of the universe, per the article")
    qtbot.mouseClick(w.editor.tags, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(w.editor.tags, "cosmos")
    qtbot.mouseClick(w.editor.save_button, Qt.MouseButton.LeftButton)
    w.close()

    w2 = open_window()  # the sample article
    assert w2.doc.path == SAMPLE
    qtbot.keyClick(w2, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert w2.tabs.currentWidget() is w2.panels.search and w2.panels.search.query.hasFocus()
    qtbot.keyClicks(w2.panels.search.query, "universe tag:cosmos")
    qtbot.waitUntil(lambda: len(w2.panels.search.hits) == 1 and not w2.panels.search.busy, timeout=5000)
    card = w2.panels.search.list.itemWidget(w2.panels.search.list.item(0))
    assert "<b" in card.note.text() and "universe" in card.note.text()
    assert "sample-spanish" in card.meta.text() or card.meta.text()
    qtbot.keyClick(w2.panels.search.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w2.doc.path == other and w2.session is not None and w2.session.doc is w2.doc)
    assert w2.view.flashing
    assert w2.view.viewport().rect().contains(point_at_no_scroll(w2.view, target))
    # the tag browser lists the tag with its count; clicking it searches it
    tags = [w2.panels.search.tag_list.item(i).text() for i in range(w2.panels.search.tag_list.count())]
    assert "#cosmos  (1)" in tags
    w2.panels.search.tag_list.itemClicked.emit(w2.panels.search.tag_list.item(tags.index("#cosmos  (1)")))
    assert w2.panels.search.query.text() == 'tag:"cosmos"'
    assert w2.panels.search.save_current("cosmos notes")
    assert w2.panels.search.saved.item(0).text() == "cosmos notes"


def test_search_field_in_toolbar_and_garbage_is_calm(qtbot, open_window):
    w = open_window()
    highlight_passage(qtbot, w, SENTENCE)
    qtbot.keyClicks(w.menus.search_field, '"unbalanced OR -* tag:')
    assert w.tabs.currentWidget() is w.panels.search
    qtbot.waitUntil(lambda: not w.panels.search.busy, timeout=5000)
    assert "failed" not in w.panels.search.status.text().lower()
    w.menus.search_field.clear()
    qtbot.keyClicks(w.menus.search_field, "sacrif*")
    qtbot.waitUntil(lambda: len(w.panels.search.hits) == 1 and not w.panels.search.busy, timeout=5000)
