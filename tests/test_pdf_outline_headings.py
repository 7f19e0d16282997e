"""PDF section lines numbered as an outline ("I. Ancient Times", then "A. 24th century BCE", "B. Babylon
and Hammurabi (18th century BCE)", "II. Advent of Islam", "A. Early Arab Era") are headings, the lettered
ones under the Roman ones: the Contents tab lists them (tryout s12: the legal history listed none)."""

from __future__ import annotations

import pymupdf

from reader import loaders
from reader.contents import Entry, contents

LINES = ["A Short History of Two Rivers", "I. Early Times", "A. The first cities (24th century BCE)", "*",
         "B. Kings and their laws", "*", "A. Flour", "B. Sugar", "*", "II. Later Times", "A. Conquerors",
         "*", "III. Our Days", "*"]


def _history(path) -> None:
    """Each line of LINES on its own, a paragraph of prose for each "*"."""
    words = "river field harvest market village canal winter trader bridge temple".split()
    pdf = pymupdf.open()
    page, y, k = pdf.new_page(), 60.0, 0
    for line in LINES:
        if y > 700:
            page, y = pdf.new_page(), 60.0
        if line != "*":
            page.insert_text((72, y), line, fontsize=12, fontname="hebo")
            y += 30
            continue
        for j in range(4):
            k += 1
            a, b = words[k % 10], words[(3 * k + 1) % 10]
            page.insert_text((72, y), f"The {a} of that age{' was' if j % 2 else ' is'} known from a {b} "
                             f"record number {k}, as the scholars agree.", fontsize=11, fontname="helv")
            y += 15
        y += 20
    pdf.save(path)


def test_outline_numbered_section_lines_are_headings_and_a_lettered_list_is_not(tmp_path):
    path = tmp_path / "history.pdf"
    _history(path)
    doc = loaders.load(path)
    assert [(e.level, e.title) for e in contents(doc)] == [
        (1, "I. Early Times"), (2, "A. The first cities (24th century BCE)"), (2, "B. Kings and their laws"),
        (1, "II. Later Times"), (2, "A. Conquerors"), (1, "III. Our Days")]
    assert [b.kind for b in doc.blocks if b.text in ("A. Flour", "B. Sugar")] == ["paragraph", "paragraph"]


def test_a_lone_roman_line_is_not_a_section(tmp_path):
    pdf = pymupdf.open()
    page = pdf.new_page()
    page.insert_text((72, 60), "I. Summary", fontsize=12, fontname="hebo")
    page.insert_text((72, 90), "A. Costs", fontsize=12, fontname="hebo")
    page.insert_text((72, 120), "The costs were known from the record, as the scholars agree.", fontsize=11)
    pdf.save(tmp_path / "one.pdf")
    doc = loaders.load(tmp_path / "one.pdf")
    assert not [b for b in doc.blocks if b.kind == "heading" and b.text.startswith(("I.", "A."))]


def test_the_tryouts_legal_history_has_its_sections(specimen):
    doc = loaders.load(specimen("normal/govdocs1_504076_LoC_Iraq_legal_history.pdf"))
    entries = contents(doc)
    titles = [e.title for e in entries]
    assert titles[:3] == ["I. Ancient Times", "A. 24th century BCE", "B. Babylon and Hammurabi (18th century BCE)"]
    assert [e.title for e in entries if e.level == 1] == [
        "I. Ancient Times", "II. Advent of Islam", "III. Modern Iraq", "IV. Ba’ath Regime (1968-2003 CE)",
        "V. Conclusion"]
    assert Entry in {type(e) for e in entries} and "B. Saddam Hussein (1979-2003CE)" in titles
