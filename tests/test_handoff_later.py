"""`reader PATH` handed to the open window learns what became of a file read in the background
(tryout 8, left): a PDF shows its pages at once and reads its text after; when that read failed,
the second `reader` had already exited 0. As a person running Okular or Zotero expects, the
window says what is wrong, and now the command says it too: one line on stderr, exit 1."""

from __future__ import annotations

import zipfile

from reader.ui import instance
from reader.ui.main_window import MainWindow
from tests.test_handoff_pdf import second_reader


def _window(qtbot, db_path, first):
    w = MainWindow(db_path)  # as `reader first.md` makes it (reader/ui/app.py: run)
    qtbot.addWidget(w)
    instance.serve_once_shown(w, db_path)
    w.resize(1000, 700)
    w.show()
    w.open_path(first)
    qtbot.waitUntil(lambda: w.doc is not None and w.doc.path == first and w.view.painted, timeout=20000)
    qtbot.waitUntil(lambda: instance.listening(instance.server_name(db_path)), timeout=10000)
    return w


def test_a_pdf_whose_text_fails_after_its_pages_makes_the_second_reader_fail(
        qtbot, db_path, specimen, tmp_path, messages):
    first = tmp_path / "docs" / "first.md"
    first.parent.mkdir(parents=True, exist_ok=True)
    first.write_text("# First\n\nThe text the window was started on.\n", encoding="utf-8")
    w = _window(qtbot, db_path, first)
    pdf = specimen("normal/tracemonkey.pdf")
    whole = pdf.read_bytes()

    def cut_short(*_args: object) -> None:  # the file is cut while the window has only its pages (a copy still going)
        pdf.write_bytes(whole[:3000])

    w.controller.pagesOpened.connect(cut_short)
    done = second_reader(qtbot, str(pdf), db_path)
    w.controller.pagesOpened.disconnect(cut_short)
    assert w.pdf.made_page_view  # its pages were shown first: the window had taken it
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("reader: tracemonkey.pdf is damaged"), done.stderr
    assert "said in the open Reader window too" in lines[0]
    assert any(level == "error" and text.startswith("tracemonkey.pdf is damaged") for level, text in messages)
    # and the window says so: the banner, and the status bar no longer says its text is being read
    assert w.banner.isVisible() and w.banner.text().startswith("tracemonkey.pdf is damaged")
    assert w.doc_info.text() == "PDF · 14 pages · text not read"
    assert w.panel.empty.text().startswith("The text of this PDF could not be read")
    w.grab().save(str(tmp_path / "failed_later.png"))

    # a whole PDF handed over is answered once its text is in: exit 0, and it is the open document
    pdf.write_bytes(whole)
    done = second_reader(qtbot, str(pdf), db_path)
    assert done.returncode == 0 and not done.stderr, done.stderr
    assert w.doc is not None and w.doc.path == pdf and w.doc.kind == "pdf"


def test_a_damaged_epub_read_in_the_background_makes_the_second_reader_fail(qtbot, db_path, tmp_path, messages):
    first = tmp_path / "first.md"
    first.write_text("# First\n\nThe text the window was started on.\n", encoding="utf-8")
    w = _window(qtbot, db_path, first)
    book = tmp_path / "book.epub"
    with zipfile.ZipFile(book, "w") as z:
        z.writestr("mimetype", "application/epub+zip")  # and nothing else: no container, no chapters
    done = second_reader(qtbot, str(book), db_path)
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("reader: book.epub is damaged"), done.stderr
    assert w.doc is not None and w.doc.path == first  # the window kept what it had
