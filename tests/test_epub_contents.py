"""EPUB books and the Contents tab for every kind (headings, chapter lines, a book's own contents)."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from reader.contents import chapter_level, contents
from reader.loaders import load
from reader.ui.main_window import MainWindow
from tests.conftest import SAMPLE
from tests.epub_maker import make_epub
from tests.gui_helpers import select_text

NOVEL = """War and Peace, abridged for a test

BOOK ONE: 1805

CHAPTER I

"Well, Prince, so Genoa and Lucca are now just family estates of the Buonapartes," said Anna Pavlovna
as she greeted the first guest to arrive at her reception in the summer of that year.

Chapter 3 of the report shows that this sentence is not a heading at all, whatever it starts with.

CHAPTER II

Anna Pavlovna's drawing room was gradually filling. The highest Petersburg society was assembled
there, people differing widely in age and character but alike in the social circle to which they belonged.

BOOK TWO: 1805

CHAPTER I

In October 1805 a Russian army was occupying the villages and towns of the Archduchy of Austria, and yet
other regiments freshly arriving from Russia were settling near the fortress of Braunau.
"""


def test_chapter_lines_are_found_in_plain_text(tmp_path):
    assert chapter_level("CHAPTER I") and chapter_level("BOOK ONE: 1805") and chapter_level("Part 2")
    assert chapter_level("Chapter 12. The Return") and chapter_level("PROLOGUE")
    assert not chapter_level("Chapter 3 of the report shows that this is a sentence.")
    assert not chapter_level("chapter 3") and not chapter_level("I want a chapter")
    p = tmp_path / "novel.txt"
    p.write_text(NOVEL, encoding="utf-8")
    doc = load(p)
    heads = [(b.text, b.level) for b in doc.blocks if b.kind == "heading"]
    assert heads == [("BOOK ONE: 1805", 2), ("CHAPTER I", 3), ("CHAPTER II", 3), ("BOOK TWO: 1805", 2), ("CHAPTER I", 3)]
    entries = contents(doc)
    assert [(e.level, e.title) for e in entries][:3] == [(1, "BOOK ONE: 1805"), (2, "CHAPTER I"), (2, "CHAPTER II")]
    assert all(doc.text[e.offset:].startswith(e.title) for e in entries)


def test_epub_reflows_with_its_table_of_contents(tmp_path):
    path = make_epub(tmp_path / "harbour.epub")
    import pymupdf  # a real EPUB: another reader opens it too

    with pymupdf.open(path) as check:
        assert check.page_count >= 1 and check.metadata["title"] == "The Harbour Book"
    doc = load(path)
    assert doc.kind == "epub" and doc.title == "The Harbour Book"
    assert any(b.kind == "front" and "Ines Moreau" in b.text for b in doc.blocks)
    kinds = {b.kind for b in doc.blocks}
    assert {"heading", "paragraph", "list_item", "quote"} <= kinds
    link = next(s for b in doc.blocks for s in b.spans if s.kind == "link")
    assert doc.text[link.start:link.end] == "the harbour map" and link.href == "https://example.org/harbour"
    assert any(doc.text[s.start:s.end] == "heavy" for b in doc.blocks for s in b.spans if s.kind == "em")
    entries = contents(doc)
    assert [(e.level, e.title) for e in entries] == [
        (1, "Chapter One: The Harbour"), (2, "The Market"), (1, "Chapter Two: The Storm"), (1, "Chapter Three: The Lighthouse"),
    ]
    for e in entries:
        assert doc.text[e.offset:].startswith(e.title)


def reader(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True, timeout=120)


def test_damaged_epubs_are_one_line(tmp_path):
    fake = tmp_path / "fake.epub"
    fake.write_text("this is not a zip file at all")
    no_package = tmp_path / "nopackage.epub"
    with zipfile.ZipFile(no_package, "w") as z:
        z.writestr("mimetype", "application/epub+zip")
    drm = make_epub(tmp_path / "drm.epub")
    with zipfile.ZipFile(drm, "a") as z:
        z.writestr("META-INF/encryption.xml", '<encryption><EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/></encryption>')
    for path, words in ((fake, "damaged"), (no_package, "damaged"), (drm, "DRM")):
        r = reader("text", str(path))
        assert r.returncode == 1 and words in r.stderr and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    r = reader("text", str(make_epub(tmp_path / "ok.epub")))
    assert r.returncode == 0 and "A harbour is only a promise" in r.stdout


@pytest.fixture
def window(qtbot, db_path):
    made = []

    def make() -> MainWindow:
        w = MainWindow(db_path)
        qtbot.addWidget(w)
        w.resize(1200, 800)
        w.show()
        qtbot.waitExposed(w)
        made.append(w)
        return w

    return make


def open_and_wait(qtbot, w: MainWindow, path) -> None:
    w.open_path(path)
    qtbot.waitUntil(lambda: w.session is not None and w.doc.path == path and w.session.doc is w.doc, timeout=20000)


def click_contents(qtbot, w: MainWindow, title: str) -> None:
    w.tabs.setCurrentWidget(w.pdf.contents)
    items = w.pdf.contents.findItems(title, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
    assert items, f"{title!r} is not in the Contents tab"
    rect = w.pdf.contents.visualItemRect(items[0])
    qtbot.mouseClick(w.pdf.contents.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_epub_in_the_window_contents_highlights_and_notes(qtbot, window, tmp_path):
    path = make_epub(tmp_path / "docs" / "harbour.epub")
    w = window()
    open_and_wait(qtbot, w, path)
    assert w.doc.kind == "epub" and "EPUB" in w.doc_info.text() and w.windowTitle().startswith("The Harbour Book")
    assert w.tabs.indexOf(w.pdf.contents) >= 0
    top = [w.pdf.contents.topLevelItem(i).text(0) for i in range(w.pdf.contents.topLevelItemCount())]
    assert top == ["Chapter One: The Harbour", "Chapter Two: The Storm", "Chapter Three: The Lighthouse"]
    assert w.pdf.contents.topLevelItem(0).child(0).text(0) == "The Market"
    w.resize(700, 300)  # small enough that the book scrolls
    qtbot.wait(50)
    click_contents(qtbot, w, "Chapter Three: The Lighthouse")
    target = w.doc.text.index("Chapter Three: The Lighthouse")
    bar = w.view.verticalScrollBar()
    qtbot.waitUntil(lambda: abs(w.view.top_offset() - target) < 60 or bar.value() == bar.maximum())  # (as laid out)
    # highlight and note, as for any document
    passage = "A harbour is only a promise the land makes to the sea."
    s = w.doc.text.index(passage)
    select_text(qtbot, w.view, s, s + len(passage))
    qtbot.keyClick(w.view, Qt.Key.Key_3)
    (h,) = w.session.highlights
    assert h.exact == passage and h.color == "green"
    w.editor.note.setFocus()
    qtbot.keyClicks(w.editor.note, "The keeper's saying")
    qtbot.keyClick(w.editor.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert w.session.highlights[0].note == "The keeper's saying"
    w2 = window()
    open_and_wait(qtbot, w2, path)
    (h2,) = w2.session.highlights
    assert h2.exact == passage and h2.note == "The keeper's saying"


def test_text_and_markdown_have_contents(qtbot, window, tmp_path):
    p = tmp_path / "docs" / "novel.txt"
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(NOVEL, encoding="utf-8")
    w = window()
    open_and_wait(qtbot, w, p)
    assert w.tabs.indexOf(w.pdf.contents) >= 0
    books = [w.pdf.contents.topLevelItem(i).text(0) for i in range(w.pdf.contents.topLevelItemCount())]
    assert books == ["BOOK ONE: 1805", "BOOK TWO: 1805"]
    assert w.pdf.contents.topLevelItem(1).child(0).text(0) == "CHAPTER I"
    # a chapter line is styled as a heading in the reading view
    at = w.doc.text.index("CHAPTER II")
    c = QTextCursor(w.view.document())
    c.setPosition(at)
    assert c.blockFormat().headingLevel() == 3
    w.resize(700, 260)
    qtbot.wait(50)
    w.tabs.setCurrentWidget(w.pdf.contents)
    item = w.pdf.contents.topLevelItem(1)
    qtbot.mouseClick(w.pdf.contents.viewport(), Qt.MouseButton.LeftButton, pos=w.pdf.contents.visualItemRect(item).center())
    target = w.doc.text.index("BOOK TWO")
    bar = w.view.verticalScrollBar()
    qtbot.waitUntil(lambda: abs(w.view.top_offset() - target) < 40 or bar.value() == bar.maximum())  # (as laid out)
    # Markdown: its headings
    open_and_wait(qtbot, w, SAMPLE)
    assert w.tabs.indexOf(w.pdf.contents) >= 0 and w.pdf.contents.topLevelItemCount() >= 1
    titles = [w.pdf.contents.topLevelItem(i).text(0) for i in range(w.pdf.contents.topLevelItemCount())]
    heads = [b.text for b in w.doc.blocks if b.kind == "heading"]
    assert titles[0] in heads


def test_war_and_peace_contents_lists_each_book_once_with_its_epilogues(qtbot, window, tmp_path):
    """The table of contents at the top of the book is a list, not headings: every
    book is in Contents once, the epilogues are there, the list is not drawn as headings."""
    from tests.conftest import CORPUS

    p = tmp_path / "war-and-peace.txt"
    p.write_bytes((CORPUS / "big" / "war-and-peace_2600-0.txt").read_bytes())
    w = window()
    open_and_wait(qtbot, w, p)
    tops = [w.pdf.contents.topLevelItem(i).text(0) for i in range(w.pdf.contents.topLevelItemCount())]
    books = [t for t in tops if t.startswith("BOOK ")]
    assert len(books) == len(set(books)) == 15
    assert tops[0] == "BOOK ONE: 1805"
    assert "FIRST EPILOGUE: 1813 - 20" in tops and "SECOND EPILOGUE" in tops
    first = w.pdf.contents.topLevelItem(tops.index("FIRST EPILOGUE: 1813 - 20"))
    assert first.childCount() > 10 and first.child(0).text(0) == "CHAPTER I"
    # the list under "CONTENTS" reads as text, not as a column of chapter headings
    listed = w.doc.text.index("CHAPTER I", w.doc.text.index("CONTENTS"))
    c = QTextCursor(w.view.document())
    c.setPosition(listed)
    assert c.blockFormat().headingLevel() == 0
    assert listed < next(e.offset for e in contents(w.doc))
