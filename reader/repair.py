"""Repair what conversion did to a text, and say exactly what was changed.

Between loading and the text model: raw blocks in, repaired blocks out, plus
the list of repairs and a map from repaired offsets back to raw offsets.
Rules, not article-specific strings:

- front matter: the short blocks before the title (author, affiliation, dates,
  doi) become a header block;
- running heads: a short block that repeats the title or author, or a short
  line repeated at the top or bottom of many pages, is removed;
- page numbers: a bare number at a page's edge is removed;
- footnotes: a numbered note block (``[1] ...``) whose marker appears in the
  text moves to the end and is linked from its marker;
- captions: photo/figure credits and the short lines beside them are styled
  as captions and never glued to prose;
- split paragraphs: a paragraph that ends without terminal punctuation
  continues into the next one when that begins in lower case or the first
  ends on a word that cannot end a sentence;
- headings: a PDF's title, a paper's section names ("Abstract") and numbered
  section lines ("3.1 Trace Trees") are styled as headings;
- verse: short lines of verse that a PDF cut into several blocks are one
  paragraph that keeps its line breaks (see :func:`_stanzas`);
- PDF lines: joined with spaces; a hyphen at a line end is removed only when
  the evidence says it was a break inside one word (see :func:`_hyphen_join`):
  "com-/pile" becomes "compile", "mixed-/mode" stays "mixed-mode".

Nothing is dropped silently: every removal is a :class:`Repair`, and a repair
whose ident is in ``disabled`` is not applied (the reader restored it).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import logging
import re
from collections import Counter
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass, field

from reader.document import LINE_BREAK, Block, Document, Repair, Span, WordTable

log = logging.getLogger("reader.repair")


@dataclass
class _Out:
    kind: str
    level: int = 0
    page: int | None = None
    ident: str = ""
    parts: list[tuple[str, int | None]] = field(default_factory=list)


CONTINUATION_WORDS = frozenset(
    """a an the and or but nor of to in on at by for with from as into onto than that which who whose whom
    its their our his her my your is are was were be been being has have had this these those not no very so
    such both either neither between among over under about after before during through per via upon within
    without against toward towards across including especially more most less least""".split()
)
_CAPTION = re.compile(
    r"^(photo(graph)?|image|picture|figure|fig\.|table|listing|source|credit|courtesy|illustration|map|chart)"
    r"(\s+[\dIVX]+[a-z]?)?\s*[:.\u2014-]\s*\S",
    re.I,
)
#: "Figure 1. ..." / "Table 2: ...": a caption that carries its own text (its neighbours are the figure)
_NUMBERED_CAPTION = re.compile(r"^(figure|fig\.|table|listing)\s+[\dIVX]+", re.I)
#: A publisher's permission/copyright notice printed at the foot of a column (ACM, IEEE, Springer...)
_COPYRIGHT = re.compile(r"^(permission to make digital|copyright\b|©|\(c\)\s*\d{4})|\bcopyright\s*(©|\(c\))?\s*\d{4}"
                        r"|\ball rights reserved\b", re.I)
_FOOTNOTE = re.compile(r"^\[(\d{1,3})\]\s*\S")
_PAGE_NUMBER = re.compile(r"^[\s\-–—]*(page\s+)?(\d{1,4}|[ivx]{1,5})(\s*(of|/)\s*\d{1,4})?[\s\-–—]*$", re.I)
_TERMINAL = ".!?…:;"
_CLOSERS = "\"”’)»]'"


_MARKER, _DIGITS, _NOT_WORD = re.compile(r"\[\d+\]"), re.compile(r"\d+"), re.compile(r"[^\w#]+")


def _sig(text: str) -> str:
    """How a line looks once case, spacing, markers and numbers are ignored."""
    t = _MARKER.sub("", text.lower())
    t = _DIGITS.sub("#", t)
    return " ".join(_NOT_WORD.sub(" ", t).split())


def _ends_sentence(text: str) -> bool:
    t = text.rstrip()
    if not t:
        return True
    if t[-1] in _TERMINAL:
        return True
    return t[-1] in _CLOSERS and len(t) > 1 and t[-2] in _TERMINAL


def _is_short(b: Block, limit: int = 120) -> bool:
    return len(b.text) <= limit


def repair(doc: Document, disabled: Iterable[str] = ()) -> Document:
    """The repaired document; ``doc`` (the raw one) is kept as ``raw``."""
    off = set(disabled)
    raw = doc.blocks
    n = len(raw)
    role = ["body"] * n
    repairs: list[Repair] = []

    def mark(i: int, kind: str, detail: str, removed: bool) -> bool:
        r = Repair(kind, raw[i].start, raw[i].end, raw[i].text, detail, removed)
        if r.ident in off:
            return False
        role[i] = kind
        repairs.append(r)
        return True

    content = [i for i, b in enumerate(raw) if b.kind != "page"]

    # Front matter: short blocks before the document's title heading.
    title_i = next((i for i in content[:25] if raw[i].kind == "heading" and raw[i].level == 1), None)
    if title_i is not None and doc.kind != "pdf":
        before = [i for i in content if i < title_i]
        if before and all(_is_short(raw[i], 200) for i in before):
            for i in before:
                mark(i, "front-matter", "shown as the article's header", False)

    # Captions: credits first (repeated credits are captions, not running heads)...
    for i in content:
        b = raw[i]
        cue = _CAPTION.match(b.text)
        if b.kind in ("paragraph", "quote") and cue and (_is_short(b, 250) or (
                _is_short(b, 800) and _NUMBERED_CAPTION.match(b.text))):
            mark(i, "caption", "photo or figure caption", False)

    # Running heads: short blocks repeating the title/author, or repeated page-edge lines.
    known = {_sig(raw[i].text) for i in content if role[i] == "front-matter"}
    if title_i is not None:
        known.add(_sig(raw[title_i].text))
    known.discard("")
    for i in content:
        b = raw[i]
        if role[i] == "body" and i != title_i and b.kind in ("paragraph", "heading") and _is_short(b, 160):
            if _sig(b.text) in known and (title_i is None or i > title_i):
                mark(i, "running-head", "running head (repeats the title or author)", True)

    # ...then a short unpunctuated line beside a credit is the caption's text.
    for k, i in enumerate(content):
        if role[i] != "caption" or not _CAPTION.match(raw[i].text) or _NUMBERED_CAPTION.match(raw[i].text):
            continue  # "Figure 1. Sample program..." has its text: the block beside it is the figure
        for j in (content[k - 1] if k else None, content[k + 1] if k + 1 < len(content) else None):
            if j is not None and role[j] == "body" and raw[j].kind == "paragraph":
                if _is_short(raw[j], 250) and not _ends_sentence(raw[j].text):
                    mark(j, "caption", "caption text beside a photo credit", False)

    if doc.kind == "pdf":
        _pdf_edges(raw, role, mark)
        _pdf_headings(raw, role, mark, doc.title)

    # Bare page numbers between paragraphs (text converted from print).
    for k, i in enumerate(content):
        if role[i] == "body" and raw[i].kind == "paragraph" and _PAGE_NUMBER.match(raw[i].text) and len(raw[i].text) < 16:
            if doc.kind == "pdf" or 0 < k < len(content) - 1:
                mark(i, "page-number", "page number", True)

    # Footnotes: "[n] ..." blocks whose marker is in the text.
    notes: dict[str, int] = {}
    for i in content:
        m = _FOOTNOTE.match(raw[i].text)
        if m and role[i] == "body" and raw[i].kind == "paragraph":
            marker = f"[{m.group(1)}]"
            elsewhere = any(marker in raw[j].text for j in content if j != i)
            if elsewhere and mark(i, "footnote", f"footnote {m.group(1)} moved to the end", False):
                notes[m.group(1)] = i

    out = _assemble(doc, raw, role, repairs, off, notes)
    return out


def _pdf_edges(raw: list[Block], role: list[str], mark: Callable[[int, str, str, bool], bool]) -> None:
    """Headers and footers: short lines at the top or bottom of pages that repeat."""
    pages: dict[int, list[int]] = {}
    for i, b in enumerate(raw):
        if b.kind != "page" and b.page is not None:
            pages.setdefault(b.page, []).append(i)
    edge_sigs: Counter[str] = Counter()
    edges: dict[int, list[int]] = {}
    for p, idx in pages.items():
        cand = [i for i in idx[:2] + idx[-2:] if _is_short(raw[i], 100)]
        edges[p] = list(dict.fromkeys(cand))
        edge_sigs.update({_sig(raw[i].text) for i in edges[p]})
    need = max(3, int(len(pages) * 0.3))
    furniture = {sig for sig, n in edge_sigs.items() if n >= need and sig.strip("# ")}
    local = {sig: off for sig, off in _local_furniture(raw, pages, edges).items() if sig not in furniture}
    # A scanned book's running head, read by OCR a little differently on each page ("THE SIEGE OF
    # VICKSBURG. 49", "50 THE SIEGE OF VICKSBUEG.", "THE SIEGE OP VICKSBURG. 53"): its long words' beginnings
    loose: Counter[str] = Counter()
    for idx in edges.values():
        loose.update({k for i in idx if (k := _loose_sig(raw[i].text)) and _sig(raw[i].text) not in furniture})
    loose_furniture = {k for k, n in loose.items() if n >= need}
    for p, idx in pages.items():
        for i in idx:
            if role[i] != "body":
                continue
            sig = _sig(raw[i].text)
            if i in edges[p] and _PAGE_NUMBER.match(raw[i].text):
                mark(i, "page-number", "page number", True)
            elif sig in furniture and _is_short(raw[i], 100):
                # once a line is known to be page furniture, it goes wherever the page put it
                mark(i, "header-footer", f"header or footer repeated on {edge_sigs[sig]} pages", True)
            elif i in edges[p] and sig in local and local[sig] in (None, _edge_number(raw[i].text, p)):
                mark(i, "running-head", "running head or footer of a part of the document", True)
            elif i in edges[p] and _loose_sig(raw[i].text) in loose_furniture:
                mark(i, "running-head", f"running head repeated on {loose[_loose_sig(raw[i].text)]} pages", True)


_EDGE_NUMBER = re.compile(r"^\s*(\d{1,4})\b|\b(\d{1,4})\s*$")


def _edge_number(text: str, page: int) -> int | None:
    """How far the number at a line's start or end is from its page's index (None: no number)."""
    m = _EDGE_NUMBER.search(text)
    return int(m.group(1) or m.group(2)) - page if m else None


def _local_furniture(
    raw: list[Block], pages: dict[int, list[int]], edges: dict[int, list[int]]
) -> dict[str, int | None]:
    """Page furniture that is not on most pages of a long document:

    - a chapter's running head ("Chapter 6. Customizing Your Reports 125" on the
      odd pages of chapter 6, "Customizing Your Reports" on the even ones): a line
      at a page's edge on at least 3 pages and on at least 40% of the pages from
      its first to its last;
    - a footer that carries the page number ("(c) Copyright IBM Corp. 1995, 2002
      123" on each chapter's first page): a line at a page's edge on at least 5
      pages whose number is its page's (the two keep one distance).

    A numbered line whose number does not follow its page (a footnote "Id. at 18. 2")
    is never furniture by these rules, nor a line that also stands inside pages
    (a figure's "Before: After:"); and such lines are removed only at a page's edge.
    """
    inside: Counter[str] = Counter()
    for p, idx in pages.items():
        at_edge = set(edges[p])
        inside.update(_sig(raw[i].text) for i in idx if i not in at_edge and _is_short(raw[i], 100))
    seen: dict[str, list[tuple[int, int | None]]] = {}
    for p, idx in edges.items():
        for i in idx:
            sig = _sig(raw[i].text)
            if not sig.strip("# ") or _PAGE_NUMBER.match(raw[i].text):
                continue
            occ = seen.setdefault(sig, [])
            if not occ or occ[-1][0] != p:
                occ.append((p, _edge_number(raw[i].text, p)))
    found: dict[str, int | None] = {}
    for sig, occ in seen.items():
        # the number a running head carries is its page's: page and number keep one distance
        offsets = Counter(off for _, off in occ if off is not None)
        offset, n = offsets.most_common(1)[0] if offsets else (None, 0)
        page_numbered = n >= 0.8 * len(occ)
        span = occ[-1][0] - occ[0][0] + 1
        dense = len(occ) >= 3 and span >= 4 and len(occ) >= 0.4 * span
        if inside[sig] > max(2, 0.1 * len(occ)):
            continue
        if dense and not offsets:
            found[sig] = None
        elif page_numbered and (dense or len(occ) >= 5):
            found[sig] = offset
    return found


_SECTION_NAMES = frozenset("""abstract introduction references bibliography acknowledgments acknowledgements
    conclusion conclusions background discussion""".split()) | {"related work"}
_NUMBERED_HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,2})\.?\s+[A-Z][^\n]*$")
#: A section's name: words, not symbols or figures ("Trace Trees", "Overview: Example Tracing Run").
_HEADING_WORDS = re.compile(r"^[A-Z][A-Za-z]+(?:[\s:,'’&/()\-–][A-Za-z()]*)*$")


#: A section line numbered as an outline: "IV. Ba’ath Regime (1968-2003 CE)" (Roman), "A. 24th century BCE" (a letter).
_OUTLINE_HEADING = re.compile(r"^(?:(?P<roman>[IVX]{1,5})|(?P<letter>[A-Z]))\.\s+(?P<rest>[A-Z0-9][\w’'()\-–:,&/ ]*)$")
_ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]


def _outline_number(text: str) -> tuple[str, int]:
    """("roman", 4) for "IV. Ba’ath Regime (1968-2003 CE)", ("letter", 1) for "A. 24th century BCE", ("", 0)
    for anything else: a short line of words (no full stop at its end, no dot leaders) after the number."""
    if LINE_BREAK in text or len(text) > 90:
        return "", 0
    m = _OUTLINE_HEADING.match(" ".join(text.split()))
    if not m or len(m.group("rest").split()) > 10 or m.group("rest")[-1] in ",:;-–":
        return "", 0
    if m.group("roman") in _ROMANS:
        return "roman", _ROMANS.index(m.group("roman")) + 1
    if m.group("letter"):
        return "letter", ord(m.group("letter")) - ord("A") + 1
    return "", 0


def _outline_headings(raw: list[Block], role: list[str]) -> dict[int, int]:
    """Section lines numbered as an outline (I., II., III., and A., B., C. under each), as {block: level}:
    Roman-numbered lines counted from I in reading order, lettered lines counted from A again after each
    of those (level 3 under their level 2). Lines next to one of their kind (a list) and a count that
    does not reach II are not sections."""
    cands = [(i, *_outline_number(b.text)) for i, b in enumerate(raw) if role[i] == "body" and b.kind == "paragraph"]
    kinds = {i: kind for i, kind, _ in cands if kind}
    found: dict[int, int] = {}
    roman, letter = 1, 0
    for i, kind, n in cands:
        if not kind or kinds.get(i - 1) == kind or kinds.get(i + 1) == kind:
            continue  # "A. Flour" / "B. Sugar": a list
        if kind == "roman" and n == roman:
            found[i], roman, letter = 2, roman + 1, 1
        elif kind == "letter" and letter and n == letter:
            found[i], letter = 3, letter + 1
    return found if roman > 2 else {}


def _squash(text: str) -> str:
    return " ".join(text.replace(LINE_BREAK, " ").split()).casefold()


def heading_level(text: str, title: str = "") -> int:
    """The level of a PDF line that is a heading (0: not one): the document's title 1, a paper's
    named sections ("Abstract", "References") 2, numbered sections ("3. Trace Trees") 2, 3.1 3, 3.1.2 4."""
    if len(text) > 120 or text.count(LINE_BREAK) > 2:
        return 0
    t = " ".join(text.replace(LINE_BREAK, " ").split())  # "1.\u2028Introduction": number and name set apart
    if not t or len(t) > 90:
        return 0
    if title and t.casefold() == _squash(title):
        return 1
    if LINE_BREAK not in text and t.rstrip(".:").casefold() in _SECTION_NAMES:
        return 2
    m = _NUMBERED_HEADING.match(t)
    if m and len(t.split()) <= 9 and t[-1] not in ".,;:" and _HEADING_WORDS.match(t[m.end(1):].lstrip(". ")):
        return 2 + m.group(1).count(".")
    return 0


def _pdf_headings(raw: list[Block], role: list[str], mark: Callable[[int, str, str, bool], bool], title: str) -> None:
    """PDF text has no headings: the title on the first pages, a paper's section names and numbered
    section lines become headings. Numbered lines only when there are two or more and they are
    not a run of equals (a numbered list: "1. Preheat" / "2. Mix")."""
    found: dict[int, int] = {}
    titled = False
    for i, b in enumerate(raw):
        if role[i] != "body" or b.kind != "paragraph":
            continue
        level = heading_level(b.text, title if not titled and (b.page or 0) < 2 else "")
        if level:
            found[i] = level
            titled = titled or level == 1
    def is_numbered(i: int) -> bool:
        return bool(_NUMBERED_HEADING.match(" ".join(raw[i].text.replace(LINE_BREAK, " ").split())))

    numbered = [i for i in found if is_numbered(i)]
    listed = {i for i in numbered for j in (i - 1, i + 1) if j in found and found[j] == found[i] and is_numbered(j)}
    sections = [i for i in numbered if i not in listed]
    tops = {raw[i].text.split(".")[0].split()[0] for i in sections}
    names = Counter(_squash(raw[i].text) for i in found if not is_numbered(i) and found[i] == 2)
    for i, level in found.items():
        if is_numbered(i) and (i in listed or len(tops) < 2):
            continue  # a numbered list, or a lone numbered line: not the document's sections
        if level == 2 and not is_numbered(i) and names[_squash(raw[i].text)] > 1:
            continue  # "Bibliography" at the foot of many pages is a running footer, not a section
        mark(i, "heading", f"shown as a heading (level {level})", False)
    for i, level in _outline_headings(raw, role).items():
        if i not in found:
            mark(i, "heading", f"shown as a heading (level {level})", False)


_PERSON = re.compile(r"^(?:[A-Z][a-z]+|[A-Z]\.)(?:[ \-](?:[A-Z][a-z'’]+|[A-Z]\.)){1,3}$")


def _name_line(text: str) -> str:
    """The header's first line when it is a person's name ("Song Tao", "Mary-Ann J. Smith"): the author."""
    t = " ".join(text.split())
    return t if len(t) <= 40 and _PERSON.match(t) else ""


def _loose_sig(text: str) -> str:
    """A short line's long words by their first three letters, in order of the alphabet, figures and
    small words left out: the same for each OCR reading of one running head; "" for what is not one."""
    if len(text) > 60 or text.count(LINE_BREAK) > 1:  # the page number may sit on a line of its own
        return ""
    keys = sorted({w[:3] for w in re.findall(r"[^\W\d_]{4,}", text.casefold())})
    return " ".join(keys) if 2 <= len(keys) <= 6 else ""


def _looks_like_code(text: str) -> bool:
    """A program listing (several lines dense in brackets, semicolons and
    operators), which is a figure set in a column, not the paragraph's next words."""
    lines = [ln for ln in text.split(LINE_BREAK) if ln.strip()]
    if len(lines) < 3:
        return False
    symbols = sum(text.count(ch) for ch in "{}();=<>[]")
    return symbols >= 0.05 * len(text)


def _is_figure_part(text: str) -> bool:
    """A program listing, or a diagram's label ("Record LIR Trace", "loop edge"):
    a short fragment that is not a sentence."""
    t = text.strip()
    return _looks_like_code(t) or (len(t) <= 40 and not _ends_sentence(t) and len(t.split()) <= 6)


_VERSE_LINE = re.compile(r"^[\"“‘'(]?[A-Z][^\d]*$")


def _verse_line(line: str) -> bool:
    """A line of verse as a PDF prints it: short, a few words, starting with a capital, no figures."""
    t = line.strip()
    words = t.split()
    if not (_VERSE_LINE.match(t) and len(t) <= 48 and 3 <= len(words) <= 9) or t.endswith(":"):
        return False
    if any(ch in t for ch in "=_/<>{}[]()|\\"):
        return False  # commands, code, paths
    return sum(1 for w in words[1:] if w.islower()) >= 0.6 * (len(words) - 1)  # prose words, not titles or CAPS


def _stanzas(raw: list[Block], role: list[str]) -> dict[int, int]:
    """Runs of verse in a PDF: first raw block -> one past the last.

    A stanza is printed narrower than the prose around it and its lines often
    overlap, so the converter cuts it into several blocks ("Let not a murmur
    meet the ear." / "Nor discontent have sway; Let not a sullen brow appear" /
    "Through all the camp to-day."). Consecutive body blocks on one page whose
    every line is a verse line, three lines or more, are one stanza: kept
    together with its line breaks."""
    runs: dict[int, int] = {}
    i, n = 0, len(raw)
    while i < n:
        j, lines = i, 0
        while (j < n and role[j] == "body" and raw[j].kind == "paragraph" and raw[j].page == raw[i].page
               and all(_verse_line(ln) for ln in raw[j].text.split(LINE_BREAK))):
            lines += raw[j].text.count(LINE_BREAK) + 1
            j += 1
        if j - i >= 2 and lines >= 3:
            runs[i] = j
        i = max(j, i + 1)
    return runs


def _join_ok(a: Block, b: Block, pdf: bool) -> bool:
    if a.kind != "paragraph" or b.kind != "paragraph":
        return False
    if pdf and (_looks_like_code(a.text) or _looks_like_code(b.text)):
        return False
    if _CAPTION.match(b.text) and _NUMBERED_CAPTION.match(b.text):
        return False  # "Figure 2. ..." starts a caption, never continues a sentence
    ta, tb = a.text.rstrip(), b.text.lstrip()
    if not ta or not tb or _ends_sentence(ta) or len(ta) < 40 or len(tb) < 12:
        return False
    if not pdf and LINE_BREAK in ta:
        return False  # verse, addresses, tables: their lines are meant
    if tb[0].islower():
        return True
    last = re.findall(r"[\w']+$", ta)
    return tb[0].isalnum() and (ta[-1] == "-" or (bool(last) and last[0].lower() in CONTINUATION_WORDS))


def _assemble(
    doc: Document, raw: list[Block], role: list[str], repairs: list[Repair], off: set[str], notes: dict[str, int]
) -> Document:
    text = doc.text
    counted: list[Counter[str]] = []

    def words_lower() -> Counter[str]:
        """Counted when a hyphen needs judging (never, in most texts): 0.5 s on a 3 MB book."""
        if not counted:
            counted.append(_word_counts(text))
        return counted[0]

    outs: list[_Out] = []
    front: list[_Out] = []
    pending_pages: list[_Out] = []  # page markers (and interposed notices) held back while a paragraph continues
    last_para: _Out | None = None
    last_raw: Block | None = None

    def add_block_text(o: _Out, b: Block) -> None:
        if doc.kind != "pdf" or LINE_BREAK not in b.text:
            o.parts.append((b.text, b.start))
            return
        pos = b.start
        lines = b.text.split(LINE_BREAK)
        for li, line in enumerate(lines):
            nxt = lines[li + 1] if li + 1 < len(lines) else None
            o.parts.append((line, pos))
            how = _hyphen_join(line, nxt, words_lower()) if nxt is not None else None
            if how == "drop":
                _drop_hyphen(o, repairs, off)
            elif nxt is not None and how != "keep":
                o.parts.append((" ", None))
            pos += len(line) + 1

    stanzas = _stanzas(raw, role) if doc.kind == "pdf" else {}
    in_stanza = 0  # raw blocks up to here are lines of the stanza being built
    for i, b in enumerate(raw):
        r = role[i]
        if i < in_stanza:
            if outs:
                outs[-1].parts += [(LINE_BREAK, None), *((ln, b.start + k) for ln, k in _line_parts(b.text))]
            continue
        if i in stanzas:
            lines = " / ".join(raw[k].text.replace(LINE_BREAK, " / ") for k in range(i, stanzas[i]))
            rep = Repair("verse", b.start, raw[stanzas[i] - 1].end, lines, "lines of verse kept together, line by line")
            if rep.ident not in off:
                repairs.append(rep)
                in_stanza = stanzas[i]
                outs.extend(pending_pages)
                pending_pages = []
                o = _Out("paragraph", 0, b.page, b.ident, list((ln, b.start + k) for ln, k in _line_parts(b.text)))
                outs.append(o)
                last_para, last_raw = None, None
                continue
        if r in ("running-head", "header-footer", "page-number"):
            continue
        if r == "footnote":
            continue
        if b.kind == "page":
            pending_pages.append(_Out("page", page=b.page, ident=b.ident, parts=[(b.text, b.start)]))
            continue
        if r == "front-matter":
            o = _Out("front", b.level, b.page, b.ident)
            add_block_text(o, b)
            front.append(o)
            continue
        if (
            last_para is not None and last_raw is not None and not _ends_sentence(last_raw.text)
            and (r == "caption" or (r == "body" and b.kind == "paragraph" and (
                _COPYRIGHT.search(b.text) or (doc.kind == "pdf" and _is_figure_part(b.text)))))
            and len(pending_pages) < 60
        ):
            # a caption, a figure (a listing, a diagram's labels) or a copyright
            # notice printed between a paragraph and its continuation (at the foot
            # of a column, at the top of the next): shown after the paragraph
            o = _Out("caption" if r == "caption" else b.kind, b.level, b.page, b.ident)
            add_block_text(o, b)
            pending_pages.append(o)
            continue
        if r == "body" and last_para is not None and last_raw is not None and _join_ok(last_raw, b, doc.kind == "pdf"):
            rep = Repair("join", last_raw.end, b.start, "", "paragraph split at a page break rejoined")
            if rep.ident not in off:
                repairs.append(rep)
                how = _hyphen_join(last_raw.text, b.text, words_lower())
                if how == "drop":
                    _drop_hyphen(last_para, repairs, off)
                elif how != "keep":
                    last_para.parts.append((" ", None))
                add_block_text(last_para, b)
                last_raw = b
                continue
        outs.extend(pending_pages)
        pending_pages = []
        if r == "heading":
            o = _Out("heading", heading_level(b.text, doc.title) or 3 - (_outline_number(b.text)[0] != "letter"),
                     b.page, b.ident)
        else:
            o = _Out("caption" if r == "caption" else b.kind, b.level, b.page, b.ident)
        add_block_text(o, b)
        outs.append(o)
        if r == "body" and b.kind == "paragraph":
            last_para, last_raw = o, b
        else:
            last_para, last_raw = None, None
    outs.extend(pending_pages)

    if notes:
        outs.append(_Out("heading", 2, None, "notes", [("Notes", None)]))
        for num, i in sorted(notes.items(), key=lambda kv: int(kv[0])):
            o = _Out("footnote", 0, raw[i].page, f"fn-{num}")
            add_block_text(o, raw[i])
            outs.append(o)

    blocks: list[Block] = []
    segments: list[tuple[int, int, int]] = []
    pos = 0
    for o in front + outs:
        parts: list[str] = []
        bpos = pos
        for s, raw_start in o.parts:
            if raw_start is not None and s:
                segments.append((bpos, raw_start, len(s)))
            parts.append(s)
            bpos += len(s)
        blocks.append(Block(o.kind, "".join(parts), pos, o.level, o.page, [], o.ident))
        pos = bpos + 1

    fixed = Document(
        path=doc.path, kind=doc.kind, title=doc.title, blocks=blocks, fingerprint=doc.fingerprint,
        text="\n".join(b.text for b in blocks), page_count=doc.page_count, encoding=doc.encoding,
        warnings=list(doc.warnings),
    )
    fixed.raw = doc
    fixed.repairs = sorted(repairs, key=lambda r: r.raw_start)
    fixed.segments = segments
    fixed.annotations = doc.annotations
    fixed.author = doc.author or (_name_line(blocks[0].text) if front else "")
    _map_spans(doc, fixed, notes)
    _map_words(doc, fixed)
    return fixed


def _line_parts(text: str) -> list[tuple[str, int]]:
    """A block's lines and their breaks, each with its offset in the block: kept as written."""
    parts: list[tuple[str, int]] = []
    pos = 0
    for k, line in enumerate(text.split(LINE_BREAK)):
        if k:
            parts.append((LINE_BREAK, pos - 1))
        parts.append((line, pos))
        pos += len(line) + 1
    return parts


def _word_counts(text: str) -> Counter[str]:
    """Lower-cased words of a text, hyphenated compounds whole and also as each
    pair of neighbours ("date-format-tofte" counts "format-tofte" too). A word
    broken across lines is not counted: the line break stops the match."""
    counts: Counter[str] = Counter()
    for m in re.finditer(r"\w+(?:-\w+)*", text):
        w = m.group().lower()
        counts[w] += 1
        parts = w.split("-")
        if len(parts) > 2:
            counts.update(f"{a}-{b}" for a, b in itertools.pairwise(parts))
    return counts


def _hyphen_join(line: str, nxt: str, words: Counter[str]) -> str | None:
    """How a line ending in a hyphen meets the next: "drop" the hyphen (a word
    broken at the line end), "keep" it without a space (a compound such as
    "mixed-mode" or "IEEE-754"), or None (no hyphen at the end).

    Evidence, strongest first: the document itself (the hyphenated form
    written elsewhere keeps it; the joined word written elsewhere drops it);
    typesetting (no hyphenation leaves one letter, or splits at a digit); then
    an English word list (pyspellchecker's): a known joined word whose
    hyphenated form is not listed is a broken word; two known words whose
    join is unknown are a compound. Anything else is taken as a broken word."""
    m = re.search(r"(\w+)-$", line.rstrip())
    n = re.match(r"(\w+)", nxt.lstrip())
    if not m or not n:
        return None
    left, right = m.group(1), n.group(1)
    if not (left.isalpha() and right.isalpha()) or len(left) < 2 or len(right) < 2:
        return "keep"  # "IEEE-754", "3d-raytrace", "φ-nodes": not where a word is hyphenated
    joined = (left + right).lower()
    hyphened = f"{left}-{right}".lower()
    if words[hyphened] > 0:
        return "keep"
    if words[joined] > 0:
        return "drop"
    known = known_words()
    if joined in known and hyphened not in known:
        return "drop"
    if left.lower() in known and right.lower() in known:
        return "keep"
    return "drop"


@functools.cache
def known_words() -> Container[str]:
    """English words, lower case, from pyspellchecker's frequency list (a
    maintained package; measured against other lists in
    benchmarks/hyphenation.py). Loaded once, only when a document's own text
    cannot decide (~0.2 s)."""
    from spellchecker import SpellChecker

    return SpellChecker(language="en", distance=1).word_frequency.dictionary


def _drop_hyphen(o: _Out, repairs: list[Repair], off: set[str]) -> None:
    """Remove the trailing hyphen of the last raw part (listed as a repair)."""
    text, start = o.parts[-1]
    stripped = text.rstrip()
    if start is None or not stripped.endswith("-"):
        return
    at = start + len(stripped) - 1
    r = Repair("hyphen", at, at + 1, "-", "word hyphenated at a line end rejoined")
    if r.ident in off:
        o.parts.append((" ", None))
        return
    repairs.append(r)
    o.parts[-1] = (stripped[:-1], start)


def to_repaired(doc: Document, raw_offset: int) -> int | None:
    """Raw offset -> repaired offset (None inside removed text)."""
    segs = doc.segments_by_raw
    i = bisect.bisect_right(segs, (raw_offset, 1 << 62, 0)) - 1
    if i < 0:
        return None
    raw_start, rep_start, length = segs[i]
    if raw_offset <= raw_start + length:
        return rep_start + (raw_offset - raw_start)
    return None


def to_raw(doc: Document, offset: int) -> int:
    """Repaired offset -> raw offset (generated text maps to its neighbour)."""
    segs = doc.segments
    i = max(0, bisect.bisect_right(segs, (offset, 1 << 62, 0)) - 1)
    if not segs:
        return offset
    rep_start, raw_start, length = segs[i]
    return raw_start + min(max(0, offset - rep_start), length)


def _map_spans(raw: Document, fixed: Document, notes: dict[str, int]) -> None:
    by_start = {b.start: b for b in fixed.blocks}
    starts = sorted(by_start)
    for rb in raw.blocks:
        for s in rb.spans:
            a, e = to_repaired(fixed, s.start), to_repaired(fixed, s.end)
            if a is None or e is None or e <= a:
                continue
            blk = by_start[starts[bisect.bisect_right(starts, a) - 1]]
            if e <= blk.end:
                blk.spans.append(Span(a, e, s.kind, s.href))
    # Footnote markers link to their notes (and show them on hover).
    if notes:
        note_text = {b.ident[3:]: b.text for b in fixed.blocks if b.kind == "footnote"}
        for b in fixed.blocks:
            if b.kind in ("footnote",):
                continue
            for m in re.finditer(r"\[(\d{1,3})\]", b.text):
                if m.group(1) in note_text:
                    b.spans.append(
                        Span(b.start + m.start(), b.start + m.end(), "footref", f"#fn-{m.group(1)}", note_text[m.group(1)])
                    )


def _map_words(raw: Document, fixed: Document) -> None:
    """Carry every word's box over to the repaired text: one merge over words
    and segments, both in raw order (no search per word)."""
    src = raw.words
    out = WordTable()
    segs = fixed.segments_by_raw
    k, nseg = 0, len(segs)
    in_order = True
    last = -1
    for i in range(len(src)):
        s_raw, e_raw = src.starts[i], src.ends[i]
        while k < nseg and segs[k][0] + segs[k][2] < s_raw:
            k += 1
        if k >= nseg:
            break
        raw_start, rep_start, length = segs[k]
        if not raw_start <= s_raw <= raw_start + length:
            continue  # the word was in removed text (a header, a page number)
        a = rep_start + (s_raw - raw_start)
        # the end: in this segment, or (a word cut by a removed hyphen) its last character
        e = rep_start + (e_raw - raw_start) if e_raw <= raw_start + length else rep_start + length
        if e > a:
            out.append(a, e, src.pages[i], (src.x0[i], src.y0[i], src.x1[i], src.y1[i]))
            in_order = in_order and a >= last
            last = a
    if not in_order:  # footnotes moved to the end: put their words there too
        order = sorted(range(len(out)), key=out.starts.__getitem__)
        resorted = WordTable()
        for i in order:
            resorted.append(out.starts[i], out.ends[i], out.pages[i], (out.x0[i], out.y0[i], out.x1[i], out.y1[i]))
        out = resorted
    fixed.words = out
