"""A highlight's style travels through sync (a real PostgreSQL server, tests/pg_server.py) like its colour: a field
of its own, the later change winning, a colour changed on one device and the style on another both kept; a
member of a group sees a shared highlight's style."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from notes_db.store import NotesDB
from notes_db.sync.client import sync
from notes_db.sync.groups import add_member, create_group
from notes_db.sync.local import Replica
from tests.pg_server import (
    PgServer,
    pg,  # noqa: F401  (the session's server fixture)
)
from tests.sync_helpers import Site, dump, role_of

FP = "3" * 64


@pytest.fixture
def site(pg: PgServer) -> Site:  # noqa: F811
    return Site(pg)


def _synced(*pairs: tuple[NotesDB, str]) -> None:
    for store, url in [*pairs, *pairs]:
        sync(store, url)


def test_the_style_syncs_and_merges_with_a_colour_changed_elsewhere(tmp_path: Path, site: Site) -> None:
    url = site.person("sam")
    a, b = NotesDB(tmp_path / "a.sqlite"), NotesDB(tmp_path / "b.sqlite")
    d = a.register_document(FP, "/a/article.md", "The article", "markdown", 5000)
    h = a.add_highlight(d.id, 0, 4, "word", style="underline")
    plain = a.add_highlight(d.id, 10, 15, "other")
    _synced((a, url), (b, url))
    bd = b.document_by_fingerprint(FP)
    assert bd is not None
    assert [(x.exact, x.style) for x in b.highlights(bd.id)] == [("word", "underline"), ("other", "highlight")]

    hb = next(x for x in b.highlights(bd.id) if x.exact == "word")
    b.update_highlight(hb.id, style="strikeout")
    time.sleep(0.05)  # (later than the clock stamps, which may run a few ms ahead of the wall clock)
    a.update_highlight(h.id, color="green")  # the colour on A, the style on B: both stay
    a.update_highlight(plain.id, style="squiggly")
    _synced((a, url), (b, url))
    for store, doc in ((a, d.id), (b, bd.id)):
        assert [(x.exact, x.color, x.style) for x in store.highlights(doc)] == [
            ("word", "green", "strikeout"), ("other", "yellow", "squiggly")]
    assert dump(a) == dump(b)
    a.close()
    b.close()


def test_a_shared_highlight_shows_its_style_to_the_group(tmp_path: Path, site: Site) -> None:
    alice, bob = site.person("alice"), site.person("bob")
    create_group(alice, f"desk_{site.tag}")
    add_member(alice, f"desk_{site.tag}", role_of(bob))
    a = NotesDB(tmp_path / "alice.sqlite")
    d = a.register_document(FP, "/alice/article.md", "The article", "markdown", 5000)
    shared = a.add_highlight(d.id, 0, 6, "shared", style="squiggly")
    a.share_highlight(shared.id, f"desk_{site.tag}")
    sync(a, alice)
    b = NotesDB(tmp_path / "bob.sqlite")
    bd = b.register_document(FP, "/bob/article.md", "The article", "markdown", 5000)
    sync(b, bob)
    assert [(g.highlight.exact, g.highlight.style) for g in Replica(b).group_highlights(bd.id)] == [
        ("shared", "squiggly")]
    a.close()
    b.close()
