"""Footnote markers in a PDF's running text: small digits raised above the line ("issued commercial
35 regulations", the 35 a 6 pt superscript in 11 pt text). Found from MuPDF's spans (size, origin,
its superscript flag) in general, not per document: a span of digits only (``12``, ``3,4``) at most
four fifths the size of its line's body text, whose baseline sits a fifth of that size or more above
the body's, is a marker, unless it reads as an exponent (touching a digit, a one-letter symbol, or a
closing bracket before it: ``10⁶``, ``x²``, ``(a+b)²``), which stays. Such a number touching a number
is a marker after all when the page confirms it: its neighbour in the count (90 or 92 for 91) is a
marker on the page, or a note opens a line lower down with that number in smaller type (``1922⁹¹``
and, at the foot, ``91 Treaty of Alliance …``); one on a letter or a bracket never is. The raised
signs * † ‡ § are markers too, unless they touch a one-letter symbol or a number (``z*``, ``A†``, a
table's ``0.32***``)."""

from __future__ import annotations

import re
from typing import Any

#: A word ending in a number glued to a word or a stop (``jurists.”27``): perhaps a marker.
_GLUED = re.compile(r"[^\d\s.,]\d{1,3}$|[.,;:”’\"')]\d{1,3}$|\w[*†‡]{1,3}$")
#: What a marker reads: a number (``12``, ``3,4``, ``5–7``) or a sign (``*``, ``†``, ``‡‡``).
_DIGITS = re.compile(r"\d{1,3}(?:[,\u2013-]\d{1,3})*|[*†‡§]{1,3}")
_SIGNS = "*†‡§"

Box = tuple[float, float, float, float, str]
#: A marker is at most this part of its body text's size ...
SMALLER = 0.8
#: ... and its baseline at least this part of that size above the body's.
RAISED = 0.2


def word_markers(words: list[Any], doubtful: list[Box] | None = None) -> list[Box]:
    """Markers MuPDF made words of their own: a number whose box is at most four fifths the height of
    the word just left of it on the same line of print, its foot raised a fifth of that height or more.
    One that reads as an exponent goes to ``doubtful`` (``page_markers`` decides)."""
    found: list[Box] = []
    blocks: dict[int, list[Any]] = {}
    for w in words:
        blocks.setdefault(w[5], []).append(w)
    for w in words:
        if not _DIGITS.fullmatch(w[4]):
            continue
        x0, y0, x1, y1 = w[0], w[1], w[2], w[3]
        h = y1 - y0
        near = [v for v in blocks[w[5]] if v is not w and x0 - 3 * h < v[2] <= x0 + 1 and v[1] < y1 and y0 < v[3]
                and (v[3] - v[1]) * SMALLER >= h]
        if not near:
            continue  # a number opening a line (the footnote's own, at the foot of the page), or no smaller
        before = max(near, key=lambda v: v[2])
        size = before[3] - before[1]
        if before[3] - y1 < RAISED * size:
            continue  # on the line, not above it
        if x0 - before[2] < 0.15 * size and _exponent_base(before[4], w[4]):
            if doubtful is not None and _on_a_number(before[4], w[4]):
                doubtful.append((x0, y0, x1, y1, w[4]))
            continue
        found.append((x0, y0, x1, y1, w[4]))
    return found


