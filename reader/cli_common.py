"""What every ``reader`` subcommand module shares: the one-line error, output,
and opening a document with its notes (so the subcommand modules never import
reader/cli.py, which imports them)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


class CliError(Exception):
    """One line for stderr, then exit 1."""


def _out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


#: Quotation marks a passage may begin or end with: printed as they are, not inside a second pair.
_OPENING_MARKS = "“\"‘«„"


def shorten(text: str, limit: int = 200) -> str:
    """``text`` on one line, cut at a word with "…" when longer than ``limit``."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    head = flat[:limit]
    cut = head.rsplit(" ", 1)[0] if " " in head else head
    return cut.rstrip(",;:") + "…"


def quoted(text: str, limit: int = 200) -> str:
    """A passage in quotation marks, once: one that already begins with its own is printed as it is
    (“We’re paying ransom…,” Ham said), not as ““We’re paying ransom…” Ham said”."""
    return quote_once(shorten(text, limit))


def quote_once(line: str) -> str:
    """``line`` in quotation marks unless it begins with its own."""
    return line if line[:1] in _OPENING_MARKS else f"“{line}”"


def _load(args: argparse.Namespace, repaired: bool = True):  # noqa: ANN202 (Document; imported lazily)
    from reader.errors import DocumentError, PasswordRequired
    from reader.loaders import load

    try:
        return load(args.path, password=args.password, repaired=repaired)
    except PasswordRequired as exc:
        hint = "" if exc.wrong else " (give it with --password)"
        raise CliError(f"{exc}{hint}") from exc
    except DocumentError as exc:
        raise CliError(str(exc)) from exc


def _store(db_path: Path):  # noqa: ANN202
    from notes_db import NotesDB, StorageError

    try:
        store = NotesDB(db_path)
    except StorageError as exc:
        raise CliError(str(exc)) from exc
    if not store.read_only:
        from notes_db.backup import daily_backup

        daily_backup(db_path)  # once a day, the first time the notes file is used
    return store


def _session(args: argparse.Namespace, db_path: Path):  # noqa: ANN202
    from notes_db import StorageError
    from reader.session import Session

    doc = _load(args)
    store = _store(db_path)
    try:
        session = Session(store, doc, opened=False)  # a script, not a person reading: Last opened stays
        session.import_own_annotations()  # a PDF's own highlights not yet in (first seen here, or added since)
    except StorageError as exc:
        raise CliError(str(exc)) from exc
    return session
