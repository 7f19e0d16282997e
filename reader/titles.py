"""A PDF's title from its metadata when it is a title, else from its first page (Qt-free).

Producers often store a file name ("Binder1.pdf"), an application prefix
("Microsoft Word - report.docx") or "Untitled" as the title; those are not
shown in place of the file name.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from notes_db.paths import file_in_folder as file_in_folder  # (Qt- and app-free: the notes' people use it too)

log = logging.getLogger("reader.titles")

_PREFIX = re.compile(r"^(?:microsoft (?:word|powerpoint|excel) - |untitled - )", re.IGNORECASE)
_FILE = re.compile(r"\.(?:pdf|docx?|odt|rtf|pptx?|xlsx?|indd|tex|dvi|ps|txt|html?|qxd|pages)$", re.IGNORECASE)
_JUNK = re.compile(r"^(?:untitled|title|document|no title|none|\W*|\d+)$", re.IGNORECASE)


def pdf_title(raw: object) -> str:
    title = " ".join(str(raw or "").split())
    title = _PREFIX.sub("", title)
    if not title or _FILE.search(title) or _JUNK.match(title) or len(title) < 3:
        return ""
    return title


# -- the title printed on page 1 ---------------------------------------------------

_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’.\-]*|[A-Z]\.|(?:van|von|der|den|de|da|di|du|la|le|del|dos|bin|al|ter))$")
_NOT_NAME = re.compile(r"\b(?:university|universit[éä]t|institute|corporation|inc|ltd|laboratory|department|school|"
                       r"college|abstract|introduction|research|center|centre)\b", re.IGNORECASE)


_SECTION = re.compile(r"^(?:table of )?contents|^abstract$|^introduction$|^preface$|^index$|^chapter\b|^\d+(?:\.\d+)*\s",
                      re.IGNORECASE)


def _names(text: str) -> list[str]:
    """The people a line names ("Andreas Gal, Brendan Eich and Mike Shaver"), or [] if it is not such a line."""
    if _NOT_NAME.search(text) or any(ch in text for ch in "@:;()[]{}/") or re.search(r"\d", text):
        return []
    parts = [" ".join(p.split()) for p in re.split(r",|\band\b|&", text)]
    parts = [p for p in parts if p]
    if not parts:
        return []
    for p in parts:
        words = p.split()
        if not 2 <= len(words) <= 5 or not all(_NAME_WORD.match(w) for w in words) or not words[-1][0].isupper():
            return []
    return parts


def _line_text(line: dict[str, Any]) -> tuple[str, float]:
    """A line's text without its superscript markers (spans much smaller than the line's
    main size: "Gal∗+"), and that main size."""
    spans = [s for s in line.get("spans", []) if s.get("text", "").strip()]
    if not spans:
        return "", 0.0
    sizes: dict[float, int] = {}
    for s in spans:
        sizes[round(s["size"], 1)] = sizes.get(round(s["size"], 1), 0) + len(s["text"].strip())
    main = max(sizes, key=lambda k: sizes[k])
    text = "".join(s["text"] for s in spans if s["size"] >= main * 0.85)
    return " ".join(text.split()), main


def first_page_title(page: Any) -> tuple[str, str]:
    """(title, authors) printed at the top of a PDF's first page (a PyMuPDF page):
    the text in the largest font in the top half of the page, when it is larger
    than the body text, and the lines just below it that are lists of names.
    ("", "") when the page shows no such title."""
    try:
        data = page.get_text("dict", flags=0)
        height = float(page.rect.height)
    except Exception:  # a damaged page has no title to offer
        return "", ""
    lines: list[tuple[float, str, float]] = []  # (top, text, size)
    body: dict[float, int] = {}
    for block in data.get("blocks", []):
        for line in block.get("lines", []):
            text, size = _line_text(line)
            if not text:
                continue
            lines.append((float(line["bbox"][1]), text, size))
            body[size] = body.get(size, 0) + len(text)
    if not lines:
        return "", ""
    body_size = max(body, key=lambda k: body[k])
    top = [ln for ln in lines if ln[0] < height * 0.5]
    if not top:
        return "", ""
    biggest = max(size for _y, _t, size in top)
    if biggest < body_size * 1.2:
        return "", ""
    first = next(k for k, ln in enumerate(lines) if ln[0] < height * 0.5 and ln[2] >= biggest - 0.5)
    k = first
    title_parts: list[str] = []
    while k < len(lines) and lines[k][2] >= biggest - 0.5:
        title_parts.append(lines[k][1])
        k += 1
    title = " ".join(" ".join(title_parts).split())
    if len(title) < 3 or len(title) > 300 or not any(ch.isalpha() for ch in title) or _SECTION.match(title):
        return "", ""
    authors: list[str] = []
    while k < len(lines) and len(authors) < 40:
        names = _names(lines[k][1])
        if not names:
            break
        authors += names
        k += 1
    return title, ", ".join(authors)


def looks_like_file_name(title: str, stem: str) -> bool:
    """A metadata title that is the file's own name ("tracemonkey", "paper_v3") says nothing."""
    t = title.strip().lower()
    return t == stem.strip().lower() or (" " not in t and bool(re.search(r"[_\d]", t)))