def small_raised_digits(words: list[Any]) -> bool:
    """Whether a page's words (MuPDF's) hold a number shorter than the page's usual word: only then are
    its spans read (a second pass over the page) to find the markers."""
    heights = sorted(w[3] - w[1] for w in words)
    usual = heights[len(heights) // 2]
    return any((w[3] - w[1] < SMALLER * usual and any(ch.isdigit() or ch in _SIGNS for ch in w[4]))
               or _GLUED.search(w[4]) for w in words)


def marker_boxes(page_dict: dict[str, Any], doubtful: list[Box] | None = None) -> list[Box]:
    """(x0, y0, x1, y1, digits) of each footnote marker on a page (``page.get_text("dict")``). MuPDF
    puts a raised number in its line, or in a line of its own: either way its reference is the span
    of larger text just left of it on the same line of print (overlapping it in height). One that
    reads as an exponent goes to ``doubtful`` (``page_markers`` decides)."""
    found: list[Box] = []
    for block in page_dict.get("blocks", []):
        spans = [s for line in block.get("lines", []) for s in line.get("spans", []) if s.get("text", "").strip()]
        for s in spans:
            digits = s["text"].strip()
            if not _DIGITS.fullmatch(digits):
                continue
            x0, y0, x1, y1 = (float(v) for v in s["bbox"])
            left = [t for t in spans if t is not s and float(t["size"]) * SMALLER >= float(s["size"])
                    and float(t["bbox"][2]) <= x0 + 1 and float(t["bbox"][1]) < y1 and y0 < float(t["bbox"][3])]
            if not left:
                continue  # a number opening a line is the footnote's own, at the foot of the page: kept
            before = max(left, key=lambda t: float(t["bbox"][2]))
            size = float(before["size"])
            if float(before["origin"][1]) - float(s["origin"][1]) < RAISED * size:
                continue  # on the line, not above it: small capitals, a smaller figure
            gap = x0 - float(before["bbox"][2])
            touching = gap < 0.15 * size and not before["text"].endswith((" ", "\u00a0"))
            if touching and _exponent_base(before["text"].rstrip(), digits):
                if doubtful is not None and _on_a_number(before["text"].rstrip(), digits):
                    doubtful.append((x0, y0, x1, y1, digits))
                continue
            found.append((x0, y0, x1, y1, digits))
    return found


def page_markers(words: list[Any], page_dict: dict[str, Any]) -> list[Box]:
    """Every footnote marker on a page, from MuPDF's words and spans: those found outright, and those
    that read as exponents (a raised number touching a number: ``1922⁹¹``) that the page confirms,
    as a neighbour in the count of the markers found (90 or 92 for 91) or as the number opening a note
    lower down in type smaller than the body's."""
    doubtful: list[Box] = []
    found = word_markers(words, doubtful) + marker_boxes(page_dict, doubtful)
    if not doubtful:
        return found
    counted = {n for b in found for n in _numbers(b[4])}
    heights = sorted(w[3] - w[1] for w in words)
    body = heights[len(heights) // 2] if heights else 0.0
    left = [b for b in doubtful if _numbers(b[4])]
    while left:  # 13 confirmed by 14 confirms 12
        sure = [b for b in left if any(n - 1 in counted or n + 1 in counted for n in _numbers(b[4]))
                or any(w[7] == 0 and w[4].rstrip(".") == str(_numbers(b[4])[0]) and w[1] >= b[3]
                       and w[3] - w[1] < 0.9 * body for w in words)]
        if not sure:
            break
        found += sure
        counted |= {n for b in sure for n in _numbers(b[4])}
        left = [b for b in left if b not in sure]
    return found


def _on_a_number(before: str, raised: str) -> bool:
    """Whether a raised number that reads as a power touches a number (``1922⁹¹``): only such a one can be
    a marker after all, when the page confirms it. On a letter or a bracket (``x²``, ``(a+b)²``) it is a
    power whatever markers the page has, and a sign on a number (``0.32***``) is a table's stars."""
    return bool(before) and before[-1].isdigit() and bool(_numbers(raised))


def _numbers(marker: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", marker)]


def _exponent_base(before: str, raised: str = "") -> bool:
    """Whether what a raised number touches reads as the base of a power: a digit, a bracket,
    a one-letter symbol (``x``, ``n``), rather than the end of a word or a sentence. A raised
    sign (* † ‡) stays only on a one-letter symbol (``z*``, ``A†``) or a number (``0.32***``)."""
    if not before:
        return False
    last = before[-1]
    if last.isdigit() or (last in ")]}" and not (raised and raised[0] in _SIGNS)):
        return True  # a sign on a number too: a table's significance stars (0.32***)
    word = re.split(r"[\s(\[{=+\-*/^]", before)[-1]
    return len(word) == 1 and word.isalpha()


def strip_markers(words: list[Any], boxes: list[tuple[float, float, float, float, str]]) -> list[Any]:
    """MuPDF's words (x0, y0, x1, y1, text, block, line, word) without the markers: a word that is a
    marker goes, a word the marker is glued to (``jurists.”27``) loses it."""
    if not boxes:
        return words
    out: list[Any] = []
    for w in words:
        x0, y0, x1, y1, text = w[0], w[1], w[2], w[3], w[4]
        for bx0, by0, bx1, by1, digits in boxes:
            if not (x0 < bx1 and bx0 < x1 and y0 < by1 and by0 < y1):
                continue
            if text == digits:
                text = ""
                break
            if text.endswith(digits) and x1 <= bx1 + 0.5:
                text = text[: -len(digits)]
                x1 = bx0
                break
        if text:
            out.append(w if text == w[4] else (x0, y0, x1, y1, text, *w[5:]))
    return out


#: Raised letters that end an ordinal or a numbered thing (24th, 1st, 2nd, 3rd, 1er, 2e, 3ème, XIXe, 1º, 2ª).
_SUFFIX = re.compile(r"(?:st|nd|rd|th|d|h|er|re|e|ère|ème|eme|es|ers|o|a|os|as|º|ª)[.,;:)]?")
#: What such a suffix follows: a number (``24``, ``(18``) or a Roman numeral (``XIX``).
_ORDINAL_BASE = re.compile(r"(?:\d|\b[IVXLCM]+)$")


def inline_ordinals(words: list[Any]) -> list[Any]:
    """MuPDF's words with each raised ordinal suffix put back after its number ("24" + raised "th"
    becomes one word "24th" on the number's line). MuPDF gives the raised letters a line of their
    own, read after the number's line: "In the 24 century BCE, Sargon of the city of th". A suffix is
    a word of letters from a short list, at most four fifths the height of the number just left of it
    (touching it, in the same block, overlapping it in height), its foot raised a fifth of the
    number's height or more."""
    candidates = [i for i, w in enumerate(words) if _SUFFIX.fullmatch(w[4])]
    if not candidates:
        return words
    blocks: dict[int, list[int]] = {}
    for i, w in enumerate(words):
        blocks.setdefault(w[5], []).append(i)
    merged: dict[int, Any] = {}
    gone: set[int] = set()
    for i in candidates:
        w = words[i]
        x0, y0, x1, y1 = w[0], w[1], w[2], w[3]
        h = y1 - y0
        near = [j for j in blocks[w[5]] if j != i and j not in gone and x0 - 2 * h < words[j][2] <= x0 + 1
                and words[j][1] < y1 and y0 < words[j][3] and (words[j][3] - words[j][1]) * SMALLER >= h]
        if not near:
            continue
        j = max(near, key=lambda k: words[k][2])
        base = merged.get(j, words[j])
        size = words[j][3] - words[j][1]
        if words[j][3] - y1 < RAISED * size or x0 - words[j][2] > 0.3 * size:
            continue  # on the line, or apart from the number
        if not _ORDINAL_BASE.search(base[4]):
            continue
        merged[j] = (base[0], min(base[1], y0), max(base[2], x1), base[3], base[4] + w[4], *base[5:])
        gone.add(i)
    if not gone:
        return words
    return [merged.get(k, w) for k, w in enumerate(words) if k not in gone]


def lead_note_numbers(words: list[Any]) -> list[Any]:
    """MuPDF's words with a raised number that opens a line of print read first on it. A note's own
    number at a page's foot (``³⁰ The traditional sources … caliphs.``) is smaller than its text and
    raised: MuPDF gives it a line of its own, read after the note's text ("… four caliphs. 30"), which
    then runs on into the next page's first paragraph. A number is moved when no word is left of it
    on its line of print (in its block) and the word just right of it is taller (by a fifth or more)
    and stands lower (its foot a fifth of its height or more below the number's)."""
    cands = [i for i, w in enumerate(words) if w[4].isdigit() and len(w[4]) <= 3]
    if not cands:
        return words
    blocks: dict[int, list[int]] = {}
    for i, w in enumerate(words):
        blocks.setdefault(w[5], []).append(i)
    moved: dict[int, Any] = {}
    for i in cands:
        w = words[i]
        h = w[3] - w[1]
        level = [j for j in blocks[w[5]] if j != i and words[j][1] < w[3] and w[1] < words[j][3]]
        if any(words[j][2] <= w[0] + 1 for j in level):
            continue  # a word before it on its line: a marker or a number in the text
        right = [j for j in level if w[2] - 1 <= words[j][0] <= w[2] + 2 * h]
        if not right:
            continue
        nxt = words[min(right, key=lambda k: words[k][0])]
        size = nxt[3] - nxt[1]
        if size * SMALLER < h or nxt[3] - w[3] < RAISED * size or (w[6], w[7]) < (nxt[6], nxt[7]):
            continue  # not smaller, not raised, or read before it already
        moved[i] = (*w[:6], nxt[6], nxt[7] - 0.5)
    return [moved.get(k, w) for k, w in enumerate(words)] if moved else words
