"""`reader extract` in text mode names the person a quote is by, as the quotes panel and --json's
`person` do, with the words the text used (tryout 8, item 6: it printed "he (said)" where the window
said Derek Mitchell). --json's `speaker` stays the mention (a scorer reads it)."""

from __future__ import annotations

import json

from tests.test_export import ok, reader

TEXT = """The former ambassador warned on Tuesday that change in the country had slowed.

"Progress is slower than many hoped," Derek Mitchell said at the meeting in Washington.

"The reforms have stalled and the army still holds the real power," he said.
"""


def test_text_mode_names_the_person_with_the_mention(tmp_path, db_path):
    path = tmp_path / "mitchell.txt"
    path.write_text(TEXT, encoding="utf-8")
    found = json.loads(ok(reader("extract", "--json", str(path), db=db_path)))
    he = next(q for q in found["quotes"] if q["text"].startswith('"The reforms'))
    assert he["speaker"] == "he" and he["person"] == "Derek Mitchell"  # the JSON as before
    lines = ok(reader("extract", str(path), db=db_path)).splitlines()
    assert 'QUOTE [direct] Derek Mitchell (“he”, said): "The reforms have stalled' in "\n".join(lines)
    assert 'QUOTE [direct] Derek Mitchell (said): "Progress is slower' in "\n".join(lines)  # named: once
    assert not any(" he (said)" in line for line in lines)
