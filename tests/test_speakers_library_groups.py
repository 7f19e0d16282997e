"""The Speakers window and ``reader speakers`` show the groups each document's own panel shows: a group is never
joined to a fuller name of its own document, which that document's analysis kept apart.

A tester found War and Peace's "Natásha" (719 quotes in the panel) listed across the library as "Evidently
Natásha (720)": one stray quote grouped under "Evidently Natásha" took the whole group's name."""

from __future__ import annotations

from pathlib import Path

from notes_db.reviews import record_findings
from notes_db.store import NotesDB
from tests.test_export import ok, reader


def _doc(store: NotesDB, path: Path, groups: dict[str, int]) -> None:
    """A document with ``groups``' quotes, stored as the window stores an analysis (record_findings)."""
    path.write_text("x", encoding="utf-8")
    doc = store.register_document(path.stem, str(path), path.stem.title(), "text", 1)
    quotes, at = [], 0
    for group, n in groups.items():
        for _ in range(n):
            quotes.append((f"words {at}", group.split()[-1], group, "said", at, at + 5))
            at += 10
    record_findings(store, doc.id, [], quotes)


def test_a_stray_fuller_name_in_the_same_document_does_not_rename_the_group(tmp_path: Path) -> None:
    db = tmp_path / "notes.sqlite"
    with NotesDB(db) as store:
        _doc(store, tmp_path / "novel.txt", {"Natásha": 30, "Evidently Natásha": 1, "Kutúzov": 12, "Tarútino Kutúzov": 1})
        # across documents a surname still joins the one fuller name another document gives
        _doc(store, tmp_path / "climate.txt", {"Barack Obama": 2})
        _doc(store, tmp_path / "summit.txt", {"Obama": 3})
    lines = ok(reader("speakers", db=db)).splitlines()
    assert "Natásha: 30 quotes in 1 document" in lines, lines
    assert "Evidently Natásha: 1 quote in 1 document" in lines, lines
    assert "Kutúzov: 12 quotes in 1 document" in lines, lines
    assert "Barack Obama: 5 quotes in 2 documents" in lines, lines
    assert not any(line.startswith("Obama:") for line in lines), lines
