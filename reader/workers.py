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


def child_main(conn: Connection, target: str, args: tuple[Any, ...]) -> None:
    """The child process: run the target, send back (True, result) or (False, exception)."""
    _die_with_parent()
    try:
        result = call(target, *args)
    except Exception as exc:
        log.debug("worker %s failed: %r", target, exc)
        conn.send((False, exc))
    else:
        conn.send((True, result))
    finally:
        conn.close()
