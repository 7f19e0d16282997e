"""A description with a sentence's capital is no name: 'Personages from political parties' in two documents is
two entries, each saying which document it is in, as 'Anyone (in …)' does (tryout 13: it was one entry across the
library, without the '(in …)' its siblings have)."""

from __future__ import annotations

from pathlib import Path

from notes_db.reviews import people, record_findings
from notes_db.store import NotesDB


def test_a_capitalised_description_stays_in_its_document(tmp_path: Path) -> None:
    with NotesDB(tmp_path / "notes.sqlite") as store:
        for k, title in enumerate(("Party congress report", "Foreign ministry briefing")):
            path = tmp_path / f"doc{k}.txt"
            path.write_text("x", encoding="utf-8")
            doc = store.register_document(f"doc{k}", str(path), title, "text", 1)
            record_findings(store, doc.id, [], [
                ("the meeting was a success", "Personages from political parties", "Personages from political parties",
                 "said", 0, 20, "indirect"),
                ("we will come again", "Donald Trump", "Donald Trump", "said", 30, 50, "direct")])
        names = sorted(p.name for p in people(store))
    assert names == ["Donald Trump", "Personages from political parties (in Foreign ministry briefing)",
                     "Personages from political parties (in Party congress report)"]
