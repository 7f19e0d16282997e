"""A PDF whose pages have a text layer of symbols (fonts that map their glyphs to no letters:
TAMReview.pdf's "% % & ! …") says so once, naming the pages, in `reader info` and in the window
(tryout 8, item 7: Reader never said, and search and claims silently found nothing there)."""

from __future__ import annotations

from tests.test_export import ok, reader

GARBLE = "% % & ! # ( ) % $ & % ' ( % ! % & # % % ( ) & % ! $ % % & ( % # ! % & %"


def _pdf(path, pages: list[str]) -> None:
    import pymupdf

    pdf = pymupdf.open()
    for text in pages:
        page = pdf.new_page()
        page.insert_textbox(pymupdf.Rect(72, 72, 520, 760), text, fontsize=11, fontname="helv")
    pdf.save(path)


def test_pages_of_symbols_are_named_once_in_info_and_the_window(qtbot, tmp_path, db_path, open_window, specimen):
    prose = ("The committee met on Tuesday and agreed that the new rules would take effect next year. " * 6)
    path = tmp_path / "garbled.pdf"
    _pdf(path, [prose, GARBLE * 3, GARBLE * 3, prose + " | +-------+ | = > 1.", GARBLE * 2])
    notes = [line for line in ok(reader("info", str(path), db=db_path)).splitlines() if line.startswith("note:")]
    assert notes == ["note: Pages 2–3, 5 have no readable text layer (their letters come out as symbols): "
                     "search and claims cannot use them."]
    tam = specimen("normal/TAMReview.pdf")
    assert "note: Pages 2–22 have no readable text layer" in ok(reader("info", str(tam), db=db_path))
    fine = specimen("normal/tracemonkey.pdf")  # a PDF with formulas and code reads as it is: nothing said
    assert "readable" not in ok(reader("info", str(fine), db=db_path))
    w = open_window(path)
    qtbot.waitUntil(lambda: "Pages 2–3, 5 have no readable text layer" in w.banner.text(), timeout=20000)
