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


def test_a_marker_after_a_year_goes_when_the_page_confirms_it_and_signs_go_too(tmp_path, db_path):
    """'concluded in October 1922⁹¹ that confirmed': a raised number touching a number reads as a power
    (10⁶) unless the page confirms it is a marker: a note at the foot opens with it, or the markers
    before and after it are 90 and 92. A raised * goes too, except on a one-letter symbol (z*)."""
    pdf = pymupdf.open()
    page = pdf.new_page()
    _line(page, 72, 100, [("a Protectorate Treaty concluded in October 1922", 11, 0), ("91", 6, 4.5),
                          (" that confirmed British advice.", 11, 0)])
    _line(page, 72, 130, [("The rate grows as 10", 11, 0), ("6", 6, 4.5), (" per year.", 11, 0)])
    _line(page, 72, 160, [("As the court held", 11, 0), ("*", 6, 4.5), (" in the case of z", 11, 0), ("*", 6, 4.5),
                          (" alone.", 11, 0)])
    _line(page, 72, 700, [("91", 6, 4.5), (" Treaty of Alliance, Oct. 10, 1922.", 8, 0)])
    second = pdf.new_page()
    _line(second, 72, 100, [("signed in 1923", 11, 0), ("12", 6, 4.5), (" and ratified in 1924", 11, 0), ("13", 6, 4.5),
                            (" by the assembly in 1925.", 11, 0), ("14", 6, 4.5)])
    path = tmp_path / "treaty.pdf"
    pdf.save(path)
    text = " ".join(ok(reader("text", str(path), db=db_path)).split())
    assert "concluded in October 1922 that confirmed British advice." in text
    assert "grows as 106 per year." in text.replace("10 6", "106")
    assert "As the court held in the case of z* alone." in text.replace("z *", "z*")
    assert "91 Treaty of Alliance" in text
    assert "signed in 1923 and ratified in 1924 by the assembly in 1925." in text


def test_the_tryouts_treaty_of_1922_reads_without_its_marker(db_path, specimen):
    doc = specimen("normal/govdocs1_504076_LoC_Iraq_legal_history.pdf")
    text = " ".join(ok(reader("text", str(doc), db=db_path)).split())
    assert "concluded in October 1922 that confirmed that for the next 20 years" in text
    assert "caliphs. 30 advance" not in text and "30 The traditional primary sources" in text


def test_a_notes_own_number_reads_before_its_text_not_after_it(tmp_path, db_path):
    """A note at a page's foot whose raised number comes after its text in the file (MuPDF read
    '… four caliphs. 30', then ran on into the next page): the number opens the note."""
    pdf = pymupdf.open()
    page = pdf.new_page()
    _line(page, 72, 100, [("The sources of law were set by the first four caliphs.", 11, 0), ("30", 6, 4.5),
                          (" Later jurists added more.", 11, 0)])
    x = 72 + pymupdf.get_text_length("30", fontname="helv", fontsize=5)
    page.insert_text((x, 720), " The traditional primary sources are the Qu'ran and the Sunna.", fontsize=8,
                     fontname="helv")
    page.insert_text((72, 720 - 3.5), "30", fontsize=5, fontname="helv")  # drawn after its note's text
    second = pdf.new_page()
    second.insert_text((72, 100), "advance in an opinion by the court of the day.", fontsize=11, fontname="helv")
    path = tmp_path / "caliphs.pdf"
    pdf.save(path)
    text = " ".join(ok(reader("text", str(path), db=db_path)).split())
    assert "30 The traditional primary sources are the Qu'ran and the Sunna." in text
    assert "Sunna. 30" not in text


def test_exponents_and_significance_stars_stay_on_a_page_with_footnotes(tmp_path, db_path):
    """Review s12, finding 2: x² touching a one-letter symbol was taken for marker 2 because the page has a
    marker 1 (history¹), and then 10³ for marker 3 because of it; a table's 0.32*** lost its stars. Only a
    number raised on a number (1922⁹¹) is confirmed by the page, and a sign raised on a number stays."""
    pdf = pymupdf.open()
    page = pdf.new_page()
    _line(page, 72, 100, [("The area is x", 11, 0), ("2", 6, 4.5), (" as the history", 11, 0), ("1", 6, 4.5),
                          (" tells, and it grows as 10", 11, 0), ("3", 6, 4.5), (" a year.", 11, 0)])
    _line(page, 72, 130, [("Income effect 0.32", 11, 0), ("***", 7, 4), (" and price effect 0.11", 11, 0),
                          ("*", 7, 4), (" in the model.", 11, 0)])
    _line(page, 72, 160, [("The body text goes on here for a while to set the usual size.", 11, 0)])
    _line(page, 72, 690, [("1", 6, 4.5), (" A history of the area.", 8, 0)])
    _line(page, 72, 710, [("*** p < 0.01, * p < 0.1", 8, 0)])
    path = tmp_path / "exponents.pdf"
    pdf.save(path)
    text = " ".join(ok(reader("text", str(path), db=db_path)).split())
    text = text.replace("x 2", "x2").replace("10 3", "103").replace(" *", "*")
    assert "The area is x2 as the history tells, and it grows as 103 a year." in text
    assert "Income effect 0.32*** and price effect 0.11* in the model." in text
    assert "1 A history of the area." in text
