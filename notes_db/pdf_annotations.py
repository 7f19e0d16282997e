"""A PDF's own highlight annotations that Reader has taken over. No Qt here.

Reader imports a PDF's highlight annotations as its highlights and from then on draws them itself: the
page is rendered without the annotations it took over (else one the person deleted in Reader would still
show), and opening the PDF again imports only the annotations not taken over yet (one another program
added since), never again one the person deleted. An annotation is known by its page and its place on the
page (``reader.pdf_pages.PdfAnnotation.key``): the xref changes when another program saves the file, and
not every program writes a name (/NM), nor keeps it. The file on disk is never changed.

A PDF registered before these keys were kept has the key :data:`UNKNOWN`: what it took over is judged by
date then (reader/pdf_takeover.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from notes_db.store import NotesDB

#: The key of a PDF registered before Reader kept these keys (schema 18 and earlier).
UNKNOWN = ""
#: The kinds of annotation that come in as a highlight of that style (notes_db.records.STYLES), by the kind a
#: key ends with (``PdfAnnotation.key``: page, place, then the kind unless a highlight).
LINE_KINDS = ("underline", "squiggly", "strikeout")
#: Not an annotation's key (those start with a page number): the document's underlines, squiggles and
#: strike-outs were taken over before highlights had a style (schema 20 and earlier), as plain highlights; its
#: next open gives them their style, once (reader/pdf_takeover.py), so a style the person chose later stays.
RESTYLE_DUE = "~restyle"


def style_of(kind: str) -> str:
    """The style of the highlight an annotation of ``kind`` becomes (a sticky note's: a band)."""
    return kind if kind in LINE_KINDS else "highlight"


def taken_over(store: NotesDB, doc_id: int) -> set[str]:
    """The keys of the document's annotations Reader has taken over (with :data:`UNKNOWN` for an old one)."""
    return {r["key"] for r in store.read_rows("SELECT key FROM pdf_annotations WHERE doc_id = ?", [doc_id])}


def exportable(keys: Iterable[str]) -> list[str]:
    """The keys an export carries (annotations' own, sorted): not :data:`UNKNOWN` nor :data:`RESTYLE_DUE`, which
    say what this notes file still has to do, not what it took over."""
    return sorted(k for k in keys if k[:1].isdigit())


def take_over(store: NotesDB, doc_id: int, keys: Iterable[str]) -> None:
    """Record ``keys`` as taken over; joins the caller's transaction (made with the highlights they became)."""
    with store.transaction() as db:
        db.conn.executemany("INSERT OR IGNORE INTO pdf_annotations (doc_id, key) VALUES (?, ?)",
                            [(doc_id, k) for k in keys])
        mirror(db.conn, doc_id)


def mirror(conn: Any, doc_id: int) -> None:
    """The document's ``taken_over`` column (what sync carries: m022) as its rows say, in the caller's transaction;
    unchanged when already so (then nothing is stamped for the next sync)."""
    keys = [r[0] for r in conn.execute("SELECT key FROM pdf_annotations WHERE doc_id = ?", [doc_id])]
    conn.execute("UPDATE documents SET taken_over = ? WHERE id = ? AND taken_over IS NOT ?",
                 ["\n".join(exportable(keys)), doc_id, "\n".join(exportable(keys))])


def taken_in(conn: Any, doc_id: int, listed: str) -> str:
    """Keys another device took over (``listed``, one a line) recorded here too, in the caller's transaction;
    returns every key this file now has for the document, one a line (what its ``taken_over`` column holds)."""
    keys = [k for k in listed.split("\n") if k[:1].isdigit()]
    conn.executemany("INSERT OR IGNORE INTO pdf_annotations (doc_id, key) VALUES (?, ?)", [(doc_id, k) for k in keys])
    return "\n".join(exportable(r[0] for r in conn.execute("SELECT key FROM pdf_annotations WHERE doc_id = ?",
                                                            [doc_id])))


def keys_known(store: NotesDB, doc_id: int) -> None:
    """The old document's annotations have all been judged: its keys are known from now on."""
    with store.transaction() as db:
        db.execute("DELETE FROM pdf_annotations WHERE doc_id = ? AND key = ?", [doc_id, UNKNOWN])


def styles_given(store: NotesDB, doc_id: int, styles: Iterable[tuple[int, str]]) -> None:
    """Give the highlights (id, style) that an old document's underlines, squiggles and strike-outs became
    their style, and note that it is done (:data:`RESTYLE_DUE`), in one transaction."""
    with store.transaction() as db:
        for hid, style in styles:
            store.update_highlight(hid, style=style)
        db.execute("DELETE FROM pdf_annotations WHERE doc_id = ? AND key = ?", [doc_id, RESTYLE_DUE])


def registered(store: NotesDB, doc_id: int) -> str:
    """When the document was first registered (ISO 8601, UTC), '' if not known."""
    rows = store.read_rows("SELECT created FROM documents WHERE id = ?", [doc_id])
    return str(rows[0]["created"] or "") if rows else ""
