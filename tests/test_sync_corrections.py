"""Quote corrections (Wrong speaker… / Not a quote / Undo) sync between devices through a real PostgreSQL server
(tests/pg_server.py): each device its own notes file and its own copy of the article, corrected with
`reader correct` and synced with `reader sync` as a person would; the library (`reader speakers`) follows."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

from notes_db.corrections import quote_corrections
from notes_db.store import NotesDB
from notes_db.sync.local import Replica
from reader.cli import main
from tests.conftest import SAMPLE
from tests.pg_server import (
    PgServer,
    pg,  # noqa: F401  (the session's server fixture)
)
from tests.sync_helpers import Site

#: Quotes of the sample article, by some of their words, and where they are.
RIVER = "crossing the river by feeling the stones"  # 11293: no speaker in the text
MIRACLE = "a miracle in the history of human development"  # 2402: "personages from political parties"
GREATEST = "the greatest development initiative"  # 13221: no speaker in the text
COMMUNIST = "The Communist Party of China (CPC)"  # 294: Xi Jinping
HAPPINESS = "to seek happiness for the Chinese people"  # 1526: Xi Jinping


class Device:
    """One computer: its notes file and its own copy of the article (another path, the same content)."""

    def __init__(self, root: Path, url: str) -> None:
        root.mkdir(parents=True)
        self.db = root / "notes.sqlite"
        self.article = root / "article.md"
        shutil.copyfile(SAMPLE, self.article)
        self.url = url

    def reader(self, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main([*args, "--db", str(self.db)])
        out = capsys.readouterr()
        return code, out.out, out.err

    def correct(self, capsys: pytest.CaptureFixture[str], words: str, *how: str) -> None:
        code, _out, err = self.reader(capsys, "correct", str(self.article), "--quote", words, *how)
        assert (code, err) == (0, ""), err

    def sync(self, capsys: pytest.CaptureFixture[str]) -> str:
        code, out, err = self.reader(capsys, "sync", "--server", self.url)
        assert (code, err) == (0, ""), err
        return out

    def speaker(self, capsys: pytest.CaptureFixture[str], name: str) -> list[int]:
        """Where `reader speakers NAME` finds that person's quotes ([] when nobody of that name is quoted)."""
        code, out, _err = self.reader(capsys, "speakers", name, "--json")
        return [q["start"] for q in json.loads(out)["quotes"]] if code == 0 else []

    def people(self, capsys: pytest.CaptureFixture[str]) -> dict[str, int]:
        code, out, err = self.reader(capsys, "speakers", "--json")
        assert code == 0, err
        return {p["speaker"]: p["quotes"] + p["positions"] for p in json.loads(out)}

    def corrections(self) -> dict[int, tuple[str, bool]]:
        with NotesDB(self.db) as store:
            (doc,) = store.read_rows("SELECT id FROM documents")
            return {c.start: (c.speaker, c.dismissed) for c in quote_corrections(store, doc["id"])}

    def library(self) -> dict[int, tuple[str, str]]:
        """The library's quote rows of the article: place -> (speaker, group)."""
        with NotesDB(self.db) as store:
            return {r["start"]: (r["speaker"], r["speaker_group"]) for r in store.read_rows(
                "SELECT start, speaker, speaker_group FROM findings WHERE kind = 'quote'")}


#: A description, its document's own entry in the speakers list (notes_db.people.is_name).
PERSONAGES = "Personages from political parties (in Working Hard to Bring Happiness to the…)"


@pytest.fixture
def devices(tmp_path: Path, pg: PgServer, monkeypatch: pytest.MonkeyPatch) -> tuple[Device, Device]:  # noqa: F811
    monkeypatch.setenv("READER_SYNC_CONFIG", str(tmp_path / "config" / "sync.json"))
    url = Site(pg).person("cora")
    return Device(tmp_path / "laptop", url), Device(tmp_path / "desktop", url)


