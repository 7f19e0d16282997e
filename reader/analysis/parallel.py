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
import select
import signal
import struct
import sys
import tempfile
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


class Helper(Generic[T]):
    """A forked child doing ``work(k)`` for each number ``k`` it takes from ``queue``, each result sent back as
    soon as it is done (``ready``): the caller takes them in while it works, not all at the end.

    Each result is pickled into a memory file both processes share (``os.memfd_create``; a temporary file where
    there is none), and a 20-byte note (the number, where, how long) goes down a pipe: the child never waits for
    the caller to read (a pipe holds 64 KiB; a megabyte's findings are ~1 MB pickled)."""

    NOTE = struct.Struct("<IQQ")

    def __init__(self, work: Callable[[int], T], queue: Queue) -> None:
        parent = os.getpid()
        self.store = _memory_file()
        try:
            r, w = os.pipe()
        except OSError:
            os.close(self.store)
            raise
        try:
            self.pid = os.fork()
        except OSError:
            for fd in (r, w, self.store):
                os.close(fd)
            raise
        if self.pid == 0:  # the child: never returns
            code = 1
            try:
                os.close(r)
                _die_with_parent()
                if os.getppid() != parent:
                    os._exit(1)
                at = 0
                for k in queue:
                    data = pickle.dumps(work(k), protocol=pickle.HIGHEST_PROTOCOL)
                    view = memoryview(data)
                    while view:
                        view = view[os.pwrite(self.store, view, at + len(data) - len(view)):]
                    os.write(w, self.NOTE.pack(k, at, len(data)))
                    at += len(data)
                code = 0
            except BaseException:  # whatever it is, the parent does the parts it did not send again
                code = 1
            finally:
                os._exit(code)
        os.close(w)
        self.fd = r
        os.set_blocking(r, False)
        self._notes = b""
        self.status: int | None = None  # the child's exit status, once it has ended

    def ready(self, wait: bool = False) -> list[tuple[int, T]] | None:
        """The results the helper sent since the last call, as (number, result); with ``wait``, at least one
        unless it has ended. None once it has ended and every result it sent was handed over."""
        if self.fd < 0:
            return None
        ended = False
        while True:
            if wait:
                select.select([self.fd], [], [])
            try:
                data = os.read(self.fd, 4096)
            except BlockingIOError:
                data = None
            if data == b"":
                ended = True
            elif data:
                self._notes += data
            size = self.NOTE.size
            if ended or len(self._notes) >= size or not wait:
                break
        whole = len(self._notes) - len(self._notes) % size
        notes, self._notes = self._notes[:whole], self._notes[whole:]
        out = [(k, self._load(at, n)) for k, at, n in self.NOTE.iter_unpack(notes)]
        if ended:
            self.close()
            if not out:
                return None
        return out

    def _load(self, at: int, n: int) -> T:
        data = os.pread(self.store, n, at)
        while len(data) < n:
            data += os.pread(self.store, n - len(data), at + len(data))
        out: T = pickle.loads(data)
        return out

    def close(self, done: bool = False) -> None:
        """Done with the helper: it is waited for (killed first if it is still working). ``done``: every result
        it had to send is in, and it is ending by itself: not waited for here (its ending takes a few milliseconds,
        the kernel freeing its memory), but later (``reap``), after the work that follows."""
        if self.fd < 0:
            return
        os.close(self.fd)
        os.close(self.store)
        self.fd = -1
        pid, status = os.waitpid(self.pid, os.WNOHANG)
        if pid == 0 and done:
            _ENDING.append(self.pid)
            return
        if pid == 0:  # still working: the caller gave up (an error, or it was cancelled)
            try:
                os.kill(self.pid, signal.SIGKILL)
            except OSError:
                pass
            _, status = os.waitpid(self.pid, 0)
        elif not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
            log.warning("the analysis helper process failed (status %s): analysing its parts here", status)
        self.status = status


_ENDING: list[int] = []  # helpers that had done their work and were ending when their caller went on


def reap() -> None:
    """Wait for the helpers left to end by themselves (``Helper.close(done=True)``): none is left a zombie. One
    that has not ended by now is killed (it had nothing left to do)."""
    while _ENDING:
        pid = _ENDING.pop()
        try:
            if os.waitpid(pid, os.WNOHANG)[0] == 0:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
        except ChildProcessError:
            pass


def _memory_file() -> int:
    try:
        return os.memfd_create("reader-analysis", os.MFD_CLOEXEC)
    except (AttributeError, OSError):
        fd, path = tempfile.mkstemp(prefix="reader-analysis-")
        os.unlink(path)
        return fd


def in_order(n: int, work: Callable[[int, bool], T], first: Callable[[], object] | None = None) -> Iterator[T]:
    """``work(k, here)`` for k in 0..n-1, each taken by whichever of this process (``here`` True) and a forked
    ``Helper`` is free first, yielded in order of k as soon as it and every one before it is done: what the
    caller does with each runs while the helper goes on with the next. ``first``: work this process does before
    it takes one. A part the helper took and did not send back is done here (``here`` False); all of them when
    no helper could be started."""
    reap()
    queue = Queue(n)
    helper: Helper[T] | None = None
    try:
        helper = Helper(lambda k: work(k, False), queue)
    except OSError as exc:
        log.info("no helper process (%s): one process", exc)
    done: dict[int, T] = {}
    nxt = 0
    try:
        if first is not None:
            first()
        for k in queue:
            done[k] = work(k, True)
            if helper is not None:
                done.update(helper.ready() or [])
            while nxt in done:
                yield done.pop(nxt)
                nxt += 1
        queue.close()
        while nxt < n:
            got = helper.ready(wait=True) if helper is not None and nxt not in done else None
            if got is not None:
                done.update(got)
                continue
            yield done.pop(nxt) if nxt in done else work(nxt, False)
            nxt += 1
    finally:
        queue.close()
        if helper is not None:
            helper.close(done=nxt == n)  # (all in: it is ending by itself, waited for by ``reap``)


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
