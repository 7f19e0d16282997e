"""reader search under a negated speaker: lists the reviewed claims (none has a speaker) with the highlights (tryout
s14: 'NOT speaker:"song tao"' gave the highlights only), and --json gives a review its claim's words as "text"."""

from __future__ import annotations

import json

from reader.cli import main as cli_main
from tests.test_export import sample  # noqa: F401  (the fixture)

CLAIM = "Extremism, terrorism and separatism still manifest themselves."


def _run(capsys, *args: str) -> str:
    capsys.readouterr()
    assert cli_main(list(args)) == 0
    return capsys.readouterr().out


def test_not_speaker_keeps_the_reviewed_claims_and_json_gives_them_their_text(capsys, sample, db_path):  # noqa: F811
    db = ["--db", str(db_path)]
    doc = str(sample)
    _run(capsys, "review", doc, "--claim", "Extremism, terrorism", "--status", "verified", *db)
    _run(capsys, "correct", doc, "--quote", "relentless efforts", "--speaker", "Song Tao", *db)
    _run(capsys, "highlight", doc, "--text", "Xi Jinping", "--occurrence", "1", *db)

    shown = _run(capsys, "search", 'NOT speaker:"song tao"', *db)
    assert "(claim, verified," in shown and f"“{CLAIM}”" in shown, shown  # the review, which has no speaker
    assert "“Xi Jinping”" in shown and "relentless efforts" not in shown, shown
    found = json.loads(_run(capsys, "search", 'NOT speaker:"song tao"', "--json", *db))
    (review,) = [r for r in found if r.get("type") == "review"]
    assert review["text"] == review["claim"] == CLAIM and review["status"] == "verified"
    assert [r for r in found if r.get("type") == "quote"] == []

    either = json.loads(_run(capsys, "search", 'tag:rhetoric OR NOT speaker:"song tao"', "--json", *db))
    assert [r["text"] for r in either if r.get("type") == "review"] == [CLAIM]  # (as the tryout saw it work)
    theirs = json.loads(_run(capsys, "search", 'speaker:"song tao"', "--json", *db))
    assert [r.get("type") for r in theirs] == ["quote"] and "relentless efforts" in theirs[0]["text"], theirs