def test_corrections_go_both_ways_and_the_library_follows(devices, capsys) -> None:
    a, b = devices
    a.correct(capsys, RIVER, "--speaker", "Deng Xiaoping")
    a.correct(capsys, MIRACLE, "--not-a-quote")
    b.correct(capsys, GREATEST, "--speaker", "Grace Hopper")  # B has read the article too (its library knows it)
    found_on_b = b.library()
    assert PERSONAGES in b.people(capsys)
    assert "sent 3" in a.sync(capsys)  # the document and its two corrections
    b.sync(capsys)
    a.sync(capsys)

    # B: both of A's corrections, in the corrections table and in the library's rows, so `reader speakers` knows.
    assert b.corrections() == {11293: ("Deng Xiaoping", False), 2402: ("", True), 13221: ("Grace Hopper", False)}
    assert b.speaker(capsys, "deng") == [11293]
    assert PERSONAGES not in b.people(capsys)  # the dismissed passage is no quote
    assert 2402 not in b.library()
    # A: B's correction, the same way.
    assert a.corrections() == b.corrections()
    assert a.speaker(capsys, "grace hopper") == [13221]
    assert a.library() == b.library()

    # B undoes A's naming of the river quote; A sees it undone, with the analysis's reading back in its library.
    b.correct(capsys, RIVER, "--undo")
    b.sync(capsys)
    a.sync(capsys)
    assert 11293 not in a.corrections() and 11293 not in b.corrections()
    assert a.speaker(capsys, "deng") == [] == b.speaker(capsys, "deng")
    assert a.library()[11293] == found_on_b[11293] == b.library()[11293]
    # Taken back on A (Restore), it comes back on B, in its library too.
    a.correct(capsys, MIRACLE, "--undo")
    a.sync(capsys)
    b.sync(capsys)
    assert b.corrections() == {13221: ("Grace Hopper", False)}
    assert b.library()[2402] == found_on_b[2402] and PERSONAGES in b.people(capsys)
    assert a.library() == b.library()
    with NotesDB(a.db) as sa, NotesDB(b.db) as sb:
        assert Replica(sa).pending() == Replica(sb).pending() == 0


def test_the_same_quote_corrected_on_both_the_later_correction_wins_whole(devices, capsys) -> None:
    """The documented rule: a quote's correction (who said it, or not a quote) is one field, the later wins
    everywhere; an undo is a delete, and a correction made after it wins over it (and the other way round)."""
    a, b = devices
    a.correct(capsys, RIVER, "--speaker", "Someone")  # both read the article and have a correction on it
    b.correct(capsys, GREATEST, "--speaker", "Someone Else")
    a.sync(capsys)
    b.sync(capsys)
    a.sync(capsys)

    # Offline on both: each corrects the same quotes, one after the other.
    a.correct(capsys, COMMUNIST, "--speaker", "Ann Author")
    b.correct(capsys, HAPPINESS, "--not-a-quote")
    time.sleep(0.05)  # later than the clock stamps, which may run a few ms ahead of the wall clock
    b.correct(capsys, COMMUNIST, "--not-a-quote")  # later: not a quote wins over A's name
    a.correct(capsys, HAPPINESS, "--speaker", "Ben Writer")  # later: a name wins over B's dismissal, whole
    a.correct(capsys, RIVER, "--undo")  # undone on A...
    time.sleep(0.05)
    b.correct(capsys, RIVER, "--speaker", "Cy Later")  # ...then named again on B: the later wins
    b.correct(capsys, GREATEST, "--speaker", "Dee Earlier")
    time.sleep(0.05)
    a.correct(capsys, GREATEST, "--undo")  # undone after B's change: undone
    for device in (a, b, a, b):
        device.sync(capsys)

    expected = {294: ("", True), 1526: ("Ben Writer", False), 11293: ("Cy Later", False)}
    assert {k: (s if not d else "", d) for k, (s, d) in a.corrections().items()} == expected
    assert {k: (s if not d else "", d) for k, (s, d) in b.corrections().items()} == expected
    assert a.library() == b.library()
    assert 294 not in a.library() and a.library()[1526][1] == "Ben Writer" and a.library()[11293][1] == "Cy Later"
    assert a.speaker(capsys, "ben writer") == [1526] == b.speaker(capsys, "ben writer")
    assert a.speaker(capsys, "dee earlier") == [] == b.speaker(capsys, "dee earlier")


