"""The PDF page view, driven with the mouse and keys on real corpus PDFs."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from reader.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, db_path):
    made = []

    def make() -> MainWindow:
        w = MainWindow(db_path)
        qtbot.addWidget(w)
        w.resize(1200, 860)
        w.show()
        qtbot.waitExposed(w)
        made.append(w)
        return w

    return make


def open_pdf(qtbot, w, path):
    w.open_path(path)
    qtbot.waitUntil(lambda: w.doc is not None and w.doc.path == path and w.session is not None
                    and w.session.doc is w.doc, timeout=20000)
    qtbot.waitUntil(lambda: 0 in w.page_view.painted_pages | w.page_view.failed_pages, timeout=10000)


def drag(qtbot, widget, a: QPoint, b: QPoint) -> None:
    """Press at a, move with the button held, release at b: a person's drag."""
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=a)
    for k in range(1, 6):
        p = a + (b - a) * (k / 5)
        ev = QMouseEvent(QEvent.Type.MouseMove, QPointF(p), QPointF(widget.mapToGlobal(p)), Qt.MouseButton.NoButton,
                         Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(widget, ev)
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=b)


def test_pdf_opens_on_its_pages_and_navigates(qtbot, window, specimen):
    w = window()
    pdf = specimen("normal/tracemonkey.pdf")
    open_pdf(qtbot, w, pdf)
    pv = w.page_view
    assert w.stack.currentWidget() is pv and w.pdf.controls.isVisible()
    assert w.pdf.page_count_label.text().strip() == "/ 14"
    qtbot.keyClick(pv, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: pv.current_page() == 1 and w.pdf.page_box.value() == 2)
    w.pdf.page_box.setValue(10)
    qtbot.waitUntil(lambda: pv.current_page() == 9)
    qtbot.waitUntil(lambda: 9 in pv.painted_pages, timeout=10000)
    z = pv.zoom
    qtbot.keyClick(pv, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert pv.zoom > z and pv.current_page() == 9
    w.menus.fit_page_action.trigger()
    assert pv.zoom < z
    qtbot.keyClick(pv, Qt.Key.Key_End)
    qtbot.waitUntil(lambda: pv.current_page() == 13)


def test_drag_select_words_highlight_and_reopen(qtbot, window, specimen, db_path):
    pdf = specimen("normal/tracemonkey.pdf")
    w = window()
    open_pdf(qtbot, w, pdf)
    pv = w.page_view
    text = w.doc.text
    start = text.index("Dynamic languages such as JavaScript are more difficult")
    end = text.index("difficult", start) + len("difficult")
    drag(qtbot, pv.viewport(), pv.point_of(start), pv.point_of(end - 1))
    assert pv.selection_range() == (start, end)
    assert pv.selected_text() == "Dynamic languages such as JavaScript are more difficult"
    qtbot.keyClick(pv, Qt.Key.Key_2)
    (h,) = w.session.highlights
    assert (h.exact, h.color, h.page) == ("Dynamic languages such as JavaScript are more difficult", "red", 0)
    assert len(h.rects) == 8 and all(r[0] == 0 for r in h.rects)  # one box per word
    assert pv.selection_range() is None
    w.close()

    w2 = window()
    open_pdf(qtbot, w2, pdf)
    (h2,) = w2.session.highlights
    assert (h2.start, h2.end, h2.rects) == (h.start, h.end, h.rects)
    assert w2.page_view.highlights[0].id == h.id
    # the same highlight in the text view, at the same words
    w2.menus.page_action.trigger()
    assert [(s, e) for s, e, _id in w2.view.painted_highlights()] == [(h.start, h.end)]


def test_two_column_selection_follows_reading_order(qtbot, window, specimen):
    w = window()
    open_pdf(qtbot, w, specimen("normal/tracemonkey.pdf"))
    pv = w.page_view
    t = w.doc.text
    a = t.index("Keywords")  # bottom of the left column
    b = t.index("application logic of browser-based")  # top of the right column
    drag(qtbot, pv.viewport(), pv.point_of(a), pv.point_of(b))
    s, e = pv.selection_range()
    chosen = t[s:e]
    assert chosen.startswith("Keywords") and chosen.endswith("application")
    assert "1. Introduction" in chosen.replace("\u2028", " ") or "Introduction" in chosen


def test_export_then_reimport_round_trip(qtbot, window, specimen, tmp_path):
    w = window()
    pdf = specimen("normal/tracemonkey.pdf")
    open_pdf(qtbot, w, pdf)
    pv = w.page_view
    t = w.doc.text
    s = t.index("Trace-based Just-in-Time Type Specialization")
    e = s + len("Trace-based Just-in-Time Type Specialization")
    drag(qtbot, pv.viewport(), pv.point_of(s), pv.point_of(e - 1))
    qtbot.keyClick(pv, Qt.Key.Key_4)
    (h,) = w.session.highlights
    w.select_highlight(h.id)
    w.editor.note.setPlainText("The paper's title")
    w.editor.tags.setText("jit")
    qtbot.mouseClick(w.editor.save_button, Qt.MouseButton.LeftButton)
    out = tmp_path / "exported.pdf"
    w.pdf.export_annotated_pdf(str(out))
    assert out.exists() and "with annotations: 1 highlight" in w.banner.text()
    import pymupdf

    with pymupdf.open(out) as d:
        page = d[0]
        (annot,) = list(page.annots())
        assert annot.type[1] == "Highlight" and annot.info["content"].startswith("The paper's title")

    copy = tmp_path / "someone-elses-copy.pdf"
    shutil.copyfile(out, copy)
    w.open_path(copy)
    qtbot.waitUntil(lambda: w.doc.path == copy and w.session is not None and w.session.doc is w.doc, timeout=20000)
    (imported,) = w.session.highlights
    assert imported.exact == h.exact and imported.color == "blue" and imported.origin == "imported"
    assert imported.note == "The paper's title" and imported.tags == ["jit"]
    assert "Imported 1 highlight" in w.banner.text()


def test_scanned_page_says_text_cannot_be_selected(qtbot, window, specimen):
    w = window()
    open_pdf(qtbot, w, specimen("nasty/scanned_issue7229_form.pdf"))
    assert 0 not in w.page_view._words
    img = w.page_view.viewport().grab().toImage()
    assert img.width() > 0
    assert any("no text layer" in m for m in w.doc.warnings)


def test_find_in_document_marks_and_steps(qtbot, window, specimen):
    w = window()
    open_pdf(qtbot, w, specimen("normal/tracemonkey.pdf"))
    qtbot.keyClick(w.page_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert w.find_bar.isVisible() and w.find_bar.field.hasFocus()
    qtbot.keyClicks(w.find_bar.field, "trace tree")
    qtbot.waitUntil(lambda: not w.find_bar.searching)  # the search runs between keystrokes
    n = len(w.find_bar.hits)
    assert n > 10 and w.find_bar.count.text() == f"1 of {n}"
    qtbot.keyClick(w.find_bar.field, Qt.Key.Key_Return)
    assert w.find_bar.count.text() == f"2 of {n}"
    s, _e = w.find_bar.hits[1]
    assert w.page_view.is_offset_visible(s)
    assert w.page_view.find_current == 1


@pytest.mark.parametrize(
    ("name", "expect"),
    [
        ("corrupt_bad1.pdf", "damaged"),
        ("corrupt_poppler-742-0-fuzzed.pdf", "damaged"),
        ("zero_pages_qpdf_empty.pdf", "no pages"),
        ("corrupt_issue15590_incomplete_trailer.pdf", "no pages"),
    ],
)
def test_nasty_pdfs_that_cannot_open_say_why(qtbot, window, specimen, name, expect):
    w = window()
    w.open_path(specimen(f"nasty/{name}"))
    qtbot.waitUntil(lambda: expect in w.banner.text(), timeout=20000)


@pytest.mark.parametrize(
    "name",
    ["huge_pagecount_claimed_poppler-67295-0.pdf", "corrupt_Pages-tree-refs.pdf", "corrupt_page-tree-kids-recursive.pdf",
     "bomb_giant.pdf", "huge_pagesize_issue14497.pdf", "cjk_vertical.pdf", "rtl_ArabicCIDTrueType.pdf",
     "js_openaction_javascript.pdf", "launch_externalLink.pdf", "link_file_url.pdf", "corrupt_outlines-with-loop.pdf",
     "enc_owner_only_encryption_nocopy.pdf", "corrupt_premature-EOF.pdf", "corrupt_xref-keyword-missing.pdf"],
)
def test_nasty_pdfs_that_can_open_do(qtbot, window, specimen, name):
    w = window()
    open_pdf(qtbot, w, specimen(f"nasty/{name}"))
    assert w.page_view.count >= 1 and w.stack.currentWidget() is w.page_view


def test_links_never_run_they_ask(qtbot, window, specimen, monkeypatch):
    opened = []
    from PySide6.QtGui import QDesktopServices

    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url))
    w = window()
    open_pdf(qtbot, w, specimen("nasty/launch_externalLink.pdf"))
    pv = w.page_view
    (link,) = [ln for ln in w.controller.pdf_pages.links(0)]
    r = pv.page_rect(0)
    center = QPoint(int(r.x() + (link.rect[0] + link.rect[2]) / 2 * pv.zoom),
                    int(r.y() + (link.rect[1] + link.rect[3]) / 2 * pv.zoom))
    qtbot.mouseClick(pv.viewport(), Qt.MouseButton.LeftButton, pos=center)
    qtbot.waitUntil(lambda: w.link_box is not None and w.link_box.isVisible())
    assert "text_only_pdfa1b.pdf" in w.link_box.text() and not opened  # more in tests/test_links.py
    w.link_box.reject()


def test_encrypted_pdf_prompts_and_opens_pages(qtbot, window, specimen):
    w = window()
    w.open_path(specimen("nasty/enc_user_pr6531_2_asdfasdf.pdf"))
    qtbot.waitUntil(lambda: w.password_dialog is not None and w.password_dialog.isVisible())
    w.password_dialog.setTextValue("asdfasdf")
    w.password_dialog.accept()
    qtbot.waitUntil(lambda: w.session is not None and w.doc.kind == "pdf", timeout=10000)
    assert w.stack.currentWidget() is w.page_view and w.page_view.count == 1


def test_contents_tab_lists_the_outline_and_jumps(qtbot, window, specimen):
    w = window()
    open_pdf(qtbot, w, specimen("normal/pdflatex-outline.pdf"))
    idx = w.tabs.indexOf(w.pdf.contents)
    assert idx >= 0 and w.pdf.contents.topLevelItemCount() >= 2
    last = w.pdf.contents.topLevelItem(w.pdf.contents.topLevelItemCount() - 1)
    page = last.data(0, Qt.ItemDataRole.UserRole)
    w.pdf.contents.itemClicked.emit(last, 0)
    qtbot.waitUntil(lambda: w.page_view.current_page() == page)
