"""Interview transcripts: paragraphs that open with a speaker's name in capitals.

    WALLACE: Let's start with breaking news on the debate story. ...
    PENCE: Well, look, Hillary Clinton apparently thinks ...

A label is a speaker only when the document takes turns: the same name opens
two paragraphs or more and the labelled paragraphs are at least three, so
"CORRECTION:" or "UPDATE:" once in an article is not someone speaking. Each
turn is a direct quote of its paragraph (at most MAX_CHARS, cut at a sentence
end), said by the name as a person would write it ("PENCE" -> "Pence").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from reader.analysis.quotes import Quote

MAX_CHARS = 600
_LABEL = re.compile(r"[ \t]*[\"“]?(?P<name>[A-Z][A-Z.'’-]*(?:[ \t]+[A-Z][A-Z.'’-]*){0,3}):[ \t]+(?=\S)")


def _label(text: str) -> re.Match[str] | None:
    m = _LABEL.match(text)
    if m is None or len(m.group("name").replace(" ", "")) < 3:
        return None
    return m


def _short(name: str) -> str:
    """The surname a label is counted by: 'JAKE TAPPER' and 'TAPPER' are one speaker."""
    return name.split()[-1].strip(".")


def transcript_turns(blocks: Sequence[tuple[int, str]]) -> dict[int, Quote]:
    """The turns of a transcript among ``blocks`` ((start offset, text) of each paragraph), by block start."""
    found = [(start, text, m) for start, text in blocks if (m := _label(text)) is not None]
    if len(found) < 3:
        return {}
    counts = Counter(_short(m.group("name")) for _, _, m in found)
    out: dict[int, Quote] = {}
    for start, text, m in found:
        name = m.group("name")
        if counts[_short(name)] < 2:
            continue
        a = m.end()
        e = len(text.rstrip())
        if e - a > MAX_CHARS:  # a long turn: its sentences up to MAX_CHARS
            cut = max(text.rfind(". ", a, a + MAX_CHARS), text.rfind("? ", a, a + MAX_CHARS),
                      text.rfind("! ", a, a + MAX_CHARS))
            e = cut + 1 if cut > a else a + MAX_CHARS
        while e > a and text[e - 1] in " \"”":
            e -= 1
        if e - a < 2:
            continue
        speaker = " ".join(w.capitalize() for w in name.split())
        out[start] = Quote(text[a:e], speaker, ":", "direct", start + a, start + e, text[a:e])
    return out
