"""The repair step on real text: what it must fix, and that it never drops words."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from reader.document import LINE_BREAK
from reader.loaders import load, load_raw
from reader.repair import repair, to_raw, to_repaired
from tests.conftest import CORPUS, SAMPLE


def words(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.replace(LINE_BREAK, " ").lower()))


@pytest.fixture(scope="module")
def sample():
    return load(SAMPLE)


def test_no_running_head_remains(sample):
    body = [b for b in sample.blocks if b.kind != "front"]
    assert not any(b.text == "Song Tao" for b in body)
    assert not any(b.text.startswith("Working Hard to Bring Happiness") and b.kind != "heading" for b in body)
    heads = [r for r in sample.repairs if r.kind == "running-head"]
    assert len(heads) == 2 and all(r.removed for r in heads)


def test_split_sentences_read_as_one(sample):
    assert "a problem plagued the Chinese nation for several thousand years." in sample.text
    assert "According to a recent trust barometer report released by" in sample.text
    assert "the Belt and Road cooperation on the principle" in sample.text
    assert "opposes power politics as it endeavours" in sample.text


def test_footnote_moved_to_the_end_and_linked(sample):
    note = next(b for b in sample.blocks if b.kind == "footnote")
    assert note.ident == "fn-1" and note.text.startswith("[1] http://www.lcparty.org")
    assert sample.blocks.index(note) > max(i for i, b in enumerate(sample.blocks) if b.kind == "paragraph")
    refs = [s for b in sample.blocks for s in b.spans if s.kind == "footref"]
    assert refs and refs[0].href == "#fn-1" and refs[0].title.startswith("[1] http")
    assert sample.text[refs[0].start:refs[0].end] == "[1]"
    assert "[1] <http" not in sample.text and "plagued\n[1]" not in sample.text


def test_captions_and_front_matter_are_styled_not_removed(sample):
    captions = [b.text for b in sample.blocks if b.kind == "caption"]
    assert captions.count("Photo: Xinhua") == 2
    assert any(c.startswith("The Hong Kong-Zhuhai-Macao Bridge") for c in captions)
    front = [b.text for b in sample.blocks if b.kind == "front"]
    assert front[0] == "Song Tao" and any(t.startswith("doi:") for t in front)
    assert sample.blocks[len(front)].kind == "heading"


def test_no_word_is_lost(sample):
    raw = sample.raw
    removed = Counter()
    for r in sample.repairs:
        if r.removed:
            removed += words(r.text)
    assert words(sample.text) - Counter({"notes": 1}) + removed == words(raw.text)


def test_offset_map_round_trips(sample):
    raw = sample.raw.text
    for needle in ("56.1% are Party members", "a problem plagued", "the Chinese nation for several", "Road cooperation"):
        i = sample.text.index(needle)
        j = to_raw(sample, i)
        assert raw[j:j + len(needle) - 2].split() == sample.text[i:i + len(needle) - 2].split()
        assert to_repaired(sample, j) == i


def test_a_restored_repair_puts_the_text_back(sample):
    head = next(r for r in sample.repairs if r.kind == "running-head")
    again = repair(sample.raw, disabled=[head.ident])
    assert any(b.text == "Song Tao" and b.kind == "paragraph" for b in again.blocks)
    assert head.ident not in {r.ident for r in again.repairs}


def test_repair_is_deterministic_on_war_and_peace():
    """(Its speed is measured by benchmarks, never asserted on a shared machine.)"""
    path = CORPUS / "big" / "war-and-peace_2600-0.txt"
    if not path.exists():
        pytest.skip("corpus not beside the project")
    raw = load_raw(path)
    a = repair(raw)
    assert a.text == repair(raw).text
    assert words(a.text) == words(raw.text)  # nothing there is damage: nothing changes words


def test_pdf_page_numbers_and_headers_leave_the_flow(specimen):
    doc = load(specimen("normal/govdocs1_504076_LoC_Iraq_legal_history.pdf"))
    assert "LAW LIBRARY OF CONGRESS –" not in doc.text
    assert sum(1 for r in doc.repairs if r.kind == "header-footer") >= 20
    tam = load(specimen("normal/TAMReview.pdf"))
    assert "Sprouts - http://sprouts.aisnet.org" not in tam.text
    assert not [b for b in tam.blocks if b.kind == "paragraph" and re.fullmatch(r"\d{1,3}", b.text)]


def _manual_pdf(path: Path) -> None:
    """40 pages in three chapters, each with its own running head on even pages and a footer
    "Chapter N. Name PAGE" on odd ones (each on well under 30% of the pages), footnotes at the bottom
    of every fourth page, and a figure label that stands both at a page's top and inside pages."""
    import pymupdf

    doc = pymupdf.open()
    for n in range(1, 41):
        number = 1 if n <= 12 else 2 if n <= 26 else 3
        chapter = ("Rivers", "Mountains", "Forests")[number - 1]
        page = doc.new_page(width=400, height=600)
        if n % 2 == 0:
            page.insert_text((40, 40), chapter, fontsize=9)
        y = 80
        if n % 7 == 3:
            page.insert_text((40, y), "Before: After:", fontsize=10)
            y += 40
        for k in range(3):
            page.insert_textbox(
                pymupdf.Rect(40, y, 360, y + 120),
                f"Page {n} paragraph {k}: the water of the {chapter.lower()} runs over stones and gravel, "
                "carrying silt that settles in the lower valleys every spring when the snow melts.",
                fontsize=10,
            )
            y += 130
            if k == 0 and n % 7 == 3:
                page.insert_text((40, y), "Before: After:", fontsize=10)
                y += 30
        if n % 4 == 0:
            page.insert_text((40, 540), f"Id. at {n * 4}. {n // 4}", fontsize=8)
        if n % 2 == 1:
            page.insert_text((40, 570), f"Chapter {number}. {chapter} {n}", fontsize=9)
    doc.save(path)


