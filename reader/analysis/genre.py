"""Whether a text is a story told with dialogue (a novel, a short story), read from its layout.

The claims classifier learnt from debates, where a plain assertion is a claim to
check; in a novel, narration ("Pierre had already been choosing a career for three
months") and what the characters say are made up, and nothing in them can be checked
but the real dates, figures and events the story passes through. A story is told
from its dialogue: one paragraph for each turn of speech, opening with a quotation
mark, turn after turn. News and essays quote people too, but in a few paragraphs:
the most among the 924 news articles of ../shared/data/attribution is 35 such
paragraphs (a round-up of leaders' quotations, 70% of its paragraphs); War and
Peace has about 5,400 (48%), and every tenth of it has 26% or more.
"""

from __future__ import annotations

from collections.abc import Iterable

OPENING_MARKS = frozenset("“\"«„‘")
MIN_TURNS = 60  # dialogue paragraphs: above the most a news article holds, below a short story's
MIN_SHARE = 0.2  # of the text's paragraphs of three words or more


def dialogue_turns(paragraphs: Iterable[str]) -> tuple[int, int]:
    """(paragraphs that open with a quotation mark, paragraphs), counting paragraphs of three words or more."""
    turns = total = 0
    for p in paragraphs:
        body = p.lstrip()
        if len(body.split(None, 3)) < 3:
            continue
        total += 1
        turns += body[0] in OPENING_MARKS
    return turns, total


def is_story(paragraphs: Iterable[str]) -> bool:
    """A text told in dialogue turns: many paragraphs, a good share of them, open with a quotation mark."""
    turns, total = dialogue_turns(paragraphs)
    return turns >= MIN_TURNS and turns >= MIN_SHARE * total
