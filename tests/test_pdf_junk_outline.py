"""A PDF whose outline only names its pages and the files it was made from ("2004-00208iq_connie_cov pg1
Edit.pdf", then "Page 1" … "Page 32", tryout s12): the Contents tab lists the headings found in its text
instead, and says so. A real outline stays."""

from __future__ import annotations

import pymupdf
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItemIterator

from reader.contents import JUNK_OUTLINE_NOTE, outline_names_pages
from tests.test_pages import open_pdf

SECTIONS = ["1. Introduction", "2. Methods of the Survey", "3. Results"]


def _report(path, toc: list[list]) -> None:
    """A title, three pages, a numbered section on each, and the outline ``toc``."""
    words = "river field harvest market village canal winter trader bridge temple".split()
    pdf = pymupdf.open()
    for k, head in enumerate(SECTIONS):
        page = pdf.new_page()
        if k == 0:
            page.insert_text((72, 60), "A Survey of Rivers and Fields", fontsize=18, fontname="hebo")
        page.insert_text((72, 90), head, fontsize=14, fontname="hebo")
        for j in range(6):
            a, b = words[(k * 3 + j) % 10], words[(k * 7 + 2 * j + 1) % 10]
            page.insert_text((72, 130 + 18 * j), f"Each {a} the survey saw {'was' if j % 2 else 'is'} near a {b}"
                             f"{' of the old kind' if k else ''}, as line {j + 1} says.", fontsize=11, fontname="helv")
    pdf.set_toc(toc)
    pdf.save(path)


def _rows(tree) -> list[str]:
    out = []
    it = QTreeWidgetItemIterator(tree)
    while it.value():
        out.append(it.value().text(0))
        it += 1
    return out


def test_an_outline_of_pages_and_file_names_gives_way_to_the_texts_headings(qtbot, window, tmp_path):
    path = tmp_path / "report.pdf"
    _report(path, [[1, "2004-00208iq_connie_cov pg1 Edit.pdf", 1], [2, "Page 1", 1], [2, "Page 2", 2],
                   [2, "Page 3", 3]])
    w = window
    open_pdf(qtbot, w, path)
    tree = w.pdf.contents
    qtbot.waitUntil(lambda: _rows(tree) == SECTIONS)
    w.tabs.setCurrentWidget(tree)
    assert w.tabs.isTabEnabled(w.tabs.indexOf(tree))
    assert " ".join(tree.headerItem().text(0).split()) == JUNK_OUTLINE_NOTE
    assert tree.columnCount() == 1  # no "Page" column: these are places in the text
    target = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                  if tree.topLevelItem(i).text(0) == SECTIONS[2])
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(target).center())
    qtbot.waitUntil(lambda: w.page_view.current_page() == 2)


def test_a_real_outline_stays(qtbot, window, tmp_path):
    path = tmp_path / "report.pdf"
    _report(path, [[1, "Introduction", 1], [1, "Methods", 2], [2, "Page 2 of the methods", 2], [1, "Results", 3]])
    w = window
    open_pdf(qtbot, w, path)
    tree = w.pdf.contents
    qtbot.wait(200)  # the text (and its headings) is in: the outline is not replaced
    assert _rows(tree) == ["Introduction", "Methods", "Page 2 of the methods", "Results"]
    assert tree.headerItem().text(0) == "Contents" and tree.headerItem().text(1) == "Page"


def test_which_outlines_only_name_pages():
    assert outline_names_pages([(1, "htmldoc797.html", 1)])
    assert outline_names_pages([(1, "scan.pdf", 1), (2, "Page 1", 1), (2, "p. 2", 2), (2, "3", 3), (2, "Intro", 1)])
    assert not outline_names_pages([(1, "Foo", 1), (1, "Bar", 2), (1, "Page 3", 3)])
    assert not outline_names_pages([(1, "Chapter 1. Getting Acquainted with QMF", 1), (1, "Page layout", 2)])
    assert not outline_names_pages([])


def test_the_tryouts_legal_history_lists_its_headings(qtbot, window, specimen):
    w = window
    open_pdf(qtbot, w, specimen("normal/govdocs1_504076_LoC_Iraq_legal_history.pdf"))
    tree = w.pdf.contents
    qtbot.waitUntil(lambda: " ".join(tree.headerItem().text(0).split()) == JUNK_OUTLINE_NOTE)
    rows = _rows(tree)
    assert rows[:2] == ["I. Ancient Times", "A. 24th century BCE"]
    assert not any(r.startswith("Page ") or r.endswith(".pdf") for r in rows)
