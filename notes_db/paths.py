"""Where the notes database lives.

One function decides, so tests (and people with several libraries) can point
Reader elsewhere: an explicit path wins, then ``READER_DB``, then the user's
data directory.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "READER_DB"
APP_NAME = "Reader"


def default_db_path() -> Path:
    import platformdirs  # small, but only needed here

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "notes.sqlite"


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return default_db_path()


def backups_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def list_backups(db_path: Path) -> list[Path]:
    """This notes file's backups, newest first."""
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob(f"{db_path.stem}-*.sqlite") if p.is_file()]
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name), reverse=True)


def latest_backup(db_path: Path) -> Path | None:
    found = list_backups(db_path)
    return found[0] if found else None


def content_hash(path: str) -> str:
    """SHA-256 of a file's bytes (what a document is known by), read in pieces."""
    import hashlib

    from notes_db.records import StorageError

    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                h.update(chunk)
    except OSError as exc:
        raise StorageError(f"{path} cannot be read ({exc.strerror or exc}).") from exc
    return h.hexdigest()


def file_in_folder(path: str) -> str:
    """"Downloads/paper.pdf": a file's name and its folder's, as copies of one document are told apart (copies
    are often one file name in two folders), in the Library, the Speakers window (its quotes and its people) and
    the command line."""
    folder, file = os.path.split(path)
    parent = os.path.basename(folder)
    return f"{parent}{os.sep}{file}" if parent else file
