"""Work done in a process of its own: the child's side (Qt-free).

Claims and quotes on a 3 MB book take seconds of pure Python; in a thread they
would share the interpreter lock with the window and make every key press
wait, and a thread cannot be stopped when the person quits. A child process
runs truly alongside and is simply killed.
"""

from __future__ import annotations

import importlib
import logging
from multiprocessing.connection import Connection
from typing import Any

log = logging.getLogger("reader.workers")


def call(target: str, *args: Any) -> Any:
    """Call ``"package.module:function"`` with ``args``."""
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)(*args)


def child_main(conn: Connection, target: str, args: tuple[Any, ...]) -> None:
    """The child process: run the target, send back (True, result) or (False, exception)."""
    try:
        result = call(target, *args)
    except Exception as exc:
        log.debug("worker %s failed: %r", target, exc)
        conn.send((False, exc))
    else:
        conn.send((True, result))
    finally:
        conn.close()