def test_a_chapters_running_heads_leave_the_flow(tmp_path):
    """A manual's running heads change with each chapter, so none is on most pages (the QMF manual in
    ../shared/corpus/big kept 129 "Chapter 6. Customizing Your Reports 125" footers; found by a tryout).
    Footnotes whose numbers do not follow the page, and a label that also stands inside pages, stay."""
    path = tmp_path / "manual.pdf"
    _manual_pdf(path)
    doc = load(path)
    assert not re.findall(r"Chapter \d\. \w+ \d+|^(?:Rivers|Mountains|Forests)$", doc.text, re.M)
    assert len(re.findall(r"Id\. at \d+\. \d+", doc.text)) == 10
    assert doc.text.count("Before: After:") == 12
    assert "Page 17 paragraph 2" in doc.text
    assert sum(1 for r in doc.repairs if r.kind == "running-head") == 40


def test_a_pdfs_printed_title_and_author_win_over_bad_metadata(specimen):
    """The LoC report's metadata title is Word's first words of another text ("The Law Library serves the
    needs of the U"); TAMReview's author is "ARRAY(0x2c7cf020)". The title printed on page 1 is taken, as a
    heading of its own, not the start of the first paragraph (found by a tryout); a junk author gives way to
    the names printed under the title. The LoC report prints its author in a byline under its abstract, "By
Constance Johnson": that one, not its metadata's (the file's maker, tryout 13)."""
    loc = load(specimen("normal/govdocs1_504076_LoC_Iraq_legal_history.pdf"))
    assert loc.title == "IRAQ: LEGAL HISTORY AND TRADITIONS" and loc.author == "Constance Johnson"
    head = next(b for b in loc.blocks if b.kind == "heading")
    assert head.text == "IRAQ: LEGAL HISTORY AND TRADITIONS" and head.level == 1
    assert next(b for b in loc.blocks if b.text.startswith("Present day Iraq")).kind == "paragraph"
    word = loc.text.index("Mesopotamia")
    assert [r[0] for r in loc.rects_for(word, word + 11)] == [0]  # the page geometry still lines up
    tam = load(specimen("normal/TAMReview.pdf"))
    assert tam.author == "Mohammad Chuttur"
    assert load(specimen("normal/tracemonkey.pdf")).title.startswith("Trace-based Just-in-Time")


def test_pdf_hyphenation_joined(specimen):
    doc = load(specimen("normal/tracemonkey.pdf"))
    assert "difficult to compile than statically typed ones" in doc.text
    assert "com- pile" not in doc.text and "com-\u2028pile" not in doc.text
    assert "TraceMonkey" in doc.text


@pytest.mark.parametrize(
    ("pdf", "compounds", "words"),
    [
        ("normal/tracemonkey.pdf",
         ["mixed-mode", "trace-compilation", "type-unstable", "floating-point", "stop-the-world", "non-negligible",
          "language-independent", "φ-nodes", "register-carried", "IEEE-754", "bitops-bitwise-and"],
         ["compile", "TraceMonkey", "SpiderMonkey", "bytecode", "SunSpider", "nanojit", "interpreter", "Compilation"]),
        ("normal/govdocs1_504076_LoC_Iraq_legal_history.pdf",
         ["non-combatants", "well-run", "pro-British", "States-protected"], []),
    ],
)
def test_line_end_hyphens_of_compounds_are_kept(specimen, pdf, compounds, words):
    """Only a hyphen that splits one word goes: "mixed-/mode" stays mixed-mode
    (find "mixed-mode" finds it), "com-/pile" becomes compile."""
    doc = load(specimen(pdf))
    raw = doc.raw.text
    for c in compounds:
        assert re.search(re.escape(c).replace("\\-", "-[\u2028 ]?"), raw), c  # split at a line end in the PDF
        assert c in doc.text, c
        assert c.replace("-", "") not in doc.text, c
    for w in words:
        assert w in doc.text, w
    hyphens = [r for r in doc.repairs if r.kind == "hyphen"]
    assert all(doc.raw.text[r.raw_start:r.raw_end] == "-" for r in hyphens)


