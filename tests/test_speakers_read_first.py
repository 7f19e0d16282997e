"""What the speakers read of the text alone (``speakers.read_text``), read before the quotes are found (the
analysis of a long text reads it while its helper process works), names every quote's speaker as reading it
after does: the same people, the same groups."""

from __future__ import annotations

import copy
from pathlib import Path

from reader.analysis import analyse, speakers
from reader.analysis.quotes import Quote
from reader.loaders import load

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def _groups(text: str, quotes: list[Quote], read: speakers.TextRead | None,
            story: bool = False) -> list[tuple[str | None, str | None]]:
    quotes = copy.deepcopy(quotes)
    for q in quotes:
        q.extra.pop("group", None)
    speakers.assign_people(text, quotes, read, story=story)
    return [(q.speaker, q.extra.get("group")) for q in quotes]


def test_people_read_first_are_the_people_read_after() -> None:
    paths = [ROOT / "resources" / "sample-article.md",
             *sorted((SHARED / "data" / "attribution" / "dev").glob("*.txt"))[:12]]
    named = 0
    for path in paths:
        doc = load(path)
        quotes = analyse(doc).quotes
        after = _groups(doc.text, quotes, None)
        first = _groups(doc.text, quotes, speakers.read_text(doc.text))
        assert first == after, path.name
        named += sum(1 for _, g in after if g and g[:1].isupper())
    assert named > 50  # speakers named by the people read from the text, not only the quotes' own words


def test_people_finished_later_are_the_same() -> None:
    text = ("Hillary Clinton spoke first. Clinton said she would win. Xi Jinping met Trump; Xi said he agreed. "
            "China's ambassador to Britain Liu Xiaming said the talks went well. The IMF said so too.")
    sources = {"Clinton", "Xi", "China's ambassador to Britain Liu Xiaming", "The IMF"}
    keys = {speakers._key(speakers.core_name(s)) for s in sources}
    whole = speakers.People(text, keys, None, sources)
    later = speakers.People(text, None, None, finish=False)
    later.finish(keys, sources)
    for name in ("Clinton", "Xi", "Liu Xiaming", "IMF", "Trump"):
        a, b = whole.person(name), later.person(name)
        assert a is not None and b is not None, name
        assert (a.display, a.gender, a.mentions) == (b.display, b.gender, b.mentions)
    xi = whole.person("Xi")
    assert xi is not None and xi.display == "Xi Jinping"


def _opening_of_war_and_peace() -> tuple[str, list]:  # type: ignore[type-arg]
    """War and Peace's first ~120,000 characters and the quotes analyse finds in them (skipped without the corpus)."""
    book = SHARED / "corpus" / "big" / "war-and-peace_2600-0.txt"
    if not book.exists():
        import pytest

        pytest.skip("no shared corpus")
    doc = load(book)
    cut = next(b.start for b in doc.blocks if b.start >= 120_000)
    text = doc.text[:cut]
    from reader.document import Document

    part = Document.from_blocks(doc.path, doc.kind, doc.title, [b for b in doc.blocks if b.end <= cut], doc.fingerprint)
    quotes = analyse(part).quotes
    return text, quotes


def test_what_read_text_reads_is_not_read_again(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The text-wide scans (where someone is described by a title alone, the text in lower case) are done by
    read_text, which a long text's analysis runs while its helper process works, not after both processes
    finish; the groups are those of reading everything after."""
    text, quotes = _opening_of_war_and_peace()
    after = _groups(text, quotes, None)
    read = speakers.read_text(text)

    class Scanned:
        def finditer(self, *_a: object) -> object:
            raise AssertionError("the text scanned again after read_text")

    monkeypatch.setattr(speakers, "_DESCRIBED", Scanned())
    monkeypatch.setattr(read.people, "text", _NoLower(text))
    assert _groups(text, quotes, read) == after
    assert sum(g == "The prince" or g == "Prince Vasíli" for _, g in after) > 0  # the titles were read


def test_a_storys_roles_are_read_with_the_text_not_again(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """In a story, where someone is described by a role ('the lad', 'the doctor') is read by read_text too (a
    long text's analysis runs it while its helper works), not when the first pronoun needs it: the same groups."""
    text, quotes = _opening_of_war_and_peace()
    after = _groups(text, quotes, None, story=True)
    read = speakers.read_text(text, story=True)

    class Scanned:
        def finditer(self, *_a: object) -> object:
            raise AssertionError("the text scanned again after read_text")

    monkeypatch.setattr(speakers, "_ROLE_DESCRIBED", Scanned())
    assert _groups(text, quotes, read, story=True) == after
    assert after != _groups(text, quotes, None)  # (a story's groups: the roles among what they read)


class _NoLower(str):
    def lower(self) -> str:
        raise AssertionError("the text lowered again after read_text")
