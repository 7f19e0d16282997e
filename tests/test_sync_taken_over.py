"""A PDF annotation the person deleted on one device is not imported again on another (pdf3 item 1): the PDF's
own annotations Reader took over sync as a field of their document (m022, "taken"), and a pulled list adds to
the file's own, so the other device records them as taken over before it ever opens the PDF. Through a real
PostgreSQL server (tests/pg_server.py); a notes file of schema 21 is migrated with what it took over."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from notes_db.store import SCHEMA_VERSION, NotesDB
from notes_db.sync.client import sync
from reader.cli import main as cli_main
from tests.pg_server import (
    PgServer,
    pg,  # noqa: F401  (the session's server fixture)
)
from tests.sync_helpers import Site
from tests.test_pdf_taken_over_travels import LINES, three_marks


@pytest.fixture
def site(pg: PgServer) -> Site:  # noqa: F811
    return Site(pg)


def _notes(capsys, pdf: Path, db: Path) -> list[str]:
    capsys.readouterr()
    assert cli_main(["notes", str(pdf), "--json", "--db", str(db)]) == 0
    return sorted(h["text"] for h in json.loads(capsys.readouterr().out)["highlights"])


def test_a_pdf_annotation_deleted_on_one_device_is_not_imported_on_another(tmp_path: Path, site: Site,
                                                                             capsys) -> None:
    url = site.person("pat")
    pdf = three_marks(tmp_path / "marked.pdf")
    a_path, b_path = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    assert _notes(capsys, pdf, a_path) == sorted(LINES)  # device A takes the three over
    a = NotesDB(a_path)
    doc = a.document_by_path(str(pdf.resolve()))
    assert doc is not None
    gone = next(h for h in a.highlights(doc.id) if h.exact == LINES[1])
    a.delete_highlight(gone.id)
    sync(a, url)
    b = NotesDB(b_path)
    sync(b, url)
    b.close()
    kept = sorted([LINES[0], LINES[2]])
    assert _notes(capsys, pdf, b_path) == kept  # device B opens the PDF: the deleted one stays deleted

    # one B takes over later (another program added it) goes back to A as well
    import pymupdf

    later = tmp_path / "later.pdf"
    with pymupdf.open(pdf) as d:
        page = d[0]
        page.insert_text((72, 220), "Added later on device B.", fontsize=12)
        page.add_underline_annot(page.search_for("Added later")[0]).update()
        d.save(later)
    assert "Added later" in _notes(capsys, later, b_path)
    b = NotesDB(b_path)
    b_doc = b.document_by_path(str(later.resolve()))
    assert b_doc is not None
    sync(b, url)
    sync(a, url)
    b.close()
    a_doc = a.document_by_fingerprint(b_doc.fingerprint)
    assert a_doc is not None
    taken = {r["key"] for r in a.read_rows("SELECT key FROM pdf_annotations WHERE doc_id = ?", [a_doc.id])}
    assert any(k.endswith(":underline") for k in taken) and len(taken) == 4
    a.close()


def test_a_schema_21_file_carries_what_it_took_over_with_its_next_sync(db_path: Path) -> None:
    import sqlite_utils

    from notes_db.store import APPLICATION_ID, migrations

    db_path.parent.mkdir(parents=True, exist_ok=True)
    old = sqlite_utils.Database(db_path)
    migrations.apply(old, stop_before="m022_taken_over_syncs")
    old.execute("PRAGMA user_version = 21")
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    old["documents"].insert({"fingerprint": "f" * 64, "path": "/x.pdf", "title": "x", "kind": "pdf", "chars": 9,
                             "pages": 1, "position": 0, "created": "x", "opened": "x"})
    old.conn.executemany("INSERT INTO pdf_annotations (doc_id, key) VALUES (?, ?)",
                         [(1, "0:72,90,180,102:underline"), (1, "0:10,10,20,20"), (1, "~restyle")])
    old.conn.commit()
    old.close()
    with NotesDB(db_path) as s:
        assert s.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 22
        (row,) = s.read_rows("SELECT taken_over FROM documents WHERE id = 1")
        assert row["taken_over"] == "0:10,10,20,20\n0:72,90,180,102:underline"  # (not what is still to do)
        stamps = json.loads(s.read_rows("SELECT stamps FROM sync_rows WHERE kind = 'document'")[0]["stamps"])
        assert "taken" in stamps  # it goes with the next sync


@pytest.mark.parametrize("first", ["a", "b"])
def test_what_two_devices_took_over_before_syncing_ends_up_on_both(tmp_path: Path, site: Site, capsys,
                                                                   first: str) -> None:
    """Both devices take over an annotation the other has not seen before either syncs (review s14): whichever
    list is newer, neither device's key is lost, and the union goes back to the other one."""
    from notes_db.pdf_annotations import take_over, taken_over

    url = site.person("pat")
    pdf = three_marks(tmp_path / "marked.pdf")
    stores = {}
    for name in ("a", "b"):
        path = tmp_path / f"{name}.sqlite"
        _notes(capsys, pdf, path)  # each device takes the three over
        stores[name] = NotesDB(path)
    docs = {n: s.document_by_path(str(pdf.resolve())) for n, s in stores.items()}
    three = taken_over(stores["a"], docs["a"].id)
    take_over(stores["a"], docs["a"].id, ["0:1,1,2,2:underline"])  # (as another program's later additions)
    take_over(stores["b"], docs["b"].id, ["0:3,3,4,4:strikeout"])
    order = [first, "b" if first == "a" else "a"]
    for name in order * 3:  # a sync pushes, then pulls: a union made by a pull goes out with the next sync
        sync(stores[name], url)
    want = three | {"0:1,1,2,2:underline", "0:3,3,4,4:strikeout"}
    for name, store in stores.items():
        assert taken_over(store, docs[name].id) >= want, name
        store.close()
