"""'X told reporters the increase was …': who was told is not what was said (tryout s12: the quote read "reporters
the increase was 'entirely justified.'"). The attribution data never puts the listener in the content (train:
216 'told <listener> that …', the content after the listener)."""

from __future__ import annotations

from reader.analysis import analyse
from reader.analysis.quotes import listener_before
from reader.loaders import load

TEXT = ("Ticket prices\n\nThe city raised bus fares by 20 percent on Monday. Mayor Jane Park told reporters the "
        'increase was "entirely justified." She said the money would pay for new buses.\n\n'
        "Park told CNN she would not raise them again this year.\n")


def test_the_listener_is_not_part_of_what_was_said(tmp_path):
    path = tmp_path / "park.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = analyse(load(path))
    told = [q.text for q in result.quotes if q.cue == "told"]
    assert told == ['the increase was "entirely justified."', "she would not raise them again this year"], told


def test_only_a_listener_before_a_clause_is_cut():
    cases = {
        ("told", "reporters the increase was justified"): "the increase was justified",
        ("tells", "him she was leaving"): "she was leaving",
        ("told", "the Biblical story of the city, which was"): "the Biblical story of the city, which was",
        ("told", "Jeb Bush to quiet down during the debate"): "Jeb Bush to quiet down during the debate",
        ("told", "that the plan works"): "that the plan works",
        ("said", "reporters the increase was justified"): "reporters the increase was justified",
    }
    for (cue, content), said in cases.items():
        assert content[listener_before(cue, content):] == said, (cue, content)
