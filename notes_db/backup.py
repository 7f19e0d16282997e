"""Backups, restore and checks of the notes file.

Backups are made with SQLite's online backup API (a consistent copy even
while the window or a script is writing) into a ``backups`` folder beside the
notes file: one a day, the last :data:`KEEP_DAILY` kept, plus any made on
request with ``reader backup``. Every copy is checked before it replaces
anything, and a restore keeps the current notes file aside first.

No Qt, and no sqlite_utils: this module is cheap to import.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from notes_db.paths import backups_dir as backups_dir  # re-exported: the backup API is here
from notes_db.paths import latest_backup as latest_backup
from notes_db.paths import list_backups as list_backups
from notes_db.records import DamagedError, NotReaderFileError, StorageError

log = logging.getLogger("notes_db.backup")

KEEP_DAILY = 7
_DAILY = re.compile(r"-(\d{4}-\d{2}-\d{2})\.sqlite$")
#: Pages copied per step of the online backup (so a copy can be cancelled).
_STEP_PAGES = 1024


class Cancelled(Exception):
    """A backup stopped on request (the window is closing)."""


def _ro(path: Path) -> sqlite3.Connection:
    from urllib.parse import quote

    return sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True, timeout=10, isolation_level=None)


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _copy(src_path: Path, dest: Path, cancel: threading.Event | None = None) -> None:
    """Online backup of ``src_path`` into a new file ``dest`` (written beside it, then renamed)."""
    tmp = dest.with_name(f"{dest.name}.{os.getpid()}.part")
    tmp.unlink(missing_ok=True)
    # A writable file is read through an ordinary connection, which tidies the
    # -wal/-shm it may open when it closes; a read-only one through mode=ro.
    src = sqlite3.connect(str(src_path), timeout=10, isolation_level=None) if _writable(src_path) else _ro(src_path)
    try:
        out = sqlite3.connect(str(tmp), isolation_level=None)
        try:
            def progress(_status: int, _remaining: int, _total: int) -> None:
                if cancel is not None and cancel.is_set():
                    raise Cancelled
            src.backup(out, pages=_STEP_PAGES, progress=progress)
            out.execute("PRAGMA journal_mode = delete")  # a backup is one self-contained file
            ok = out.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            out.close()
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    if ok != "ok":
        tmp.unlink(missing_ok=True)
        raise DamagedError(f"The copy of {src_path} did not pass its check ({ok}); nothing was replaced.", str(src_path))
    os.replace(tmp, dest)


def backup(db_path: Path, dest: Path | None = None) -> Path:
    """Copy the notes file now; ``dest`` a file or a folder (default: the backups folder)."""
    if not db_path.is_file():
        raise StorageError(f"There is no notes file at {db_path} to back up.")
    if dest is None:
        folder = backups_dir(db_path)
        folder.mkdir(exist_ok=True)
        dest = folder / f"{db_path.stem}-{datetime.now():%Y-%m-%dT%H%M%S}.sqlite"
    elif dest.is_dir():
        dest = dest / f"{db_path.stem}-{datetime.now():%Y-%m-%dT%H%M%S}.sqlite"
    elif dest.exists():
        raise StorageError(f"{dest} already exists; choose a new name.")
    elif not dest.parent.is_dir():
        raise StorageError(f"The folder {dest.parent} does not exist.")
    try:
        _copy(db_path, dest)
    except sqlite3.Error as exc:
        raise StorageError(f"The backup of {db_path} failed: {exc}.") from exc
    log.info("backed up %s to %s", db_path, dest)
    return dest


def _keep_newest(folder: Path, stem: str, kind: re.Pattern[str], keep: int) -> None:
    """Only the newest ``keep`` backups of one kind (daily, session) stay in ``folder``."""
    made = sorted(p for p in folder.glob(f"{stem}-*.sqlite") if kind.search(p.name))
    for old in made[:-keep] if keep > 0 else made:
        old.unlink()
        log.info("dropped old backup %s", old.name)


def daily_backup(db_path: Path, keep: int = KEEP_DAILY, cancel: threading.Event | None = None,
                 damaged: Callable[[DamagedError], object] | None = None) -> Path | None:
    """Today's backup if there is none yet; then only the newest ``keep`` daily ones stay.

    Never raises: a backup that cannot be made is logged (the notes file itself
    is untouched either way), and one whose copy fails its check (the notes file
    is damaged) is also handed to ``damaged``. Returns the new backup, or None.
    """
    try:
        if not db_path.is_file() or db_path.stat().st_size == 0:
            return None
        folder = backups_dir(db_path)
        today = folder / f"{db_path.stem}-{datetime.now():%Y-%m-%d}.sqlite"
        if today.exists():
            return None
        folder.mkdir(exist_ok=True)
        _copy(db_path, today, cancel)
        _keep_newest(folder, db_path.stem, _DAILY, keep)
        log.info("daily backup %s", today)
        return today
    except Cancelled:
        log.info("daily backup cancelled")
    except DamagedError as exc:
        log.warning("daily backup of %s: %s", db_path, exc)
        if damaged is not None:
            damaged(exc)
    except (OSError, sqlite3.Error, StorageError) as exc:
        log.info("daily backup of %s failed: %s", db_path, exc)
    return None


#: Backups made when a window closes after notes changed, kept besides the daily ones.
KEEP_SESSION = 5
#: Set (to anything) to make no session backups: a test suite's hundreds of windows.
NO_SESSION_BACKUP = "READER_NO_SESSION_BACKUP"
_SESSION = re.compile(r"-session-\d{4}-\d{2}-\d{2}T\d{6}\.sqlite$")


def session_backup(db_path: Path, keep: int = KEEP_SESSION) -> Path | None:
    """A backup now (a window closed after notes changed), then only the newest ``keep`` of these stay.

    Never raises (logged); a copy that does not pass its check replaces nothing, so a damaged
    file never pushes a good backup out of the rotation. Returns the new backup, or None.
    """
    try:
        if not db_path.is_file() or db_path.stat().st_size == 0:
            return None
        folder = backups_dir(db_path)
        folder.mkdir(exist_ok=True)
        dest = folder / f"{db_path.stem}-session-{datetime.now():%Y-%m-%dT%H%M%S}.sqlite"
        _copy(db_path, dest)
        _keep_newest(folder, db_path.stem, _SESSION, keep)
        log.info("session backup %s", dest)
        return dest
    except (OSError, sqlite3.Error, StorageError) as exc:
        log.info("session backup of %s failed: %s", db_path, exc)
    return None


def start_session_backup(db_path: Path) -> None:
    """:func:`session_backup` in a process of its own, so a closing window does not wait for it."""
    import subprocess
    import sys

    if os.environ.get(NO_SESSION_BACKUP):
        return
    _started[:] = [p for p in _started if p.poll() is None]  # reaps those that ended
    try:
        _started.append(subprocess.Popen([sys.executable, "-m", "notes_db.backup", "--session", str(db_path)],
                                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                         stderr=subprocess.DEVNULL, start_new_session=True, close_fds=True))
    except OSError as exc:
        log.info("session backup not started: %s", exc)


_started: list[Any] = []  # session backups running (kept so that none is reported as "still running")


@dataclass
class Contents:
    """What a notes file holds, as far as it can be read: for choosing a backup to restore."""

    documents: int | None
    highlights: int | None
    newest: str  # the latest time a highlight was made or changed ("" if unknown)


def contents(path: Path) -> Contents:
    """Count what ``path`` holds (read-only; a damaged file answers what it can, None for the rest)."""
    counts: list[int | None] = [None, None]
    newest = ""
    try:
        conn = _ro(path)
    except sqlite3.Error:
        return Contents(None, None, "")
    try:
        for i, table in enumerate(("documents", "highlights")):
            try:
                counts[i] = int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            except sqlite3.Error:
                pass
        try:
            newest = str(conn.execute("SELECT max(updated) FROM highlights").fetchone()[0] or "")
        except sqlite3.Error:
            pass
    finally:
        conn.close()
    return Contents(counts[0], counts[1], newest)


def newest_good_backup(db_path: Path) -> Path | None:
    """The newest backup that passes :func:`verify_notes_file` (a damaged or foreign one is skipped)."""
    for candidate in list_backups(db_path):
        try:
            verify_notes_file(candidate)
        except StorageError as exc:
            log.info("backup %s skipped: %s", candidate.name, exc)
            continue
        return candidate
    return None


def verify_notes_file(path: Path) -> None:
    """Raise unless ``path`` is a sound Reader notes file this Reader can open."""
    from notes_db.store import APPLICATION_ID, SCHEMA_VERSION, _classify

    if not path.is_file():
        raise StorageError(f"{path} is not a file.")
    with path.open("rb") as f:
        if f.read(16) != b"SQLite format 3\x00":
            raise NotReaderFileError(f"{path} is not a Reader notes file (not a SQLite database).")
    try:
        conn = _ro(path)
        try:
            kind = _classify(conn)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise DamagedError(f"{path} is damaged ({exc}).", str(path)) from exc
    if kind != "reader" or (app_id not in (0, APPLICATION_ID)):
        raise NotReaderFileError(f"{path} is not a Reader notes file; nothing was restored.")
    if version > SCHEMA_VERSION:
        raise StorageError(f"{path} was written by a newer Reader; update Reader to restore it.")
    if ok != "ok":
        raise DamagedError(f"{path} is damaged ({ok}); nothing was restored.", str(path))


def restore(db_path: Path, source: Path) -> Path | None:
    """Replace the notes file with ``source`` (a checked Reader notes file).

    The current file is first kept aside (``NAME.before-restore-STAMP.sqlite``
    beside it), and that path is returned (None if there was no current file).
    A sound current file is copied aside and overwritten with the online backup
    API, so a window that has it open sees the restored notes; a damaged one is
    moved aside whole.
    """
    source = source.resolve()
    verify_notes_file(source)
    if source == db_path.resolve():
        raise StorageError("That is the notes file itself; choose a backup.")
    aside: Path | None = None
    stamp = f"{datetime.now():%Y-%m-%dT%H%M%S}"
    if db_path.exists():
        aside = db_path.with_name(f"{db_path.stem}.before-restore-{stamp}.sqlite")
        try:
            _copy(db_path, aside)
            _into_live(source, db_path)
            return aside
        except (sqlite3.Error, DamagedError) as exc:
            log.info("current notes file is not sound (%s): moving it aside whole", exc)
            aside.unlink(missing_ok=True)
        os.replace(db_path, aside)
        for suffix in ("-wal", "-shm"):
            side = db_path.with_name(db_path.name + suffix)
            if side.exists():
                os.replace(side, aside.with_name(aside.name + suffix))
    shutil.copyfile(source, db_path)
    return aside


def _into_live(source: Path, db_path: Path) -> None:
    src = _ro(source)
    try:
        dst = sqlite3.connect(str(db_path), timeout=10, isolation_level=None)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


@dataclass
class Finding:
    problem: str
    fix: str


def check(db_path: Path) -> list[Finding]:
    """Integrity of the file and of both search indexes; each problem with the fix to try."""
    from notes_db.paths import resolve_db_path
    from notes_db.store import NotesDB

    latest = latest_backup(db_path)
    restore_fix = (f"restore the latest backup: reader restore {latest}" if latest
                   else f"copy what can be read with: sqlite3 {db_path} '.recover' | sqlite3 NEW.sqlite")
    try:
        store = NotesDB(db_path, create_folder=False)
    except DamagedError:
        # what to do instead (the message every other command gives says to run this very command)
        try:
            with db_path.open("rb") as f:
                sqlite = f.read(16) == b"SQLite format 3\x00"
        except OSError:
            sqlite = False
        if sqlite:
            return [Finding(f"{db_path} cannot be read as a database.", restore_fix)]
        own = resolve_db_path(None)
        fix = (f"give --db the notes file (Reader's own is {own})" if own.resolve() != db_path.resolve()
               else f"move {db_path} aside: Reader then starts a new notes file there")
        fix += f", or restore the latest backup: reader restore {latest}" if latest else ""
        return [Finding(f"{db_path} is not a notes file: it is not an SQLite database.", fix)]
    found: list[Finding] = []
    try:
        rows = [r[0] for r in store.db.execute("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            found.append(Finding(f"The database is damaged: {'; '.join(rows[:3])}", restore_fix))
        for table in ("highlights_fts", "highlights_stem", "findings_speakers"):
            try:
                store.db.execute(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)")
            except sqlite3.Error as exc:
                found.append(Finding(f"The search index {table} does not match the notes ({exc}).",
                                     "rebuild it with: reader reindex"))
    except sqlite3.Error as exc:
        found.append(Finding(f"The database is damaged: {exc}", restore_fix))
    finally:
        store.close()
    return found


if __name__ == "__main__":  # python -m notes_db.backup --session NOTES_FILE (see start_session_backup)
    import sys

    if len(sys.argv) == 3 and sys.argv[1] == "--session":
        sys.exit(0 if session_backup(Path(sys.argv[2])) is not None else 1)
    sys.stderr.write("usage: python -m notes_db.backup --session NOTES_FILE\n")
    sys.exit(2)
