"""Locks on the notes file that other code in this process cannot drop.

SQLite coordinates the window, ``reader`` on the command line and scripts with
POSIX record locks (fcntl) on the notes file and its ``-shm``: a SHARED lock on
the file for as long as a connection is open, a "DMS" lock on the -shm that
says the shared index is in use, and short locks for each transaction. POSIX
drops *every* such lock a process holds on a file when the process closes
*any* descriptor of that file, and SQLite only knows about its own
descriptors. A file dialog showing the notes file's folder does exactly that:
Qt (and GTK) read the first bytes of ``notes.sqlite``, ``notes.sqlite-wal``
and ``notes.sqlite-shm`` to pick their icons, then close them. From then on the
window holds no lock, so the next ``reader`` command to finish believes it is
the last user of the file: it checkpoints, deletes the -wal and -shm the
window still writes to, and the window and later commands write two diverging
histories into one file. Checkpointed together they reference the same pages
twice (the damaged file of issue s5/integrity: highlights and the findings
table sharing page 613, the stem index and findings page 629).

The guard holds the same two long-lived locks, as *open file description*
locks (``F_OFD_SETLK``, Linux 3.15+): they belong to the guard's own
descriptor, survive any other close in the process, and conflict with the
POSIX locks of every other process exactly as SQLite's own do. While a notes
file is open in this process, no other process can take it for its own.

The guard's descriptors are never closed while SQLite may hold the file in
this process (closing one would drop SQLite's locks too): only once the last
connection has gone and the -shm it guarded has been deleted with it.
No Qt.
"""

from __future__ import annotations

import atexit
import fcntl
import logging
import os
import struct
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("notes_db.guard")

#: SQLite's unix VFS: the SHARED lock is a read lock on these bytes of the database file
#: (PENDING_BYTE 0x40000000, RESERVED_BYTE +1, SHARED_FIRST +2, SHARED_SIZE 510).
SHARED_FIRST = 0x40000000 + 2
SHARED_SIZE = 510
#: ... and "the shared index is in use" a read lock on this byte of the -shm ((22 + 8) * 4 + 8).
SHM_DMS = 128

_OFD = getattr(fcntl, "F_OFD_SETLK", None)
SUPPORTED = sys.platform.startswith("linux") and _OFD is not None


def _flock(kind: int, start: int, length: int) -> bytes:
    # struct flock on Linux: short l_type, short l_whence, off_t l_start, off_t l_len, pid_t l_pid (0 for OFD)
    return struct.pack("hhqqi4x", kind, os.SEEK_SET, start, length, 0)


def _lock(fd: int, start: int, length: int) -> bool:
    try:
        fcntl.fcntl(fd, _OFD, _flock(fcntl.F_RDLCK, start, length))  # type: ignore[arg-type]
        return True
    except OSError as exc:  # another process holds the file exclusively this instant (migrating, say)
        log.info("notes file guard not taken: %s", exc)
        return False


def _unlock(fd: int, start: int, length: int) -> None:
    try:
        fcntl.fcntl(fd, _OFD, _flock(fcntl.F_UNLCK, start, length))  # type: ignore[arg-type]
    except OSError as exc:
        log.info("notes file guard not released: %s", exc)


@dataclass
class _Held:
    db_fd: int
    shm_fd: int | None
    users: int = 0


_lock_table = threading.Lock()
_held: dict[tuple[int, int], _Held] = {}  # (st_dev, st_ino) of the notes file -> its guard
_idle: list[_Held] = []  # released guards whose descriptors may still be shared with SQLite


def acquire(path: Path) -> tuple[int, int] | None:
    """Hold the notes file (and its -shm) for this process; the key to :func:`release`, or None."""
    if not SUPPORTED:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    key = (st.st_dev, st.st_ino)
    with _lock_table:
        held = _held.get(key)
        if held is not None:
            held.users += 1
            return key
        try:
            db_fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
        except OSError as exc:
            log.info("notes file guard not taken: %s", exc)
            return None
        if os.fstat(db_fd).st_ino != st.st_ino:  # replaced this instant: guard what is there now
            st = os.fstat(db_fd)
            key = (st.st_dev, st.st_ino)
        shm_fd: int | None = None
        shm = path.with_name(path.name + "-shm")
        try:
            shm_fd = os.open(shm, os.O_RDONLY | os.O_CLOEXEC)
        except OSError:
            shm_fd = None  # not in WAL mode (yet): the file's own lock is what matters most
        if not _lock(db_fd, SHARED_FIRST, SHARED_SIZE):
            _idle.append(_Held(db_fd, shm_fd))
            return None
        if shm_fd is not None:
            _lock(shm_fd, SHM_DMS, 1)
        _held[key] = _Held(db_fd, shm_fd, 1)
    return key


def release_locks(key: tuple[int, int] | None) -> None:
    """One user less; the last one's locks are released (the descriptors stay until :func:`tidy`)."""
    if key is None:
        return
    with _lock_table:
        held = _held.get(key)
        if held is None:
            return
        held.users -= 1
        if held.users > 0:
            return
        del _held[key]
        _unlock(held.db_fd, SHARED_FIRST, SHARED_SIZE)
        if held.shm_fd is not None:
            _unlock(held.shm_fd, SHM_DMS, 1)
        _idle.append(held)


def tidy() -> None:
    """Close the released guards' descriptors that no SQLite connection of this process can share:
    those whose -shm is gone (SQLite deletes it when the last connection to the file closes)."""
    with _lock_table:
        keep: list[_Held] = []
        for held in _idle:
            try:
                gone = held.shm_fd is not None and os.fstat(held.shm_fd).st_nlink == 0
                if held.shm_fd is None:
                    gone = os.fstat(held.db_fd).st_ino not in {k[1] for k in _held} and _no_shm_beside(held.db_fd)
            except OSError:
                gone = True
            if gone:
                for fd in (held.db_fd, held.shm_fd):
                    if fd is not None:
                        try:
                            os.close(fd)
                        except OSError:
                            pass
            else:
                keep.append(held)
        _idle[:] = keep


def _no_shm_beside(db_fd: int) -> bool:
    """Whether the file behind ``db_fd`` has no -shm beside it (nothing of SQLite's in use)."""
    try:
        target = os.readlink(f"/proc/self/fd/{db_fd}")
    except OSError:
        return False
    if target.endswith(" (deleted)"):
        return True
    return not os.path.exists(target + "-shm")


@atexit.register
def _release_all() -> None:
    """At exit, before Python finalises connections nobody closed (a command's store): without the
    guard's locks the last of them checkpoints and removes the -wal and -shm, as without a guard."""
    with _lock_table:
        for held in _held.values():
            _unlock(held.db_fd, SHARED_FIRST, SHARED_SIZE)
            if held.shm_fd is not None:
                _unlock(held.shm_fd, SHM_DMS, 1)
        _held.clear()


def open_descriptors() -> int:
    """How many guard descriptors this process has open (for tests)."""
    with _lock_table:
        return sum(1 + (h.shm_fd is not None) for h in [*_held.values(), *_idle])
