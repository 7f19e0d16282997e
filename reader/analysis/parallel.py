"""A long text's analysis on two cores: half of its blocks in a forked process.

Claims and quotes are found block by block (``analysis._analyse_blocks``), each
block on its own, so the blocks can be cut in two at a block boundary, the
second half analysed in a child process and the halves laid end to end: the
same findings in the same order as in one process. Only what needs the whole
text (transcript turns before, speakers after) runs once, in the caller.

The child is made with ``os.fork`` (the models are loaded already, nothing to
pickle but the findings coming back), and only where that is safe and pays:
on Linux, in a process that runs one thread (never the GUI's: the analysis runs
in a child process of its own, Qt-free), with a second core to run on, for a text
long enough that the fork costs little beside the work. The child is killed with
its parent (the window quitting kills the analysis process, and so its helper).
Whatever goes wrong in the child, the caller analyses that half itself.
"""

from __future__ import annotations

import logging
import os
import pickle
import sys
from collections.abc import Callable
from typing import Generic, TypeVar

log = logging.getLogger("reader.analysis.parallel")

T = TypeVar("T")

MIN_CHARS = 150_000  # below this, one process (a fork and the findings' trip back cost a few milliseconds)


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _threads() -> int:
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return 0  # unknown: do not fork


def can_fork(chars: int) -> bool:
    """Whether a text of ``chars`` characters is analysed in two processes."""
    return (chars >= MIN_CHARS and sys.platform.startswith("linux") and hasattr(os, "fork")
            and cores() >= 2 and _threads() == 1)


def _die_with_parent() -> None:
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL
    except (OSError, AttributeError):
        pass


class Forked(Generic[T]):
    """``work()`` running in a forked child; ``result()`` is what it returned, or None when it failed."""

    def __init__(self, work: Callable[[], T]) -> None:
        parent = os.getpid()
        r, w = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: never returns
            code = 1
            try:
                os.close(r)
                _die_with_parent()
                if os.getppid() != parent:
                    os._exit(1)
                data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(w, "wb") as fh:
                    fh.write(data)
                code = 0
            except BaseException:  # whatever it is, the parent does the work again
                code = 1
            finally:
                os._exit(code)
        os.close(w)
        self.fd = r

    def result(self) -> T | None:
        try:
            with os.fdopen(self.fd, "rb") as fh:
                data = fh.read()
        finally:
            _, status = os.waitpid(self.pid, 0)
        if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0 or not data:
            log.warning("the analysis helper process failed (status %s): analysing its part here", status)
            return None
        out: T = pickle.loads(data)
        return out


# The caller's share of the blocks: after its part it names the speakers of the whole text (11% of the work
# on War and Peace's first megabyte) and reads the helper's findings, so it takes less than half.
SHARE = 0.44


def split(sizes: list[int], share: float = SHARE) -> int:
    """The block index that cuts ``sizes`` (characters per block) where the first part holds ``share`` of
    the characters; len(sizes) when no cut leaves something on both sides."""
    total = sum(sizes)
    acc = 0
    for i, n in enumerate(sizes):
        if acc >= total * share and i > 0:
            return i
        acc += n
    return len(sizes)