def test_a_schema_19_notes_file_sends_its_corrections_and_pulls_again(devices, capsys) -> None:
    """A notes file of schema 19 kept a correction that never synced, and its cursor went past the corrections its
    other devices sent: opened by this Reader, its correction waits to be sent and the next sync pulls all again."""
    import psycopg
    import sqlite_utils

    from notes_db.store import APPLICATION_ID, SCHEMA_VERSION, migrations
    from reader.analysis import analyse
    from reader.claims_library import find_quote
    from reader.loaders import load
    from tests.sync_helpers import role_of

    a, b = devices
    b.correct(capsys, GREATEST, "--speaker", "Grace Hopper")
    b.sync(capsys)
    with psycopg.connect(a.url) as conn:
        server_id, newest = conn.execute("SELECT (SELECT server_id::text FROM reader.meta), max(seq) "
                                         "FROM reader.items").fetchone()
    doc = load(a.article)
    river = find_quote(analyse(doc), RIVER)
    old = sqlite_utils.Database(a.db)
    migrations.apply(old, stop_before="m020_quote_corrections_sync")  # the file as schema 19 left it
    old.execute("PRAGMA user_version = 19")
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    old.execute("INSERT INTO documents (fingerprint, path, title, kind, chars, pages, position, created, opened) "
                "VALUES (?, ?, ?, ?, ?, 0, 0, 'x', 'x')",
                [doc.fingerprint, str(a.article.resolve()), doc.title, doc.kind, len(doc.text)])
    old.execute('INSERT INTO quote_corrections (doc_id, start, "end", text, speaker, dismissed, updated) '
                "VALUES (1, ?, ?, ?, 'Deng Xiaoping', 0, 'x')", [river.start, river.end, river.text])
    for key, value in (("server", server_id), ("me", role_of(a.url)), ("cursor", str(newest))):  # synced before
        old.execute("INSERT INTO sync_state(key, value) VALUES (?, ?)", [key, value])
    old.conn.commit()
    old.close()

    with NotesDB(a.db) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert Replica(store).get("cursor") == "0"
        (row,) = store.db.execute("SELECT nkey, dirty FROM sync_rows WHERE kind = 'correction'").fetchall()
        assert row[0] == f"correction:{doc.fingerprint}:11293:11335" and row[1] > 0
    a.sync(capsys)
    b.sync(capsys)
    assert a.corrections() == b.corrections() == {11293: ("Deng Xiaoping", False), 13221: ("Grace Hopper", False)}
    assert b.speaker(capsys, "deng") == [11293]  # (B's library: its row rewritten, by the row's own reading)
    b.correct(capsys, RIVER, "--undo")
    b.sync(capsys)
    a.sync(capsys)
    assert a.corrections() == {13221: ("Grace Hopper", False)}


