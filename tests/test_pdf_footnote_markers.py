"""Footnote markers in a PDF's running text go: small digits raised above the line ("issued commercial
35 regulations", the 35 a 6 pt superscript in 11 pt text). Found from MuPDF's words and spans in
general; exponents (x², 10⁶) and numbers on the line stay."""

from __future__ import annotations

import pymupdf

from tests.test_export import ok, reader


def _line(page, x: float, y: float, parts: list[tuple[str, float, float]]) -> None:
    """Text pieces (text, font size, rise above the baseline) one after another from (x, y)."""
    for text, size, rise in parts:
        page.insert_text((x, y - rise), text, fontsize=size, fontname="helv")
        x += pymupdf.get_text_length(text, fontname="helv", fontsize=size)


def test_raised_small_digits_after_words_go_and_exponents_and_numbers_stay(tmp_path, db_path):
    pdf = pymupdf.open()
    page = pdf.new_page()
    _line(page, 72, 100, [("The sultan issued commercial", 11, 0), ("35", 6, 4.5), (" regulations in 1401.", 11, 0)])
    _line(page, 72, 130, [("Energy grows as x", 11, 0), ("2", 6, 4.5), (" and the rate as 10", 11, 0), ("6", 6, 4.5),
                          (" per year.", 11, 0)])
    _line(page, 72, 160, [("As the jurists said.", 11, 0), ("27", 6, 4.5), (" Chapter 12 follows on page 3.", 11, 0)])
    _line(page, 72, 700, [("35", 6, 4.5), (" Sanderson Beck, Mongol Iran.", 8, 0)])  # the footnote's own number
    path = tmp_path / "notes.pdf"
    pdf.save(path)
    text = " ".join(ok(reader("text", str(path), db=db_path)).split())
    assert "issued commercial regulations in 1401." in text
    assert "x2 and the rate as 106 per year." in text.replace("x 2", "x2").replace("10 6", "106")
    assert "As the jurists said. Chapter 12 follows on page 3." in text
    assert "35 Sanderson Beck" in text


def test_the_tryouts_legal_history_reads_without_its_markers(db_path, specimen):
    doc = specimen("normal/govdocs1_504076_LoC_Iraq_legal_history.pdf")
    text = " ".join(ok(reader("text", str(doc), db=db_path)).split())
    assert "issued commercial regulations" in text and "part of the Ottoman Empire" in text
    assert "commercial 35 regulations" not in text and "part 43 of the" not in text
    assert "took Baghdad in 1401." in text  # a year on the line stays
