"""Command-line defects the seventh new-user tryout found (each test names what it was).
The real `reader` entry point on a notes file under tmp_path."""

from __future__ import annotations

import json

from tests.conftest import SAMPLE
from tests.test_export import ok, reader


def test_info_on_a_defused_pdf_says_nothing_on_stderr_unless_verbose(db_path, specimen):
    """`reader info nasty/bomb_giant.pdf` printed "reader.loaders: dropped 3 suspicious content streams"
    to stderr without -v."""
    bomb = specimen("nasty/bomb_giant.pdf")
    r = reader("info", str(bomb), db=db_path)
    assert "pages: 1" in ok(r)
    assert r.stderr == ""
    loud = reader("-v", "info", str(bomb), db=db_path)
    assert "dropped 3 suspicious content streams" in loud.stderr  # still there for whoever asks


RANSOM = ("Retired general repeats ransom charge.\n\nRetired Air Force Gen. Norman Ham spoke again on Tuesday about the "
          "Iran payment.\n\n“We’re paying ransom to the largest state sponsor of terrorism in the world,” Ham said in a "
          "radio interview. He added that 400 million dollars was sent in cash.\n")


def test_extract_prints_terms_cuts_at_a_word_with_an_ellipsis_and_names_no_speaker_plainly(db_path):
    """`reader extract` printed no quoted terms (--json had them), cut lines at ~140 characters with no "…",
    and showed an unknown speaker as "? ()"."""
    out = ok(reader("extract", str(SAMPLE), db=db_path)).splitlines()
    found = json.loads(ok(reader("extract", str(SAMPLE), "--json", db=db_path)))
    terms = [line for line in out if line.startswith("TERM ")]
    assert len(terms) == len(found["terms"]) > 0
    assert "TERM “people first”" in terms
    assert "TERM “debt trap diplomacy” (attributed to certain politicians)" in terms
    assert not any("? ()" in line for line in out)
    assert "QUOTE [direct] no speaker named: “crossing the river by feeling the stones”" in out
    texts = [" ".join(q["text"].split()) for q in found["quotes"] + found["claims"]]
    shown = [line.partition(": ")[2] if line.startswith("QUOTE") else line.partition("] ")[2]
             for line in out if not line.startswith("TERM ")]
    assert len(shown) == len(texts)
    for text, line in zip(texts, shown, strict=True):  # each whole, or cut at a word and said so
        if len(text) <= 200:
            assert line == text
        else:
            assert line.endswith("…") and text.startswith(line[:-1]) and text[len(line) - 1] in " ,;:"


def test_extract_says_so_when_it_finds_nothing(tmp_path, db_path):
    """A document with no findings printed nothing at all."""
    plain = tmp_path / "plain.txt"
    plain.write_text("Nothing much here.\n", encoding="utf-8")
    assert ok(reader("extract", str(plain), db=db_path)).splitlines() == [
        "no quotes, claims or quoted terms found in plain.txt"]


def test_ledger_and_search_quote_a_claim_that_begins_with_a_quotation_once(tmp_path, db_path):
    """`reader ledger` and `reader search status:disputed` showed ““We’re paying ransom…””."""
    doc = tmp_path / "also.txt"
    doc.write_text(RANSOM, encoding="utf-8")
    ok(reader("review", str(doc), "--claim", "paying ransom", "--status", "disputed", db=db_path))
    claim = "“We’re paying ransom to the largest state sponsor of terrorism in the world,” Ham said in a radio interview."
    assert ok(reader("ledger", db=db_path)).splitlines()[0] == f"[disputed] {claim}"
    assert ok(reader("search", "status:disputed", db=db_path)).splitlines()[1] == f"    {claim}"
    assert "““" not in ok(reader("search", "ransom", db=db_path))