def on_page(text: str, page_text: str) -> bool:
    """Whether ``text`` is printed in ``page_text`` (case, spacing and punctuation aside)."""
    words = re.findall(r"\w+", text.lower())
    return bool(words) and " ".join(words) in " ".join(re.findall(r"\w+", page_text.lower()))


#: A byline on a line of its own: "By Constance Johnson", "by Ana Ruiz and Tom Reyes" (two to four capitalised words
#: a name, each; at most two names).
_BYLINE = re.compile(r"^[ \t]*[Bb]y[ \t]+((?:[A-Z][\w.'’-]*[ \t]+){1,3}[A-Z][\w.'’-]*"
                     r"(?:[ \t]+and[ \t]+(?:[A-Z][\w.'’-]*[ \t]+){1,3}[A-Z][\w.'’-]*)?)[ \t]*$", re.M)


def byline(page_text: str) -> str:
    """The author a page's byline names ("By Constance Johnson", printed under an abstract rather than under the
    title: tryout 13 found the LoC Iraq report's author taken from the file's metadata, its maker), or ""."""
    from notes_db.people import is_name

    for m in _BYLINE.finditer(page_text):
        names = " ".join(m.group(1).split()).split(" and ")
        if all(is_name(n) for n in names):  # not a heading: 'By The Numbers', 'By Air Mail' (review s13)
            return ", ".join(names)
    return ""


_JUNK_AUTHOR = re.compile(r"^(ARRAY|HASH|SCALAR|CODE)\(0x[0-9a-fA-F]+\)$")


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if len(w) > 2} - {"the", "and", "for", "with", "from"}


def title_and_author(pdf: Any, stem: str, page1: str | None = None) -> tuple[str, str]:
    """(title, author) of an open PyMuPDF document, as a reader would name it: the metadata's,
    unless page 1 prints a title that has no words in common with it (Word names a file by the
    first words of whatever text it was made from: "The Law Library serves the needs of the U"
    over a report printed as "IRAQ: LEGAL HISTORY AND TRADITIONS"); a short form of the printed
    title ("Trace-based JIT Type Specialization") stays. A metadata author that is a producer's
    bug ("ARRAY(0x2c7cf020)") is never taken; one that sits beside a title of another text and is
    not named on page 1 (perhaps the file's maker) gives way to the names printed under the title,
    but is still the author when page 1 prints none (tryout 12: the Library showed no author for
    the LoC Iraq report, whose metadata names one).
    ``page1``: the first page's text, if the caller has it already."""
    meta = pdf.metadata or {}
    title = pdf_title(meta.get("title", ""))  # "Binder1.pdf" or "Microsoft Word - x.doc" is not a title
    author = " ".join(str(meta.get("author") or "").split())
    if _JUNK_AUTHOR.match(author):
        author = ""
    if title and looks_like_file_name(title, stem):
        title = ""
    if page1 is None:
        try:
            page1 = str(pdf.load_page(0).get_text()) if pdf.page_count else ""
        except Exception:  # a damaged first page: the metadata is all there is
            page1 = ""
    if title and author and on_page(title, page1):
        return title, author
    try:
        printed, page_author = first_page_title(pdf.load_page(0)) if pdf.page_count else ("", "")
        # a byline under an abstract (its own line on the page: the caller's text may have joined it)
        page_author = page_author or (byline(str(pdf.load_page(0).get_text())) if pdf.page_count else "")
    except Exception as exc:
        log.warning("title of %s: %s", stem, exc)
        printed, page_author = "", ""
    if title and printed and not on_page(title, page1):
        shared = _content_words(title) & _content_words(printed)
        if len(shared) < 0.5 * max(1, len(_content_words(title))):
            title = ""  # the metadata names another text
            if not on_page(author, page1) and page_author:
                author = ""  # the file's owner, not the author the document names under its title
    return title or printed or stem, author or page_author
