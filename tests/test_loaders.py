"""Every kind of file a person may throw at Reader, on real specimens."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from reader.document import LINE_BREAK
from reader.errors import DocumentError, PasswordRequired
from reader.loaders import load
from tests.conftest import SAMPLE


def test_sample_article_structure_and_offsets():
    doc = load(SAMPLE)
    assert doc.kind == "markdown"
    assert doc.title.startswith("Working Hard to Bring Happiness")
    assert any(b.kind == "heading" and b.level == 1 for b in doc.blocks)
    for b in doc.blocks:  # the offset contract the view and anchors rely on
        assert doc.text[b.start:b.end] == b.text
    sup = [s for b in doc.blocks for s in b.spans if s.kind == "sup"]
    assert sup and doc.text[sup[0].start:sup[0].end] == "[1]"
    assert "Minister of the International Department of the" + LINE_BREAK in doc.text
    assert "**" not in doc.text and "<sup>" not in doc.text


def test_markdown_inline_formatting_becomes_spans(tmp_path):
    p = tmp_path / "f.md"
    p.write_text("# T\n\nSome *em* and **bold** and `code` and [a link](https://x.org).\n", encoding="utf-8")
    doc = load(p)
    kinds = {s.kind: doc.text[s.start:s.end] for b in doc.blocks for s in b.spans}
    assert kinds == {"em": "em", "strong": "bold", "code": "code", "link": "a link"}


def test_missing_file(tmp_path):
    with pytest.raises(DocumentError, match="not found"):
        load(tmp_path / "nope.md")


def test_directory(tmp_path):
    with pytest.raises(DocumentError, match="folder"):
        load(tmp_path)


def test_binary_named_txt(tmp_path):
    p = tmp_path / "program.txt"
    p.write_bytes(Path(sys.executable).resolve().read_bytes()[:65536])
    with pytest.raises(DocumentError, match="binary"):
        load(p)


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    with pytest.raises(DocumentError, match="empty"):
        load(p)


def test_utf16_with_bom(specimen):
    doc = load(specimen("text/utf16le-bom.txt"))
    assert doc.encoding == "utf-16-le"
    assert "\x00" not in doc.text and "Ã" not in doc.text
    assert "UTF-16" in doc.text or "utf" in doc.text.lower()


def test_windows_1252(specimen):
    doc = load(specimen("text/cp1252.txt"))
    assert doc.encoding == "cp1252"
    assert "€" in doc.text and "Ã" not in doc.text


def test_latin1(specimen):
    doc = load(specimen("text/entre-nous_44157-8_latin1.txt"))
    assert "é" in doc.text and "Ã©" not in doc.text and "\ufffd" not in doc.text


@pytest.mark.parametrize(
    "name",
    ["corrupt_bad1.pdf", "corrupt_poppler-742-0-fuzzed.pdf", "corrupt_issue15590_incomplete_trailer.pdf"],
)
def test_corrupt_pdf_is_a_clear_error(specimen, name):
    with pytest.raises(DocumentError) as info:
        load(specimen(f"nasty/{name}"))
    assert name in str(info.value)


@pytest.mark.parametrize("name", ["corrupt_premature-EOF.pdf", "corrupt_xref-keyword-missing.pdf"])
def test_truncated_or_damaged_pdf_opens_what_it_can(specimen, name):
    doc = load(specimen(f"nasty/{name}"))
    assert doc.page_count >= 1


def test_a_pdf_cut_short_before_its_pages_is_called_damaged(specimen, tmp_path):
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(specimen("normal/tracemonkey.pdf").read_bytes()[:3000])
    with pytest.raises(DocumentError) as info:
        load(cut)
    assert str(info.value) == "cut.pdf is damaged (perhaps cut short): it has no pages to show."


def test_encrypted_pdf_asks_then_opens(specimen):
    p = specimen("nasty/enc_user_pr6531_2_asdfasdf.pdf")
    with pytest.raises(PasswordRequired) as info:
        load(p)
    assert not info.value.wrong
    with pytest.raises(PasswordRequired) as info:
        load(p, password="wrong")
    assert info.value.wrong and "Wrong password" in str(info.value)
    assert load(p, password="asdfasdf").page_count == 1


def test_encrypted_pdf_utf8_password(specimen):
    assert load(specimen("nasty/enc_user_issue6010_2_utf8pw.pdf"), password="æøå").page_count == 1


def test_zero_pages(specimen):
    with pytest.raises(DocumentError, match="no pages"):
        load(specimen("nasty/zero_pages_qpdf_empty.pdf"))


def test_absurd_page_count_opens_the_real_pages(specimen):
    doc = load(specimen("nasty/huge_pagecount_claimed_poppler-67295-0.pdf"))
    assert doc.page_count == 1
    assert "TestString123" in doc.text
    assert any("claimed" in w for w in doc.warnings)


def test_page_tree_cycle_opens_good_pages(specimen):
    doc = load(specimen("nasty/corrupt_Pages-tree-refs.pdf"))
    assert "Pages loop" in doc.text


def test_decompression_bomb_is_defused(specimen):
    doc = load(specimen("nasty/bomb_giant.pdf"))
    assert doc.page_count == 1


@pytest.mark.parametrize("name", ["js_openaction_javascript.pdf", "launch_externalLink.pdf", "link_file_url.pdf"])
def test_active_content_is_never_run(specimen, tmp_path, name):
    marker = tmp_path / "ran"
    doc = load(specimen(f"nasty/{name}"))
    assert doc.page_count == 1 and not marker.exists()


def test_pdf_words_carry_page_and_rects(specimen):
    doc = load(specimen("normal/tracemonkey.pdf"))
    assert doc.page_count == 14
    assert any(b.kind == "page" for b in doc.blocks)
    w = doc.words[100]
    assert doc.text[w.start:w.end].strip() and w.page == 0 and w.rect[2] > w.rect[0]
    i = doc.text.index("Trace-based")
    rects = doc.rects_for(i, i + 11)
    assert rects and rects[0][0] == 0


def test_scanned_pdf_says_text_cannot_be_selected(specimen):
    doc = load(specimen("nasty/scanned_issue7229_form.pdf"))
    assert any("no text layer" in w for w in doc.warnings)


def test_a_gutenberg_book_is_titled_and_credited_from_its_header(specimen):
    doc = load(specimen("big/war-and-peace_2600-0.txt"))
    assert (doc.title, doc.author) == ("War and Peace", "Leo Tolstoy")  # not "The Project Gutenberg EBook of ..."
    doc = load(specimen("text/entre-nous_44157-8_latin1.txt"))
    assert doc.author == "Lucie Vos"


def test_a_blank_lines_gap_after_a_sentence_starts_a_paragraph_in_a_pdf(tmp_path):
    """Tryout 13: the LoC report's byline, two lines of spaces (one MuPDF block) under the abstract's last
    sentence, was read into the abstract ("…have been highlighted. By Constance Johnson Senior Legal Research
    Analyst")."""
    import pymupdf

    pdf = tmp_path / "byline.pdf"
    doc = pymupdf.open()
    page = doc.new_page()
    lines = ["The abstract says what the report covers and what it", "leaves out of its history.", " ", " ",
             "By Ana Ruiz", "Senior Research Analyst"]
    page.insert_text((72, 100), "\n".join(lines), fontsize=11)
    doc.save(str(pdf))
    texts = [b.text for b in load(pdf).blocks if b.kind == "paragraph"]
    assert "The abstract says what the report covers and what it leaves out of its history." in texts, texts
    assert any(t.startswith("By Ana Ruiz") for t in texts), texts
