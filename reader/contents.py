"""A document's table of contents, for every kind (Qt-free).

- EPUB: the book's own table of contents (``Document.toc``).
- Markdown, web pages: the headings.
- Plain text: chapter lines ("CHAPTER I", "Chapter 12. The Return",
  "BOOK ONE: 1805", "Part 2", "PROLOGUE") are found while loading
  (:func:`chapter_level`) and become headings, so they are styled as headings
  and listed here.
- PDF: the outline is read from the file by ``reader.pdf_pages`` (pages, not offsets).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from reader.document import LINE_BREAK, Block, Document

_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
    "eighteen|nineteen|twenty(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|thirty|forty|fifty|"
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|last|final"
)
_ROMAN = r"(?=[MDCLXVI])M{0,3}(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})"
_NUMBER = rf"(?:\d{{1,3}}|{_ROMAN}|(?:the\s+)?(?:{_NUMBER_WORDS}))"
_UNIT = r"chapter|book|part|volume|section|act|scene|canto|letter|stave"
_CHAPTER = re.compile(
    rf"^(?P<unit>{_UNIT})\s+(?P<num>{_NUMBER})\b\.?(?:\s*[:.\-–—]\s*|\s+)?(?P<rest>.{{0,70}})$", re.IGNORECASE
)
_STANDALONE = re.compile(r"^(?:(?:first|second|third|fourth|fifth|final|last)\s+)?"
                         r"(?:prologue|epilogue|preface|introduction|foreword|afterword|appendix|conclusion)"
                         r"(?:\s+[A-Z0-9]{1,4}\b)?(?:\s*[:.\-–—]\s*.{0,60})?$", re.IGNORECASE)
#: This many chapter lines in a row, with no text between them, are a table of
#: contents (the list at the top of a book), not headings.
TOC_RUN = 4
_UPPER_LEVEL = {"book": 2, "volume": 2, "part": 2, "act": 2}
#: How a chapter line can begin (what _CHAPTER and _STANDALONE start with).
_FIRST_WORDS = (*_UNIT.split("|"), "first", "second", "third", "fourth", "fifth", "final", "last", "prologue",
                "epilogue", "preface", "introduction", "foreword", "afterword", "appendix", "conclusion")


def chapter_level(text: str) -> int:
    """Heading level (2 for books, parts, volumes, acts; 3 for chapters and the
    like) if a short plain-text block is a chapter line, else 0."""
    if not text.lstrip()[:12].lower().startswith(_FIRST_WORDS):  # most paragraphs: no need to look closer
        return 0
    lines = [ln.strip() for ln in text.split(LINE_BREAK) if ln.strip()]
    if not lines or len(lines) > 3 or any(len(ln) > 90 for ln in lines):
        return 0
    first = lines[0]
    m = _CHAPTER.match(first)
    if m:
        unit = m.group("unit")
        # "Chapter 3 shows that ..." is a sentence, not a heading: headings are
        # capitalised and do not run on into a lower-case clause ending in a full stop.
        if not (unit[0].isupper()):
            return 0
        rest = m.group("rest").strip()
        if rest and (rest[0].islower() or (rest.endswith(".") and len(rest.split()) > 8)):
            return 0
        if m.group("num").lower().startswith(("the ", "last", "final")) is False and not _numeric_ok(m.group("num")):
            return 0
        return _UPPER_LEVEL.get(unit.lower(), 3)
    if _STANDALONE.match(first) and first[0].isupper() and len(lines) == 1 and not first.endswith((".", ",", ";")):
        return 3
    return 0


def _numeric_ok(num: str) -> bool:
    """Roman numerals are only numbers in upper case ("Part I", not "part i")."""
    if num.isdigit() or not re.fullmatch(_ROMAN, num, re.IGNORECASE):
        return True
    return num.isupper()


def settle_chapter_headings(blocks: list[Block]) -> int:
    """Fix the chapter headings of a plain text once all its blocks are known;
    returns how many chapter lines were found to be a table of contents.

    - A run of :data:`TOC_RUN` or more chapter lines with no body text between
      them is the book's table of contents: its lines become plain paragraphs,
      up to where the list's first line comes again (the book's own first
      heading, right after the list) (otherwise every book and chapter is listed twice in Contents and the
      list is drawn as a column of large headings).
    - Where the text has book-level headings ("BOOK ONE"), the standalone ones
      ("FIRST EPILOGUE", "PROLOGUE", "APPENDIX") are at that level too: the
      chapters after them belong to them."""
    demoted = 0
    i = 0
    while i < len(blocks):
        if blocks[i].kind != "heading":
            i += 1
            continue
        j = i
        while j < len(blocks) and blocks[j].kind == "heading":
            j += 1
        if j - i >= TOC_RUN:
            # the book itself starts where the list's first line comes again
            first = _key(blocks[i].text)
            end = next((k for k in range(i + 1, j) if _key(blocks[k].text) == first), j)
            for b in blocks[i:end]:
                b.kind, b.level = "paragraph", 0
            demoted += end - i
        i = j
    heads = [b for b in blocks if b.kind == "heading"]
    if any(b.level == 2 for b in heads):
        for b in heads:
            if _STANDALONE.match(b.text.split(LINE_BREAK)[0].strip()):
                b.level = 2
    return demoted


def _key(text: str) -> str:
    return " ".join(text.replace(LINE_BREAK, " ").split()).lower()


class Entry(NamedTuple):
    level: int
    title: str
    offset: int


def contents(doc: Document) -> list[Entry]:
    """The entries of the Contents tab, in reading order. Levels start at 1."""
    if doc.toc:
        return [Entry(max(1, lv), t, off) for lv, t, off in doc.toc]
    heads = [b for b in doc.blocks if b.kind == "heading" and b.text.strip()]
    # The document's own title (its only level-1 heading, first) is the root, not an entry.
    if heads and heads[0].level == 1 and sum(1 for h in heads if h.level == 1) == 1 and len(heads) > 1:
        heads = heads[1:]
    if not heads:
        return []
    top = min(h.level for h in heads)
    return [Entry(h.level - top + 1, " ".join(h.text.replace(LINE_BREAK, " ").split()), h.start) for h in heads]


#: An outline entry that names a page ("Page 12", "pg 3", "p. 4", "12") rather than a part of the text.
_PAGE_ENTRY = re.compile(r"^(?:(?:page|pg|p|pp|seite|pagina|página)\.?\s*)?\d{1,5}$", re.IGNORECASE)
#: ... or a file: the name of the file it was made from ("2004-00208iq_connie_cov pg1 Edit.pdf", "htmldoc797.html").
_FILE_ENTRY = re.compile(r"^\S.{0,200}\.(?:pdf|docx?|dotx?|rtf|odt|wpd|indd|qxd|qxp|p65|pm\d|ps|eps|ai|psd|tiff?|jpe?g|png|"
                         r"gif|bmp|html?|xml|txt|xlsx?|pptx?|pub|fm|book|tex|dvi)$", re.IGNORECASE)
_URL_ENTRY = re.compile(r"^(?:https?://|ftp://|www\.)\S+$", re.IGNORECASE)
#: Shown over the Contents when a PDF's outline only names its pages and the text's headings are shown instead.
JUNK_OUTLINE_NOTE = "Headings found in the text; the file's own outline only names its pages"


def outline_entry_is_junk(title: str) -> bool:
    """Whether an outline entry names a page, a file or a web address rather than a part of the text."""
    t = " ".join(title.split())
    return not t or bool(_PAGE_ENTRY.match(t) or _FILE_ENTRY.match(t) or _URL_ENTRY.match(t))


def outline_names_pages(toc: list[tuple[int, str, int]]) -> bool:
    """Whether a PDF's outline is junk a scanner or converter left (most entries "Page N", file
    names or web addresses: "2004-00208iq_connie_cov pg1 Edit.pdf", "Page 1" … "Page 32"), not
    the document's parts: the headings found in its text are more use."""
    return bool(toc) and 2 * sum(1 for _, title, _ in toc if outline_entry_is_junk(title)) > len(toc)
