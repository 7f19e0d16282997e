"""The rules' fast paths find what their plain forms find: the speech cues as one grouped alternation (and on
the lowered text), the quotation marks by a plain character class, the negation before a cue only where one
can end."""

from __future__ import annotations

import re

from reader.analysis import _NEGATION, negated_cue
from reader.analysis import quotes as q
from tests.conftest import SHARED

TRICKY = ("He SAID so. “They Pointed Out,” she said, adding: it was stated that ſaid ıs İSAID SAİD KEY. "
          "Xsaid said_ said1 «says» unsaid; put it, puts its point outs. ”Fear, I ” x”y (”Z) ‘a’b’ don’t "
          "it’s ‘quoted’ „low“ she did not  say, can't\u2003warn, NOT\tclaims, never\nsaid, no longer argues")


def _texts() -> list[str]:
    dev = sorted((SHARED / "data" / "attribution" / "dev").glob("*.txt"))[:25]
    out = [TRICKY, TRICKY.lower(), TRICKY.upper()]
    for path in dev:
        text = path.read_text(encoding="utf-8")
        out.append(text)
        out += [p for p in text.split("\n") if p.strip()]
    return out


def _sig(m: re.Match[str] | None) -> tuple[tuple[int, int], str] | None:
    return None if m is None else (m.span(), m.group("cue").lower())


def test_the_grouped_cue_alternation_matches_as_the_cues_listed_one_by_one():
    listed = "|".join(re.escape(c) for c in sorted(q._CUES, key=len, reverse=True))
    plain = re.compile(rf"\b(?P<cue>{listed})\b", re.I)
    plain_as = re.compile(q._AS_CUE.pattern.replace(q._CUE_RE, listed), re.I | re.S)
    assert q._CUE_RE != listed and plain_as.pattern != q._AS_CUE.pattern
    found = 0
    for text in _texts():
        for piece in [text, *(text[i:i + 90] for i in range(0, len(text), 41))]:
            want = [_sig(m) for m in plain.finditer(piece)]
            assert [_sig(m) for m in q.CUE.finditer(piece)] == want
            assert _sig(q._first_cue(piece)) == (want[0] if want else None), piece
            low = piece.lower()
            if len(low) == len(piece):
                assert [_sig(m) for m in q.cue_matches(piece)] == [_sig(m) for m in q._CUE_LOWER.finditer(low)]
            assert [m.groupdict() for m in q._AS_CUE.finditer(piece)] == [m.groupdict()
                                                                          for m in plain_as.finditer(piece)]
            found += len(want)
    assert found > 500
    # letters re matches to i and s only when ignoring case, and a letter lowered to two: the text itself is asked
    assert [_sig(q._first_cue(t)) for t in ("ſaid it", "SAİD", "ıs saıd")] == [((0, 4), "ſaid"), ((0, 4), "sai̇d"), ((3, 7), "saıd")]


def test_quotation_marks_are_found_where_the_pattern_finds_them():
    checked = 0
    for text in _texts():
        for pos in range(0, len(text), 7):
            m = q._OPEN_MARK.search(text, pos)
            assert q._open_mark(text, pos) == (m.start() if m else -1)
            checked += m is not None
    assert checked > 1000
    spans = q.quote_spans(TRICKY)
    assert spans and q.quote_spans(TRICKY) == spans
    spans.append((0, 1))  # the kept spans are the function's own: a caller's changes do not reach them
    assert q.quote_spans(TRICKY) == spans[:-1]


def test_a_negation_is_asked_for_only_where_one_can_end():
    checked = 0
    for text in _texts():
        for m in re.finditer(r"\w+", text):
            start = m.start()
            want = _NEGATION.search(text, max(0, start - 24), start)
            # ('says': a cue with no passive voice, whose auxiliary negated_cue would show: 'was said')
            got = negated_cue(text, start, "says")
            assert got == (" ".join([*want.group(0).lower().split(), "says"]) if want else "says")
            checked += want is not None
    assert checked >= 5


def _source_start_plain(text: str, start: int, end: int) -> int:
    """``quotes.source_start`` as it was written before its fast path: the head pattern asked everywhere."""
    m = q._HEAD_BEFORE.search(text, max(0, start - 60), start)
    if m is not None:
        return m.start()
    first = text[start:end].split(maxsplit=1)
    if first and first[0].lower() in q._QUANTIFIERS:
        n = q._NOT_QUANTIFIER.search(text, max(0, start - 5), start)
        if n is not None:
            return n.start()
    return start


def test_a_source_head_is_looked_for_only_where_one_can_end():
    heads = ("advisers TO  Obama said", "aides to\nObama said", "aides wıth Obama", "aides FROM\u2003Obama",
             "friends of\u00a0X", "sources close to\t\tthe mayor", "Not everyone agrees", "  lead", "x")
    moved = 0
    for text in [*_texts(), *heads]:
        for m in re.finditer(r"\w+", text):
            want = _source_start_plain(text, m.start(), m.end())
            assert q.source_start(text, m.start(), m.end()) == want, text[max(0, m.start() - 60):m.end()]
            moved += want != m.start()
    assert moved >= 20


def test_the_letter_words_kept_are_those_of_the_text_asked():
    """``letter_words`` keeps each lowered text's runs of letters for the claims to read again: asked twice, or
    after more texts than it keeps, it gives what the pattern finds in that text."""
    pieces = [text[i:i + 60].lower() for text in _texts() for i in range(0, len(text), 23)]
    assert len(set(pieces)) > 4096  # more than are kept: forgotten and read again
    for _ in range(2):
        for low in pieces:
            assert q.letter_words(low) == re.findall(r"[a-z]+", low)
    assert q.letter_words("it’s 1 x-ray ſaid İs") == ["it", "s", "x", "ray", "aid", "s"]
