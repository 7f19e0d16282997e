"""A note that is a list of '— ' lines keeps each on its own line in `reader search` (review s15: the rule that
ends a line with the '— Erin' signing it, as a PDF's sticky note comes in, ran a person's list into one line)."""

from __future__ import annotations

from tests.test_export import sample  # noqa: F401  (the fixture)
from tests.test_search_negated_speaker_cli import _run


def test_a_list_in_a_note_stays_a_list_and_a_signature_still_ends_its_line(capsys, sample, db_path):  # noqa: F811
    db = ["--db", str(db_path)]
    doc = str(sample)
    _run(capsys, "highlight", doc, "--text", "Xi Jinping", "--occurrence", "1", "--tag", "checklist",
         "--note", "Points to check\n— the sample size\n— the date range", *db)
    _run(capsys, "highlight", doc, "--text", "Xi Jinping", "--occurrence", "2", "--tag", "signed",
         "--note", "Is this true?\n\n— Erin\n\nYes, see Sec 6\n\n— Frank", *db)
    listed = [line.strip() for line in _run(capsys, "search", "tag:checklist", *db).splitlines()]
    at = next(k for k, line in enumerate(listed) if "Points to check" in line)
    assert listed[at].endswith("Points to check"), listed
    assert listed[at + 1:at + 3] == ["— the sample size", "— the date range"], listed
    signed = [line.strip() for line in _run(capsys, "search", "tag:signed", *db).splitlines()]
    at = next(k for k, line in enumerate(signed) if "Is this true?" in line)
    assert signed[at].endswith("Is this true? — Erin") and signed[at + 1] == "Yes, see Sec 6 — Frank", signed