def test_the_document_decides_before_the_word_list():
    from reader.repair import _hyphen_join, _word_counts

    counts = _word_counts("We use e-mail daily. Our datacenter runs.")
    assert _hyphen_join("send e-", "mail today", counts) == "keep"  # "e-mail" written so: and one letter
    assert _hyphen_join("the data-", "center is", counts) == "drop"  # "datacenter" written so elsewhere
    assert _hyphen_join("a mixed-", "mode compiler", counts) == "keep"  # two words, no "mixedmode"
    assert _hyphen_join("hard to com-", "pile them", counts) == "drop"  # "compile" is a word, "com-pile" is not
    assert _hyphen_join("the Spi-", "derMonkey VM", counts) == "drop"  # "spi" is no word: a broken name
    assert _hyphen_join("IEEE-", "754 doubles", counts) == "keep"
    assert _hyphen_join("no hyphen", "here", counts) is None


def test_two_column_pages_read_column_by_column(specimen):
    doc = load(specimen("normal/tracemonkey.pdf"))
    t = doc.text
    # Left column (abstract ... introduction) comes before the right column's top.
    assert t.index("Dynamic languages such as JavaScript are more difficult") < t.index(
        "and is used for the application logic of browser-based")
    assert t.index("1.") < t.index("and is used for the application logic")


def test_pdf_words_still_map_after_repair(specimen):
    doc = load(specimen("normal/tracemonkey.pdf"))
    i = doc.text.index("compile than statically")
    rects = doc.rects_for(i, i + len("compile"))
    assert len(rects) == 2  # "com-" at one line's end and "pile" at the next's start


@pytest.fixture
def tracemonkey(specimen):
    return load(specimen("normal/tracemonkey.pdf"))


def test_a_paragraph_continues_past_the_copyright_notice_and_figures(tracemonkey):
    """A paragraph split by the ACM notice at the foot of the column (or by figures at
    the top of the next) joins its real continuation; the notice stays a block of its own."""
    t = tracemonkey.text
    assert "standard for client-side web programming and is used for the application logic" in t
    notice = next(b for b in tracemonkey.blocks if b.text.startswith("Permission to make digital"))
    assert "and is used for the application logic" not in notice.text
    assert notice.text.rstrip().endswith("$5.00") and "Copyright ©2009 ACM" in notice.text
    assert "\u20dd" not in t
    assert "we evaluate our dynamic compiler based on a set of industry benchmarks." in t


def test_tex_accents_drawn_beside_their_letter_read_as_one_letter(tracemonkey):
    """TeX without T1 fonts draws "ï" as a diaeresis glyph beside a dotless i: the text
    (and so search, copy and export) must read "naïve", not "na¨ıve"."""
    t = tracemonkey.text
    assert t.count("naïve") == 3 and "¨" not in t and "\u0131" not in t
    from reader.loaders import _accented

    assert [_accented(w) for w in ("´etude", "franc¸ais", "G¨odel,", "`a", "`code`", "x¨", "¨")] == [
        "étude", "français", "Gödel,", "à", "`code`", "x¨", "¨"]


def test_a_code_listing_is_not_a_caption_nor_part_of_a_sentence(tracemonkey):
    listing = next(b for b in tracemonkey.blocks if "for (var i = 2; i < 100; ++i)" in b.text)
    assert listing.kind != "caption" and listing.text.startswith("1 for (var i = 2;")
    fig1 = next(b for b in tracemonkey.blocks if b.text.startswith("Figure 1. Sample program"))
    assert fig1.kind == "caption"


def test_an_indented_first_line_starts_a_new_paragraph(tracemonkey):
    """In the PDF "Compilers for statically typed..." starts a new, indented paragraph
    inside the same text block as the one before it."""
    ends = next(b for b in tracemonkey.blocks if "a low startup time and high performance." in b.text)
    assert ends.text.endswith("high performance.")
    assert any(b.text.startswith("Compilers for statically typed languages") for b in tracemonkey.blocks)
    # the references (a hanging indent: every line but the first indented) are not cut up
    refs = [b for b in tracemonkey.blocks if b.text.startswith("[1]") or b.text.startswith("[2]")]
    assert all(len(b.text) > 60 for b in refs)