def test_sync_now_shows_another_devices_corrections_in_the_open_claims_panel(qtbot, db_path, tmp_path: Path,
                                                                           devices, capsys) -> None:
    from notes_db.sync import config
    from reader.speaker_labels import DISMISSED
    from tests.gui_helpers import shown_window
    from tests.test_gui import _click_entry, _wait_analysis
    from tests.test_quote_corrections import _groups

    laptop, _desktop = devices
    laptop.correct(capsys, RIVER, "--speaker", "Deng Xiaoping")
    laptop.correct(capsys, MIRACLE, "--not-a-quote")
    laptop.sync(capsys)  # (the server is now this person's: the window syncs with it too)

    w = shown_window(qtbot, db_path)
    w.open_path(SAMPLE)
    panel = _wait_analysis(qtbot, w)
    w.tabs.setCurrentWidget(panel)
    quotes = w.controller.analysis.quotes
    river = next(i for i, q in enumerate(quotes) if RIVER in q.text)
    miracle = next(i for i, q in enumerate(quotes) if MIRACLE in q.text)
    qtbot.waitUntil(lambda: any(river in items for items in _groups(panel).values()))
    assert "Deng Xiaoping" not in _groups(panel) and DISMISSED not in _groups(panel)
    assert config.server_url() == laptop.url

    status = w.panels.sync
    status.action.trigger()  # File > Sync Now
    qtbot.waitUntil(lambda: not status.running, timeout=20000)
    assert status.label.text().startswith("Synced "), status.label.text()
    qtbot.waitUntil(lambda: _groups(panel).get("Deng Xiaoping") == [river])
    assert _groups(panel)[DISMISSED] == [miracle]
    _click_entry(qtbot, panel, "quote", river)
    assert "corrected by you" in panel.detail_title.text()
    assert w.panels.quote_fix.undo_button.isVisible()  # and it can be undone here, as one made here
    w.grab().save(str(tmp_path / "correction-synced.png"))
    with NotesDB(db_path) as store:
        assert {c.start: (c.speaker, c.dismissed) for c in quote_corrections(store, w.session.doc_id)} == {
            11293: ("Deng Xiaoping", False), 2402: ("", True)}


def test_reader_sync_in_a_terminal_shows_the_corrections_in_the_open_window(qtbot, db_path, tmp_path: Path,
                                                                          devices, capsys) -> None:
    """`reader sync` run while the window is open (another program writing the notes file): the Claims panel takes
    the corrections it brought, and takes them back when another device undoes them."""
    from tests.gui_helpers import shown_window
    from tests.test_gui import _wait_analysis
    from tests.test_quote_corrections import _groups

    laptop, _desktop = devices
    w = shown_window(qtbot, db_path)
    w.open_path(SAMPLE)
    panel = _wait_analysis(qtbot, w)
    w.tabs.setCurrentWidget(panel)
    river = next(i for i, q in enumerate(w.controller.analysis.quotes) if RIVER in q.text)
    qtbot.waitUntil(lambda: any(river in items for items in _groups(panel).values()))
    here = Device.__new__(Device)  # this window's notes file, synced from the command line
    here.db, here.url = db_path, laptop.url

    laptop.correct(capsys, RIVER, "--speaker", "Deng Xiaoping")
    laptop.sync(capsys)
    assert "Deng Xiaoping" not in _groups(panel)
    here.sync(capsys)
    qtbot.waitUntil(lambda: _groups(panel).get("Deng Xiaoping") == [river])

    laptop.correct(capsys, RIVER, "--undo")
    laptop.sync(capsys)
    here.sync(capsys)
    qtbot.waitUntil(lambda: "Deng Xiaoping" not in _groups(panel))
    assert any(river in items for items in _groups(panel).values())  # back where the analysis put it


def test_a_correction_pulled_onto_a_quote_corrected_here_under_another_id_takes_its_place(devices, capsys) -> None:
    """A row of the same quote under another global id (a notes file written outside Reader, an earlier build):
    the pulled correction takes its place instead of stopping every sync ("UNIQUE constraint failed")."""
    import uuid

    a, b = devices
    b.correct(capsys, RIVER, "--speaker", "Someone Here")
    with NotesDB(b.db) as store, store.transaction() as db:
        db.execute("UPDATE sync_rows SET gid = ?, nkey = NULL, dirty = 0 WHERE kind = 'correction'",
                   [str(uuid.uuid4())])
    a.correct(capsys, RIVER, "--speaker", "Deng Xiaoping")
    a.sync(capsys)
    b.sync(capsys)
    assert b.corrections() == {11293: ("Deng Xiaoping", False)}
    assert b.speaker(capsys, "deng") == [11293] and b.speaker(capsys, "someone here") == []
