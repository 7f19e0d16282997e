"""Where a story writes a quotation's speaker after its closing mark ('“Tell me, my dear,” said she to Natásha'):
found by string scans (speakers._after_closing_mark), exactly where the pattern it stands for finds it."""

from __future__ import annotations

import random
import re

from reader.analysis.speakers import _after_closing_mark


def test_the_speaker_after_a_closing_mark_is_where_the_pattern_finds_it() -> None:
    text = "“Tell me, my dear,” said she to Natásha, “is Mimi …” she asked. “No,” she-wolf said."
    assert _after_closing_mark(text, "she", 0, len(text)) == [text.index("she to") + 3, text.index("she asked") + 3]
    assert _after_closing_mark(text, "she", text.index("is Mimi"), len(text)) == [text.index("she asked") + 3]
    assert _after_closing_mark(text, "Mimi", 0, len(text)) == []  # (inside the quotation: no closing mark before)
    rnd = random.Random(15)
    pieces = [*"ab ”\"“\n’'-_é1.,", "he", "she", "He"]
    for _ in range(20_000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 40)))
        speaker = rnd.choice(["he", "she", "a", "he b", "é", "-a", "a'", "”a", "b\"", "he’"])
        lo = rnd.randint(0, len(text))
        hi = rnd.randint(lo, len(text) + 5)
        pattern = re.compile(rf"[”\"][^“”\"\n]{{0,24}}?(?<![\w’'-]){re.escape(speaker)}(?![\w’'-])")
        assert _after_closing_mark(text, speaker, lo, hi) == [m.end() for m in pattern.finditer(text, lo, hi)][:2], \
            (text, speaker, lo, hi)
