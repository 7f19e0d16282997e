"""Links that leave the document: files are never run, web links ask first.

Real specimens: nasty/launch_externalLink.pdf (a /Launch action naming
text_only_pdfa1b.pdf) and nasty/link_file_url.pdf (``file://path/to/local/file.pdf``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from reader.links import classify
from reader.pdf_pages import PdfPages
from tests.gui_helpers import point_at
from tests.test_pages import open_pdf, window  # noqa: F401 (fixtures)

BASE = Path("/data/papers")


@pytest.mark.parametrize(
    ("href", "kind", "action", "path"),
    [
        ("launch:text_only_pdfa1b.pdf", "file", "launch", BASE / "text_only_pdfa1b.pdf"),
        ("remote:../other.pdf", "file", "remote", Path("/data/other.pdf")),
        ("file://path/to/local/file.pdf", "file", "uri", BASE / "path/to/local/file.pdf"),
        ("file://dossier-été/x.pdf", "file", "uri", BASE / "dossier-été/x.pdf"),  # not a host "xn--…"
        ("file:///etc/passwd", "file", "uri", Path("/etc/passwd")),
        ("file://localhost/tmp/a%20b.pdf", "file", "uri", Path("/tmp/a b.pdf")),
        ("notes/über.md", "file", "path", BASE / "notes/über.md"),
        ("https://example.org/x", "web", "", None),
        ("mailto:someone@example.org", "web", "", None),
        ("javascript:alert(1)", "other", "", None),
        ("ms-word:ofe|u|x.docx", "other", "", None),
        ("#fn-1", "internal", "", None),
    ],
)
def test_where_a_link_points(href, kind, action, path):
    t = classify(href, BASE)
    assert (t.kind, t.action, t.path) == (kind, action, path)


@pytest.mark.parametrize(
    ("name", "href"),
    [("launch_externalLink.pdf", "launch:text_only_pdfa1b.pdf"), ("link_file_url.pdf", "file://path/to/local/file.pdf")],
)
def test_pdf_launch_and_file_links_are_told_apart_by_their_action(specimen, name, href):
    pages = PdfPages.open(specimen(f"nasty/{name}"))
    try:
        assert [ln.uri for ln in pages.links(0)] == [href]
    finally:
        pages.close()


@pytest.fixture
def opened(monkeypatch):
    """What Reader asked the desktop to open (the desktop itself is not driven in tests)."""
    urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url) or True)
    return urls


def _click_pdf_link(qtbot, w):
    pv = w.page_view
    (link,) = w.controller.pdf_pages.links(0)
    r = pv.page_rect(0)
    center = QPoint(int(r.x() + (link.rect[0] + link.rect[2]) / 2 * pv.zoom),
                    int(r.y() + (link.rect[1] + link.rect[3]) / 2 * pv.zoom))
    qtbot.mouseClick(pv.viewport(), Qt.MouseButton.LeftButton, pos=center)
    qtbot.waitUntil(lambda: w.link_box is not None and w.link_box.isVisible())
    return w.link_box


def _button(box: QMessageBox, text: str):
    return next(b for b in box.buttons() if b.text().replace("&", "") == text)


def test_launch_action_says_reader_does_not_run_files_and_shows_the_folder(qtbot, window, specimen, opened):  # noqa: F811
    pdf = specimen("nasty/launch_externalLink.pdf")
    target = pdf.parent / "text_only_pdfa1b.pdf"
    target.write_bytes(b"%PDF-1.4 the file the PDF wants to launch")
    w = window()
    open_pdf(qtbot, w, pdf)
    box = _click_pdf_link(qtbot, w)
    assert "Reader does not run files" in box.text()
    assert "start a program or open a file" in box.text()
    assert str(target) in box.text() and "no such file" not in box.text()
    assert "Open it anyway" not in box.text()
    qtbot.mouseClick(_button(box, "Show Folder"), Qt.MouseButton.LeftButton)
    assert opened == [QUrl.fromLocalFile(str(pdf.parent))]  # the folder, never the file


def test_file_url_link_resolves_against_the_pdfs_folder(qtbot, window, specimen, opened):  # noqa: F811
    pdf = specimen("nasty/link_file_url.pdf")
    w = window()
    open_pdf(qtbot, w, pdf)
    box = _click_pdf_link(qtbot, w)
    assert "Reader does not run files" in box.text()
    assert str(pdf.parent / "path/to/local/file.pdf") in box.text() and "no such file" in box.text()
    qtbot.mouseClick(_button(box, "Cancel"), Qt.MouseButton.LeftButton)
    assert opened == []
    # the nearest folder that exists is the PDF's own
    box = _click_pdf_link(qtbot, w)
    qtbot.mouseClick(_button(box, "Show Folder"), Qt.MouseButton.LeftButton)
    assert opened == [QUrl.fromLocalFile(str(pdf.parent))]


MD = (
    "# Links\n\n"
    "A [web page](https://example.org/page) to read.\n\n"
    "An [app link](zotero://select/items/ABC) to refuse.\n\n"
    "A [sibling file](papers/%C3%BCber.md) to keep closed.\n"
)


@pytest.mark.parametrize(
    ("word", "says", "button", "opens"),
    [
        ("web page", "Open this link in your browser?", "Open in Browser", "https://example.org/page"),
        ("app link", "Reader does not open it", "Copy Link", None),
        ("sibling file", "Reader does not run files", "Show Folder", "folder"),
    ],
)
def test_markdown_links_ask_before_leaving(qtbot, open_window, tmp_path, opened, word, says, button, opens):
    p = tmp_path / "links.md"
    p.write_text(MD, encoding="utf-8")
    w = open_window(p)
    s = w.doc.text.index(word)
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=point_at(w.view, s + 2))
    qtbot.waitUntil(lambda: w.link_box is not None and w.link_box.isVisible())
    box = w.link_box
    assert says in box.text()
    if word == "sibling file":
        assert str(tmp_path / "papers" / "über.md") in box.text()
    qtbot.mouseClick(_button(box, button), Qt.MouseButton.LeftButton)
    if opens is None:
        assert opened == []
    elif opens == "folder":
        assert opened == [QUrl.fromLocalFile(str(tmp_path))]
    else:
        assert opened == [QUrl(opens)]
