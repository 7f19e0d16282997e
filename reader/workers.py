"""Work done in a process of its own: the child's side (Qt-free).

Claims and quotes on a 3 MB book take seconds of pure Python; in a thread they
would share the interpreter lock with the window and make every key press
wait, and a thread cannot be stopped when the person quits. A child process
runs truly alongside and is simply killed.
"""

from __future__ import annotations

import importlib
import logging
import os
import signal
import sys
from multiprocessing.connection import Connection
from typing import Any

log = logging.getLogger("reader.workers")


def call(target: str, *args: Any) -> Any:
    """Call ``"package.module:function"`` with ``args``."""
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)(*args)


def analysis_args(doc: Any) -> tuple[Any, ...]:
    """What the claims analysis needs of a Document (its text and its blocks' kinds and
    places), in a form that pickles in milliseconds: the whole Document (its original
    text, offset maps, spans) takes a fifth of a second on a long book, holding the
    interpreter lock the window needs."""
    return (str(doc.path), doc.kind, doc.title, doc.fingerprint, doc.text,
            [(b.kind, b.start, len(b.text), b.level) for b in doc.blocks])


def analyse_text(path: str, kind: str, title: str, fingerprint: str, text: str,
                 table: list[tuple[str, int, int, int]]) -> Any:
    """The child's side of :func:`analysis_args`: the Document rebuilt, then analysed."""
    from pathlib import Path

    from reader.analysis import PROGRESS_EVERY, analyse
    from reader.analysis_cache import cached
    from reader.document import Block, Document

    def reached(n: int, total: int) -> None:
        # block n of total reached, in this process or its helper on the other core: sent as the stretch of
        # PROGRESS_EVERY blocks it starts, of all stretches; the parent counts the stretches it was told of
        # (each once, whichever process sends it), so how far both processes are together shows as one figure
        report_progress(n // PROGRESS_EVERY, -(-total // PROGRESS_EVERY))

    def make() -> Any:
        blocks = [Block(k, text[start:start + n], start, level) for k, start, n, level in table]
        return analyse(Document(path=Path(path), kind=kind, title=title, blocks=blocks, fingerprint=fingerprint,
                                text=text), progress=reached)

    return cached((path, kind, title, fingerprint, text, table), make)


def _die_with_parent() -> None:
    """On Linux, be killed when the thread that started this process ends (the
    window quit while the work was being handed over): no orphan left computing."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    import multiprocessing

    parent = multiprocessing.parent_process()
    if parent is not None and os.getppid() != parent.pid:  # the parent was gone already
        os._exit(0)


#: The child's end of the pipe to its parent, for :func:`report_progress`. A process the child forks (the
#: analysis' helper on the other core) inherits it and reports through it too: a message is a few dozen bytes,
#: written to the pipe in one write, which no other process's write can cut into.
_conn: Connection | None = None


def report_progress(done: int, total: int) -> None:
    """In a child (or its helper): tell the parent how far the work is (sent as ("progress", done, total);
    ProcessTask emits its progress signal)."""
    if _conn is None:
        return
    try:
        _conn.send(("progress", done, total))
    except (OSError, ValueError):  # the parent stopped listening: the work is being dropped
        pass


#: How much lower the scheduler ranks background work than the window (Unix niceness): with the
#: analysis of a long book on both cores, a key press or a note saved still gets a core at once.
NICENESS = 10


def _yield_to_the_window(niceness: int = NICENESS) -> None:
    if niceness <= 0:
        return
    try:
        os.nice(niceness)
    except (AttributeError, OSError):  # not on this system, or not allowed: full priority
        pass


def child_main(conn: Connection, target: str, args: tuple[Any, ...], niceness: int = NICENESS) -> None:
    """The child process: run the target, send back (True, result) or (False, exception);
    before that, any number of ("progress", done, total) from :func:`report_progress`.
    ``niceness``: how much lower than the window it runs (0: as high, for a short piece of work
    a person is waiting for)."""
    global _conn
    _die_with_parent()
    _conn = conn
    _yield_to_the_window(niceness)  # its helpers (reader/analysis/parallel.py forks) inherit it
    try:
        result = call(target, *args)
    except Exception as exc:
        log.debug("worker %s failed: %r", target, exc)
        conn.send((False, exc))
    else:
        conn.send((True, result))
    finally:
        conn.close()
