"""A long text's analysis on two cores: its parts shared with a forked process.

Claims and quotes are found block by block (``analysis._analyse_blocks``), each
block on its own, so the blocks can be cut into parts of ~32,000 characters at
block boundaries, each part analysed by whichever of the caller and a child
process is free first (``Queue``), and the parts laid end to end in order: the
same findings in the same order as in one process. Taking parts in turn keeps
both processes busy to the end whatever each part costs (a fixed cut in two
left one waiting for the other: dialogue costs more per character than
narration). Only what needs the whole text (transcript turns before, speakers
after) runs once, in the caller.

The child is made with ``os.fork`` (the models are loaded already, nothing to
pickle but the findings coming back), and only where that is safe and pays:
on Linux, in a process that runs one thread (never the GUI's: the analysis runs
in a child process of its own, Qt-free), with a second core to run on, for a text
long enough that the fork costs little beside the work. The child is killed with
its parent (the window quitting kills the analysis process, and so its helper).
Whatever goes wrong in the child, the caller analyses the parts it took itself.
"""

from __future__ import annotations

import logging
import os
import pickle
import struct
import sys
from collections.abc import Callable, Iterator
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


PART_CHARS = 32_000  # the least part of the text taken at a time, before the last ones
GUIDED = 4  # a part is at least the text left over this many: large parts first (the CRF and the linear models run
# over a part's paragraphs at once, and a numpy step over 1,000 paragraphs costs about what one over 100 does:
# War and Peace's first megabyte in 36 parts of 32,000 characters cost 0.1-0.2 s more CPU than in one), smaller ones
# as the text runs out (each part at most a quarter of what is left: neither process is left with much to do alone)
TAIL = 4  # the last two parts' worth of text is cut in parts this many times smaller


def parts(sizes: list[int], chars: int = PART_CHARS) -> list[tuple[int, int]]:
    """The blocks cut into runs (lo, hi), in order (``sizes``: each block's characters): each run of at least a
    ``GUIDED``th of the characters left and at least ``chars``; the last ``2 * chars`` characters in parts ``TAIL``
    times smaller than ``chars``: the process that finds no part left waits for the other to finish the part it
    has, half a part on average, and a small part is soon done."""
    out: list[tuple[int, int]] = []
    left = sum(sizes)

    def least(left: int) -> int:
        return max(chars, left // GUIDED) if left > 2 * chars else max(1, chars // TAIL)

    lo = acc = 0
    want = least(left)
    for i, n in enumerate(sizes):
        acc += n
        if acc >= want:
            out.append((lo, i + 1))
            left -= acc
            lo, acc = i + 1, 0
            want = least(left)
    if lo < len(sizes):
        if out and acc < want // 2:
            out[-1] = (out[-1][0], len(sizes))  # a short tail joins the part before
        else:
            out.append((lo, len(sizes)))
    return out


class Queue:
    """The numbers 0..n-1 handed out to this process and its forked helpers, each number to one of them,
    in order: a pipe holding them all, from which each process reads the next (a read of 4 bytes from a
    pipe is never split between readers). Iterate to take numbers until none is left."""

    MAX = 16_384  # what a pipe holds (64 KiB) before its writer would wait

    def __init__(self, n: int) -> None:
        if not 0 <= n <= self.MAX:
            raise ValueError(f"a queue of {n} numbers")
        r, w = os.pipe()
        try:
            os.write(w, struct.pack(f"<{n}I", *range(n)))
        finally:
            os.close(w)
        self.fd = r

    def __iter__(self) -> Iterator[int]:
        while self.fd >= 0:
            data = os.read(self.fd, 4)
            if len(data) < 4:
                return
            yield struct.unpack("<I", data)[0]

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1
