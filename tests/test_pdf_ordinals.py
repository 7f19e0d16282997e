"""Raised ordinal suffixes in a PDF (tryout 8, item 2): "In the 24th century", the "th" a small raised
word, MuPDF gives a line of its own read after its number's line, so `reader text` printed "In the 24
century BCE, Sargon of the city of th" and split the paragraph there. The suffix goes after its number,
inline; raised letters after a word, and digits raised after a word (footnote markers), do not."""

from __future__ import annotations

from tests.test_export import ok, reader


def _line(page, x: float, y: float, parts: list[tuple[str, float, float]]) -> None:
    """Text pieces (text, font size, rise above the baseline) one after another from (x, y); the raised
    ones drawn after the rest of the line, as word processors write them (MuPDF then reads them as a
    line of their own)."""
    import pymupdf

    raised = []
    for text, size, rise in parts:
        if rise:
            raised.append(((x, y - rise), text, size))
        else:
            page.insert_text((x, y), text, fontsize=size, fontname="helv")
        x += pymupdf.get_text_length(text, fontname="helv", fontsize=size)
    for at, text, size in raised:
        page.insert_text(at, text, fontsize=size, fontname="helv")


def test_raised_ordinal_suffixes_join_their_numbers_inline(tmp_path, db_path):
    import pymupdf

    pdf = pymupdf.open()
    page = pdf.new_page()
    _line(page, 72, 100, [("In the 24", 11, 0), ("th", 6, 4.5), (" century BCE, Sargon of the city of", 11, 0)])
    _line(page, 72, 113, [("Akkad called himself the King on his 2", 11, 0), ("nd", 6, 4.5),
                          (" day, as Louis XIV", 11, 0), ("e", 6, 4.5), (" wrote.", 11, 0)])
    _line(page, 72, 126, [("The mark of a footnote", 11, 0), ("th", 6, 4.5), (" stays where it is.", 11, 0)])
    path = tmp_path / "ordinals.pdf"
    pdf.save(path)
    text = ok(reader("text", str(path), db=db_path))
    flat = " ".join(text.split())
    assert "In the 24th century BCE, Sargon of the city of Akkad called himself the King on his 2nd day, " \
           "as Louis XIVe wrote." in flat, text
    assert "The mark of a footnote stays where it is. th" in flat  # after a word: no ordinal, left as MuPDF reads it
    assert not any(line.strip() in ("nd", "e") for line in text.splitlines())


def test_the_tryouts_legal_history_keeps_its_centuries_in_their_sentences(db_path, specimen):
    doc = specimen("normal/govdocs1_504076_LoC_Iraq_legal_history.pdf")
    text = ok(reader("text", str(doc), db=db_path))
    assert "In the 24th century BCE, Sargon of the city of Akkad called himself the King" in text
    assert "B. Babylon and Hammurabi (18th century BCE)\n" in text
    assert "Mesopotamia became al-Iraq in the 7th century CE, when the Persian army was defeated by Arab forces;" in text
    assert " th " not in text.split("Page 3", 1)[-1][:20000]
