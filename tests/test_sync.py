"""Sync through a real PostgreSQL server (started by tests/pg_server.py): merge, conflicts, crashes, security."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psycopg
import pytest

from notes_db.store import SCHEMA_VERSION, NotesDB
from notes_db.sync.client import SyncError, sync
from notes_db.sync.groups import add_member, create_group, list_groups, remove_member
from notes_db.sync.local import Replica
from tests.pg_server import (
    PgServer,
    pg,  # noqa: F401  (the session's server fixture)
)
from tests.sync_helpers import Site, dump, role_of

DATA = Path(__file__).parent / "data"
FP1, FP2 = "1" * 64, "2" * 64


@pytest.fixture
def site(pg: PgServer) -> Site:  # noqa: F811
    return Site(pg)


def _doc(store: NotesDB, fp: str = FP1, path: str = "/home/ana/article.md"):
    return store.register_document(fp, path, "The article", "markdown", 5000)


def _synced(*pairs: tuple[NotesDB, str]) -> None:
    """Sync each notes file, then each again, so every change has gone round."""
    for store, url in [*pairs, *pairs]:
        sync(store, url)


# -- the notes file: today's files keep everything ---------------------------------


def test_a_notes_file_from_the_previous_reader_keeps_everything_and_gets_global_ids(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    shutil.copyfile(DATA / "notes-v5.sqlite", path)  # made by the Reader before sync (schema 5)
    before = sqlite3.connect(path)
    old = {t: before.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall()
           for t in ("documents", "highlights", "tags", "highlight_tags", "claim_reviews", "saved_searches")}
    assert before.execute("PRAGMA user_version").fetchone()[0] == 5
    before.close()

    with NotesDB(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        for table, rows in old.items():
            now = store.db.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
            width = len(rows[0]) if rows else 0
            assert [r[:width] for r in now] == rows, table  # every old column of every row, unchanged
        h = store.highlights(1)
        assert [x.note for x in h] == ["Check this figure", ""]
        assert h[0].tags == ["figures", "to check"]
        assert store.document(1).position == 1234
        assert store.claim_reviews(1)["claim-abc"].status == "disputed"
        assert store.saved_searches() == [("figures", "tag:figures color:yellow")]
        rows = store.db.execute("SELECT kind, local_id, gid, stamps, dirty FROM sync_rows ORDER BY id").fetchall()
        kinds = [r[0] for r in rows]
        assert kinds.count("highlight") == 3 and kinds.count("document") == 2
        assert kinds.count("review") == 1 and kinds.count("search") == 1
        for _kind, _local, gid, stamps, dirty in rows:
            uuid.UUID(gid)
            assert dirty > 0 and json.loads(stamps)
        # The same document gets the same global id in any notes file (it comes from the content hash).
        other = NotesDB(tmp_path / "other.sqlite")
        d = other.register_document("a" * 64, "/elsewhere/copy.md", "Copy", "markdown", 1)
        Replica(other).assign_gids()
        gid_here = store.db.execute("SELECT gid FROM sync_rows WHERE kind = 'document' AND local_id = 1").fetchone()[0]
        gid_there = other.db.execute("SELECT gid FROM sync_rows WHERE kind = 'document' AND local_id = ?",
                                     [d.id]).fetchone()[0]
        assert gid_here == gid_there
        other.close()


def test_local_edits_are_stamped_and_deletes_leave_tombstones(tmp_path: Path) -> None:
    with NotesDB(tmp_path / "n.sqlite") as store:
        d = _doc(store)
        h = store.add_highlight(d.id, 0, 5, "hello")
        r = Replica(store)
        stamps0 = json.loads(store.db.execute("SELECT stamps FROM sync_rows WHERE local_id = ? AND kind = 'highlight'",
                                              [h.id]).fetchone()[0])
        store.update_highlight(h.id, note="a note")
        stamps1 = json.loads(store.db.execute("SELECT stamps FROM sync_rows WHERE local_id = ? AND kind = 'highlight'",
                                              [h.id]).fetchone()[0])
        assert stamps1["note"] > stamps0["note"] and stamps1["color"] == stamps0["color"]
        gid = store.db.execute("SELECT gid FROM sync_rows WHERE local_id = ? AND kind = 'highlight'", [h.id]).fetchone()[0]
        store.delete_highlight(h.id)
        tomb = store.db.execute("SELECT local_id, deleted, stamps FROM sync_rows WHERE gid = ?", [gid]).fetchone()
        assert tomb[0] is None and tomb[1] == 1 and "deleted" in json.loads(tomb[2])
        assert r.pending() == 2  # the document and the tombstone


# -- two notes files, one person -----------------------------------------------------------


def test_two_notes_files_edited_offline_end_up_identical(tmp_path: Path, site: Site) -> None:
    url = site.person("ana")
    a, b = NotesDB(tmp_path / "laptop.sqlite"), NotesDB(tmp_path / "desktop.sqlite")
    da = _doc(a)
    a.add_highlight(da.id, 0, 10, "first word", color="red", note="on the laptop", tags=["one", "two words"])
    a.set_position(da.id, 300)
    a.set_claim_review(da.id, "c1", "verified", "checked", "https://example.org")
    a.save_search("mine", "tag:one")
    sync(a, url)
    # The same PDF under another path on the other machine is the same document.
    db_ = b.register_document(FP1, "/mnt/usb/article-copy.md", "The article", "markdown", 5000)
    b.add_highlight(db_.id, 20, 30, "other word", color="blue", note="on the desktop")
    b.register_document(FP2, "/mnt/usb/paper.pdf", "A paper", "pdf", 900)
    b.save_search("theirs", "color:blue")
    # Offline edits on both before they meet.
    sync(b, url)
    ha = a.highlights(da.id)[0]
    a.update_highlight(ha.id, tags=["one", "three"])
    b.set_restored_repairs(db_.id, ["hyphen:1"])
    _synced((a, url), (b, url))

    da_, db__ = dump(a), dump(b)
    assert da_ == db__
    assert len(da_["highlights"]) == 2 and set(da_["documents"]) == {FP1, FP2}
    assert da_["documents"][FP1][2:4] == (300, ["hyphen:1"])
    assert sorted(da_["searches"]) == ["mine", "theirs"]
    assert da_["reviews"][(FP1, "c1")] == ("verified", "checked", "https://example.org")
    b_doc = b.document_by_fingerprint(FP1)
    assert b_doc is not None and b_doc.path == "/mnt/usb/article-copy.md"  # paths stay each machine's own
    assert sorted(h.tags for h in b.highlights(b_doc.id) if h.tags) == [["one", "three"]]
    assert Replica(a).pending() == 0 and Replica(b).pending() == 0
    a.close()
    b.close()


def test_the_same_note_edited_on_both_has_one_winner_everywhere_and_the_other_kept(tmp_path: Path, site: Site) -> None:
    url = site.person("ben")
    a, b = NotesDB(tmp_path / "a.sqlite"), NotesDB(tmp_path / "b.sqlite")
    d = _doc(a)
    h = a.add_highlight(d.id, 0, 4, "word", note="first")
    _synced((a, url), (b, url))
    hb = b.highlights(b.document_by_fingerprint(FP1).id)[0]
    a.update_highlight(h.id, note="written on A")
    time.sleep(0.05)
    b.update_highlight(hb.id, note="written on B, later", color="green")
    time.sleep(0.05)  # "later" must be later than the clock stamps, which may run a few ms ahead of the wall clock
    a.update_highlight(h.id, color="purple")  # a later colour on A: fields merge separately
    _synced((a, url), (b, url))

    ha, hb = a.highlights(d.id)[0], b.highlights(hb.doc_id)[0]
    assert ha.note == hb.note == "written on B, later"
    assert ha.color == hb.color == "purple"
    for store, hid in ((a, ha.id), (b, hb.id)):
        kept = [text for _stamp, text in Replica(store).versions(hid)]
        assert "written on A" in kept
    assert dump(a) == dump(b)


def test_delete_against_edit_the_later_wins_and_no_note_is_lost(tmp_path: Path, site: Site) -> None:
    url = site.person("cy")
    a, b = NotesDB(tmp_path / "a.sqlite"), NotesDB(tmp_path / "b.sqlite")
    d = _doc(a)
    h1 = a.add_highlight(d.id, 0, 4, "word", note="keep me")
    h2 = a.add_highlight(d.id, 10, 14, "term", note="old")
    _synced((a, url), (b, url))
    bdoc = b.document_by_fingerprint(FP1).id
    b1, b2 = b.highlights(bdoc)
    # h1: deleted on A, then edited on B later -> the edit brings it back everywhere.
    a.delete_highlight(h1.id)
    time.sleep(0.05)
    b.update_highlight(b1.id, note="edited after the delete")
    # h2: edited on B, then deleted on A later -> deleted everywhere, the edited note kept as a version.
    b.update_highlight(b2.id, note="edited before the delete")
    time.sleep(0.05)
    a.delete_highlight(h2.id)
    _synced((a, url), (b, url))

    for store, doc_id in ((a, d.id), (b, bdoc)):
        left = store.highlights(doc_id)
        assert [(x.exact, x.note) for x in left] == [("word", "edited after the delete")]
        kept = {v for (v,) in store.db.execute("SELECT value FROM note_versions")}
        assert "edited before the delete" in kept
    assert dump(a) == dump(b)


def test_server_unreachable_everything_works_and_changes_wait(tmp_path: Path, site: Site) -> None:
    url = site.person("dee")
    a = NotesDB(tmp_path / "a.sqlite")
    d = _doc(a)
    a.add_highlight(d.id, 0, 4, "word")
    dead = url.replace(f":{site.pg.port}/", f":{_closed_port()}/")
    with pytest.raises(SyncError) as err:
        sync(a, dead, timeout=2)
    assert "\n" not in str(err.value) and "cannot be reached" in str(err.value)
    assert Replica(a).get("last_error") == str(err.value)
    a.add_highlight(d.id, 5, 9, "more")  # still works offline
    assert Replica(a).pending() == 3
    report = sync(a, url)
    assert report.pushed == 3 and report.pending == 0
    b = NotesDB(tmp_path / "b.sqlite")
    sync(b, url)
    assert len(dump(b)["highlights"]) == 2


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# -- a sync killed at any moment ------------------------------------------------------------

_WORKER = ("import sys; import notes_db.sync.client as c; from notes_db.store import NotesDB; "
           "c.PAGE = 25; store = NotesDB(sys.argv[1]); print('go', flush=True); "
           "c.sync(store, sys.argv[2], batch=int(sys.argv[3]))")


def _killed_sync(path: Path, url: str, after: float) -> bool:
    """Start a sync in another process and SIGKILL it ``after`` seconds into the sync; True if it was still running."""
    proc = subprocess.Popen([sys.executable, "-c", _WORKER, str(path), url, "25"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    proc.stdout.readline()  # the notes file is open: the sync starts now
    time.sleep(after)
    running = proc.poll() is None
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    return running


def _count(path: Path) -> tuple[int, int]:
    with NotesDB(path) as store:
        return Replica(store).pending(), int(store.db.execute("SELECT COUNT(*) FROM highlights").fetchone()[0])


def kill_trials(tmp_path: Path, url: str, trials: int, seed: int = 14) -> dict[str, int]:
    """Edit, sync with a SIGKILL at a random moment (on both sides), resync; check no loss and no duplicate."""
    rnd = random.Random(seed)
    a_path, b_path = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    made = 0
    cut = {"pusher killed before its first batch": 0, "pusher killed between batches": 0,
           "pusher killed after pushing (pulling)": 0, "puller killed before a page": 0,
           "puller killed between pages": 0, "puller killed after the last page": 0, "finished first": 0}
    for trial in range(trials):
        with NotesDB(a_path) as a:
            d = _doc(a)
            for i in range(rnd.randint(20, 120)):
                a.add_highlight(d.id, i, i + 3, f"t{trial}-{i}", note=f"n{trial}-{i}", tags=[f"tag{i % 7}"])
                made += 1
            for h in rnd.sample(a.highlights(d.id), k=min(10, made)):
                a.update_highlight(h.id, note=h.note + " edited", color=rnd.choice(["red", "green", "blue"]))
        pending0, _ = _count(a_path)
        if _killed_sync(a_path, url, rnd.uniform(0.0, 0.15)):
            pending1, _ = _count(a_path)
            cut["pusher killed before its first batch" if pending1 == pending0 else
                "pusher killed between batches" if pending1 else "pusher killed after pushing (pulling)"] += 1
        else:
            cut["finished first"] += 1
        _, have0 = _count(b_path)
        if _killed_sync(b_path, url, rnd.uniform(0.0, 0.15)):
            _, have1 = _count(b_path)
            cut["puller killed before a page" if have1 == have0 else
                "puller killed between pages" if have1 < made else "puller killed after the last page"] += 1
        else:
            cut["finished first"] += 1
        with NotesDB(a_path) as a, NotesDB(b_path) as b:
            _synced((a, url), (b, url))
            da, db = dump(a), dump(b)
            assert da == db, f"trial {trial}: the two notes files differ"
            assert len(da["highlights"]) == made, f"trial {trial}: {len(da['highlights'])} highlights, made {made}"
            assert Replica(a).pending() == 0
    with psycopg.connect(url) as conn:
        n_server = conn.execute("SELECT count(*) FROM reader.items WHERE kind = 'highlight'").fetchone()[0]
        n_docs = conn.execute("SELECT count(*) FROM reader.items WHERE kind = 'document'").fetchone()[0]
    assert n_server == made and n_docs == 1
    return {"trials": trials, "highlights": made, **cut}


def test_sync_killed_at_random_moments_loses_nothing_and_duplicates_nothing(tmp_path: Path, site: Site) -> None:
    result = kill_trials(tmp_path, site.person("eve"), trials=int(os.environ.get("READER_KILL_TRIALS", "6")))
    assert result["highlights"] > 0


# -- security in the engine -----------------------------------------------------------------


def test_one_person_cannot_read_change_or_delete_anothers_private_rows(tmp_path: Path, site: Site) -> None:
    alice, bob = site.person("alice"), site.person("bob")
    a = NotesDB(tmp_path / "alice.sqlite")
    d = _doc(a)
    a.add_highlight(d.id, 0, 6, "secret", note="alice's private note")
    a.set_claim_review(d.id, "c", "false", "private verdict")
    sync(a, alice)
    with psycopg.connect(bob) as conn:
        assert conn.execute("SELECT count(*) FROM reader.items").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM reader.versions").fetchone()[0] == 0
        assert conn.execute("UPDATE reader.items SET data = '{}'::jsonb").rowcount == 0
        assert conn.execute("DELETE FROM reader.items").rowcount == 0
        conn.commit()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO reader.items(owner, gid, kind, data, stamps, seq) "
                         "VALUES (%s, 'x', 'highlight', '{}', '{}', 1)", [role_of(alice)])
        conn.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("ALTER TABLE reader.items DISABLE ROW LEVEL SECURITY")
        conn.rollback()
    b = NotesDB(tmp_path / "bob.sqlite")
    sync(b, bob)
    assert dump(b)["highlights"] == {} and b.db.execute("SELECT count(*) FROM shared_items").fetchone()[0] == 0
    with psycopg.connect(alice) as conn:  # alice's rows are intact
        n = conn.execute("SELECT count(*) FROM reader.items WHERE data->>'note' = 'alice''s private note'").fetchone()[0]
        assert n == 1


def test_a_group_member_sees_shared_highlights_with_the_authors_name_others_do_not(tmp_path: Path, site: Site) -> None:
    alice, bob, carol = site.person("alice"), site.person("bob"), site.person("carol")
    create_group(alice, f"desk_{site.tag}")
    add_member(alice, f"desk_{site.tag}", role_of(bob))
    with pytest.raises(Exception, match="Only the person who made"):
        add_member(bob, f"desk_{site.tag}", role_of(carol))
    assert list_groups(bob) == [(f"desk_{site.tag}", role_of(alice), sorted([role_of(alice), role_of(bob)]))]
    assert list_groups(carol) == []

    a = NotesDB(tmp_path / "alice.sqlite")
    d = _doc(a)
    shared = a.add_highlight(d.id, 0, 6, "shared", note="for the desk")
    a.add_highlight(d.id, 10, 16, "mine", note="private")
    a.share_highlight(shared.id, f"desk_{site.tag}")
    sync(a, alice)

    with psycopg.connect(bob) as conn:
        rows = conn.execute("SELECT owner::text, data->>'note' FROM reader.items").fetchall()
        assert rows == [(role_of(alice), "for the desk")]
        assert conn.execute("UPDATE reader.items SET data = '{}'::jsonb").rowcount == 0  # read, not write
        assert conn.execute("DELETE FROM reader.items").rowcount == 0
    with psycopg.connect(carol) as conn:
        assert conn.execute("SELECT count(*) FROM reader.items").fetchone()[0] == 0
        # Writing her own rows by hand, carol cannot share into a group she is not in, nor choose numbers.
        conn.execute("INSERT INTO reader.items(gid, kind, data, stamps, seq) VALUES ('c1', 'highlight', '{}', '{}', 9e15)")
        assert conn.execute("SELECT seq < 9e15 FROM reader.items WHERE gid = 'c1'").fetchone()[0]
        desk = conn.execute("SELECT share_group FROM reader.items WHERE share_group IS NOT NULL").fetchone()
        assert desk is None  # she cannot even see the group's id through rows
        conn.commit()
    with psycopg.connect(alice) as conn:
        group_id = conn.execute("SELECT id FROM reader.groups WHERE name = %s", [f"desk_{site.tag}"]).fetchone()[0]
    with psycopg.connect(carol) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("UPDATE reader.items SET share_group = %s WHERE gid = 'c1'", [group_id])

    b = NotesDB(tmp_path / "bob.sqlite")
    bd = b.register_document(FP1, "/bob/article.md", "The article", "markdown", 5000)
    sync(b, bob)
    group = Replica(b).group_highlights(bd.id)
    assert [(g.author, g.highlight.exact, g.highlight.note) for g in group] == [(role_of(alice), "shared", "for the desk")]
    assert b.highlights(bd.id) == []  # theirs are not mixed into his own

    # Sharing the whole document shares its other notes and its claim reviews too.
    a.share_document(d.id, f"desk_{site.tag}")
    a.set_claim_review(d.id, "claim-1", "disputed", "two sources disagree")
    sync(a, alice)
    sync(b, bob)
    assert sorted(g.highlight.exact for g in Replica(b).group_highlights(bd.id)) == ["mine", "shared"]
    assert Replica(b).group_reviews(bd.id) == {"claim-1": [(role_of(alice), "disputed", "two sources disagree")]}


def test_joining_a_group_later_brings_what_was_shared_before(tmp_path: Path, site: Site) -> None:
    alice, dan = site.person("alice"), site.person("dan")
    group = f"late_{site.tag}"
    create_group(alice, group)
    a = NotesDB(tmp_path / "a.sqlite")
    d = _doc(a)
    a.share_document(d.id, group)
    a.add_highlight(d.id, 0, 3, "old")
    sync(a, alice)
    b = NotesDB(tmp_path / "dan.sqlite")
    bd = _doc(b)
    sync(b, dan)
    assert Replica(b).group_highlights(bd.id) == []
    add_member(alice, group, role_of(dan))
    sync(b, dan)
    assert [g.highlight.exact for g in Replica(b).group_highlights(bd.id)] == ["old"]


# -- the command line ---------------------------------------------------------------------------


def test_cli_sets_up_a_server_syncs_and_shares(tmp_path: Path, pg: PgServer, monkeypatch: pytest.MonkeyPatch,  # noqa: F811
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from reader.cli import main

    conf = tmp_path / "config" / "sync.json"
    monkeypatch.setenv("READER_SYNC_CONFIG", str(conf))
    admin = pg.create_database(f"cli_{os.getpid()}")
    assert main(["sync-server", "init", admin]) == 0
    assert main(["sync-server", "init", admin]) == 0  # again: nothing to do
    out = capsys.readouterr().out
    assert "4 migrations applied" in out and "0 migrations applied" in out
    user = f"fran_{os.getpid()}"
    assert main(["sync-server", "add-user", admin, user, "--password", "s3cret"]) == 0
    url = pg.url(f"cli_{os.getpid()}", user, "s3cret")

    notes = tmp_path / "notes" / "notes.sqlite"
    article = tmp_path / "article.md"
    article.write_text("# Title\n\nThe council said the budget rose by 12 percent last year.\n", encoding="utf-8")
    assert main(["highlight", str(article), "--db", str(notes), "--text", "budget rose", "--note", "check"]) == 0
    assert main(["sync", "--db", str(notes), "--server", url]) == 0
    out = capsys.readouterr().out
    assert "sent 2" in out  # the document and the highlight
    assert conf.exists() and (conf.stat().st_mode & 0o777) == 0o600
    assert conf.parent != notes.parent and "s3cret" not in "".join(p.read_text(errors="ignore")
                                                                    for p in notes.parent.iterdir() if p.is_file())
    assert main(["group", "create", "desk"]) == 0
    assert main(["group", "list"]) == 0
    assert f"desk (made by {user}): {user}" in capsys.readouterr().out
    assert main(["share", str(article), "--db", str(notes), "--group", "desk"]) == 0
    assert main(["sync", "--db", str(notes), "--status"]) == 0
    assert "pending changes: 1" in capsys.readouterr().out
    assert main(["sync", "--db", str(notes)]) == 0
    with psycopg.connect(url) as conn:
        shared = conn.execute("SELECT count(*) FROM reader.items WHERE share_group IS NOT NULL").fetchone()[0]
    assert shared == 2  # the document and its highlight

    capsys.readouterr()
    assert main(["sync", "--db", str(notes), "--server", "http://example.org"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "postgresql://" in err
    assert main(["group", "add", "nosuch", "bob"]) == 1
    assert "No group called 'nosuch'" in capsys.readouterr().err


def test_unsharing_takes_the_rows_back_from_the_members_copies(tmp_path: Path, site: Site) -> None:
    alice, bob = site.person("alice"), site.person("bob")
    group = f"team_{site.tag}"
    create_group(alice, group)
    add_member(alice, group, role_of(bob))
    a = NotesDB(tmp_path / "alice.sqlite")
    d = _doc(a)
    one = a.add_highlight(d.id, 0, 3, "one")
    a.add_highlight(d.id, 5, 8, "two")
    a.share_highlight(one.id, group)
    sync(a, alice)
    b = NotesDB(tmp_path / "bob.sqlite")
    bd = _doc(b)
    sync(b, bob)
    assert [g.highlight.exact for g in Replica(b).group_highlights(bd.id)] == ["one"]
    a.share_highlight(one.id, None)
    sync(a, alice)
    sync(b, bob)
    assert Replica(b).group_highlights(bd.id) == []
    # The whole document shared, then taken back.
    a.share_document(d.id, group)
    sync(a, alice)
    sync(b, bob)
    assert sorted(g.highlight.exact for g in Replica(b).group_highlights(bd.id)) == ["one", "two"]
    a.share_document(d.id, None)
    sync(a, alice)
    sync(b, bob)
    assert Replica(b).group_highlights(bd.id) == []
    with psycopg.connect(bob) as conn:
        assert conn.execute("SELECT kind, data FROM reader.items WHERE owner <> current_user").fetchall() == []


def test_a_server_made_by_an_earlier_reader_is_upgraded_and_syncs_meanwhile(tmp_path: Path, pg: PgServer,  # noqa: F811
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from notes_db.sync import server

    admin = pg.create_database(f"old_{os.getpid()}")
    full = list(server.MIGRATIONS)
    monkeypatch.setattr(server, "MIGRATIONS", full[:1])
    assert server.init_server(admin) == 1
    server.add_user(admin, f"gus_{os.getpid()}", "pw")
    url = pg.url(f"old_{os.getpid()}", f"gus_{os.getpid()}", "pw")
    a = NotesDB(tmp_path / "a.sqlite")
    a.add_highlight(_doc(a).id, 0, 3, "old")
    assert sync(a, url).pushed == 2  # a client ahead of its server still syncs
    monkeypatch.setattr(server, "MIGRATIONS", full)
    assert server.init_server(admin) == len(full) - 1
    b = NotesDB(tmp_path / "b.sqlite")
    sync(b, url)
    assert len(dump(b)["highlights"]) == 1


# -- the gaps closed later: author and claim words, undo, leaving a group, bounded versions ----------


def test_the_documents_author_and_a_reviews_claim_words_sync_field_by_field(tmp_path: Path, site: Site) -> None:
    from notes_db.library import set_author
    from notes_db.reviews import document_author, ledger, set_review

    url = site.person("hal")
    a, b = NotesDB(tmp_path / "a.sqlite"), NotesDB(tmp_path / "b.sqlite")
    d = _doc(a)
    set_author(a, d.id, "Jane Reporter")
    set_review(a, d.id, "c1", "disputed", "the figure is wrong", text="The budget rose by 12 percent.",
               kind="figure", start=40, end=70)
    _synced((a, url), (b, url))
    bd = b.document_by_fingerprint(FP1)
    assert bd is not None and document_author(b, bd.id) == "Jane Reporter"
    (r,) = ledger(b)
    assert (r.text, r.kind, r.start, r.end, r.status, r.note) == (
        "The budget rose by 12 percent.", "figure", 40, 70, "disputed", "the figure is wrong")

    # Changed on both: the author on B, the review's status on A; each field keeps its own last writer.
    set_author(b, bd.id, "J. Reporter")
    time.sleep(0.05)
    set_review(a, d.id, "c1", "verified", "checked with the council")
    _synced((a, url), (b, url))
    for store, doc_id in ((a, d.id), (b, bd.id)):
        assert document_author(store, doc_id) == "J. Reporter"
        (r,) = ledger(store)
        assert (r.text, r.status, r.note) == ("The budget rose by 12 percent.", "verified", "checked with the council")
    assert Replica(a).pending() == Replica(b).pending() == 0


def test_undoing_a_delete_brings_back_the_same_highlight_on_every_device(tmp_path: Path, site: Site) -> None:
    url = site.person("ida")
    a, b = NotesDB(tmp_path / "a.sqlite"), NotesDB(tmp_path / "b.sqlite")
    d = _doc(a)
    h = a.add_highlight(d.id, 0, 4, "word", note="worth keeping", tags=["x"])
    _synced((a, url), (b, url))
    gid = a.db.execute("SELECT gid FROM sync_rows WHERE kind = 'highlight'").fetchone()[0]
    bdoc = b.document_by_fingerprint(FP1).id
    gone = a.delete_highlight(h.id)
    _synced((a, url), (b, url))
    assert b.highlights(bdoc) == []
    assert gone is not None
    back = a.restore_highlight(gone)
    assert back.id == h.id
    assert a.db.execute("SELECT gid, deleted FROM sync_rows WHERE kind = 'highlight'").fetchall() == [(gid, 0)]
    _synced((a, url), (b, url))
    assert [(x.exact, x.note, x.tags) for x in b.highlights(bdoc)] == [("word", "worth keeping", ["x"])]
    assert b.db.execute("SELECT gid FROM sync_rows WHERE kind = 'highlight' AND local_id IS NOT NULL").fetchall() == [(gid,)]
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT count(*) FROM reader.items WHERE kind = 'highlight'").fetchone()[0] == 1
    assert dump(a) == dump(b)


def test_a_member_taken_out_of_a_group_loses_its_rows_on_the_server_and_on_the_next_sync(
        tmp_path: Path, site: Site, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from reader.cli import main

    alice, bob, carol = site.person("alice"), site.person("bob"), site.person("carol")
    group = f"desk_{site.tag}"
    create_group(alice, group)
    add_member(alice, group, role_of(bob))
    add_member(alice, group, role_of(carol))
    a = NotesDB(tmp_path / "alice.sqlite")
    d = _doc(a)
    a.share_document(d.id, group)
    a.add_highlight(d.id, 0, 6, "shared", note="for the desk")
    a.set_claim_review(d.id, "claim-1", "disputed", "two sources")
    sync(a, alice)
    b = NotesDB(tmp_path / "bob.sqlite")
    bd = _doc(b)
    sync(b, bob)
    assert [g.highlight.note for g in Replica(b).group_highlights(bd.id)] == ["for the desk"]
    assert list(Replica(b).group_reviews(bd.id)) == ["claim-1"]

    with pytest.raises(Exception, match="Only the person who made"):
        remove_member(carol, group, role_of(bob))
    monkeypatch.setenv("READER_SYNC_CONFIG", str(tmp_path / "config" / "sync.json"))
    from notes_db.sync import config
    config.save(server=alice)
    assert main(["group", "remove", group, role_of(bob)]) == 0
    assert f"{role_of(bob)} removed from {group}" in capsys.readouterr().out
    assert main(["group", "remove", group, role_of(bob)]) == 1
    assert "is not in" in capsys.readouterr().err

    # The engine stops him at once, whatever his client does: plain SQL as his role reads nothing of hers.
    a.add_highlight(d.id, 10, 16, "later", note="after he left")
    sync(a, alice)
    with psycopg.connect(bob) as conn:
        assert conn.execute("SELECT count(*) FROM reader.items WHERE owner <> current_user").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM reader.groups").fetchone()[0] == 0
    with psycopg.connect(carol) as conn:  # who stays still reads all of it
        assert conn.execute("SELECT count(*) FROM reader.items WHERE kind = 'highlight'").fetchone()[0] == 2
    # And his next sync drops the copies he had pulled.
    sync(b, bob)
    assert Replica(b).group_highlights(bd.id) == [] and Replica(b).group_reviews(bd.id) == {}
    assert b.db.execute("SELECT count(*) FROM shared_items").fetchone()[0] == 0
    # Added back, he gets them again.
    add_member(alice, group, role_of(bob))
    sync(b, bob)
    assert sorted(g.highlight.note for g in Replica(b).group_highlights(bd.id)) == ["after he left", "for the desk"]


def test_the_server_keeps_only_the_newest_replaced_texts_of_a_note(tmp_path: Path, site: Site) -> None:
    from notes_db.sync.server import KEEP_VERSIONS

    url = site.person("jo")
    a, b = NotesDB(tmp_path / "a.sqlite"), NotesDB(tmp_path / "b.sqlite")
    d = _doc(a)
    h = a.add_highlight(d.id, 0, 4, "word", note="v0")
    other = a.add_highlight(d.id, 10, 14, "term", note="w0")
    _synced((a, url), (b, url))
    for i in range(1, KEEP_VERSIONS + 6):
        a.update_highlight(h.id, note=f"v{i}")
        sync(a, url)  # each push replaces the server's text, which becomes a version
        sync(b, url)  # the other device pulls each version as it comes
    a.update_highlight(other.id, note="w1")
    sync(a, url)
    with psycopg.connect(url) as conn:
        kept = [v for (v,) in conn.execute("SELECT value #>> '{}' FROM reader.versions ORDER BY stamp")]
    assert len([v for v in kept if v.startswith("v")]) == KEEP_VERSIONS
    assert [v for v in kept if v.startswith("v")] == [f"v{i}" for i in range(5, KEEP_VERSIONS + 5)]
    assert [v for v in kept if v.startswith("w")] == ["w0"]  # other notes keep theirs
    # Each notes file keeps the same bound.
    hb = b.highlights(b.document_by_fingerprint(FP1).id)[0]
    assert [t for _s, t in Replica(b).versions(hb.id)] == [f"v{i}" for i in range(5, KEEP_VERSIONS + 5)]


def test_an_empty_author_never_overwrites_one_read_on_another_device(tmp_path: Path, site: Site) -> None:
    from notes_db.library import set_author
    from notes_db.reviews import document_author

    url = site.person("max")
    a, b = NotesDB(tmp_path / "a.sqlite"), NotesDB(tmp_path / "b.sqlite")
    set_author(a, _doc(a).id, "Jane Reporter")  # this Reader found the author in the file
    time.sleep(0.05)
    bd = _doc(b, path="/mnt/b/article.md")  # opened later elsewhere, by a Reader that found none
    _synced((b, url), (a, url))
    assert document_author(b, bd.id) == document_author(a, a.document_by_fingerprint(FP1).id) == "Jane Reporter"


def test_a_pull_the_notes_file_refuses_says_why_and_the_next_sync_brings_it(tmp_path: Path, site: Site) -> None:
    """The notes file refusing a pulled row (here a trigger; in life a constraint) stops the sync with the notes
    file's reason (it said "can't change 'isolation_level' now", psycopg's complaint about the pull's open
    transaction); nothing half-applied, and the next sync brings the row."""
    from notes_db import StorageError

    url = site.person("pat")
    a, b = NotesDB(tmp_path / "a.sqlite"), NotesDB(tmp_path / "b.sqlite")
    a.save_search("mine", "tag:one")
    sync(a, url)
    b.db.execute("CREATE TRIGGER refuse BEFORE INSERT ON saved_searches BEGIN SELECT RAISE(ABORT, 'refused here'); END")
    with pytest.raises(StorageError, match="refused here"):
        sync(b, url)
    assert b.saved_searches() == [] and Replica(b).get("cursor", "0") == "0"
    b.db.execute("DROP TRIGGER refuse")
    sync(b, url)
    assert b.saved_searches() == [("mine", "tag:one")]
    a.close()
    b.close()
