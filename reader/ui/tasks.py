"""Run slow work (opening a big file, analysing) off the GUI thread, cancellably.

A Task runs its function on a daemon thread and hands the result back to the
GUI thread through queued signals. :meth:`Task.cancel` makes the function's
next ``progress()`` call raise :class:`Cancelled`; a function that does not
call it for a long time is simply abandoned: a daemon thread never holds up
quitting, and there is no QThread to be destroyed while it runs.

Task signals:
    progress(int, int): done, total.
    succeeded(object): the function's result.
    failed(object): the exception it raised (not emitted when cancelled).
    finished(): the function returned, raised or was cancelled.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger("reader.tasks")

ProgressFn = Callable[[int, int], None]
#: Quitting waits at most this long for a child process to be sent its arguments (a busy machine is slow to start one).
LAUNCH_WAIT_S = 3.0


class Cancelled(Exception):
    """Raised inside a task's function when the task was cancelled."""


class Task(QObject):
    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, fn: Callable[[ProgressFn], Any], parent: QObject | None = None, name: str = "task") -> None:
        super().__init__(parent)
        self._fn = fn
        self.name = name
        self._cancel = threading.Event()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"reader-{name}", daemon=True)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    def is_running(self) -> bool:
        return self._thread.is_alive() and not self._done.is_set()

    def wait(self, seconds: float) -> bool:
        """Wait at most ``seconds`` for the function to stop; True if it did."""
        return self._done.wait(seconds) if self._thread.is_alive() or self._done.is_set() else True

    def _progress(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise Cancelled
        self._emit(self.progress, done, total)
        # Background work shares one interpreter with the window and the page
        # renderer: let them have it now and then (a sleep releases the GIL).
        time.sleep(0.0005)

    def _emit(self, signal: Any, *args: object) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the application is gone (quit while this ran): nobody to tell
            log.debug("%s finished after the window closed", self.name)

    def _run(self) -> None:
        try:
            result = self._fn(self._progress)
        except Cancelled:
            log.debug("%s cancelled", self.name)
        except Exception as exc:  # handed to the GUI thread, which decides what the user sees
            log.debug("%s failed: %r", self.name, exc)
            if not self._cancel.is_set():
                self._emit(self.failed, exc)
        else:
            if not self._cancel.is_set():
                self._emit(self.succeeded, result)
        finally:
            self._done.set()
            self._emit(self.finished)


class ProcessTask(QObject):
    """Run ``"package.module:function"`` with picklable ``args`` in a child process
    (reader/workers.py) and hand the result back on the GUI thread. :meth:`cancel`
    kills the child at once.

    Signals: progress(int, int), succeeded(object), failed(object), finished(), as for :class:`Task`
    (progress: what the child sends with reader.workers.report_progress).
    """

    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, target: str, args: tuple[Any, ...], name: str = "worker", niceness: int | None = None) -> None:
        super().__init__()
        self.target, self.args, self.name = target, args, name
        self.niceness = niceness  # None: reader.workers.NICENESS below the window
        self._cancel = threading.Event()
        self._done = threading.Event()
        self._proc: Any = None
        self._launch_over = threading.Event()  # the child has its arguments (or was never started)
        self._thread = threading.Thread(target=self._wait, name=f"reader-{name}-wait", daemon=True)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def start(self) -> None:
        """Start the child from a thread of its own: starting one sends it the
        pickled arguments and waits until the new interpreter has read them
        (a third of a second for a long book), time the window must not wait."""
        self._thread.start()

    def _launch(self) -> bool:
        import multiprocessing

        from reader.workers import NICENESS, child_main

        ctx = multiprocessing.get_context("spawn")  # never fork a process that runs Qt threads
        self._conn, child = ctx.Pipe(duplex=False)
        niceness = NICENESS if self.niceness is None else self.niceness
        proc = ctx.Process(target=child_main, args=(child, self.target, self.args, niceness),
                           name=f"reader-{self.name}", daemon=True)
        if self._cancel.is_set():
            child.close()
            return False
        self._proc = proc
        proc.start()
        child.close()
        if self._cancel.is_set():  # cancelled while it started
            proc.kill()
        return True

    def cancel(self) -> None:
        self._cancel.set()
        proc = self._proc
        if proc is not None and proc.is_alive():  # not alive yet: the launching thread kills it
            proc.kill()

    def is_running(self) -> bool:
        return self._thread.is_alive() and not self._done.is_set()

    @property
    def pid(self) -> int | None:
        """The child's process id once it is started."""
        proc = self._proc
        return None if proc is None else proc.pid

    def wait(self, seconds: float) -> bool:
        if self._thread.is_alive():
            # A child still being sent its arguments would find them cut short if this process ended now,
            # and print a traceback: let the sending finish (the child is then killed, if cancelled).
            self._launch_over.wait(LAUNCH_WAIT_S)
        return self._done.wait(seconds) if self._thread.is_alive() or self._done.is_set() else True

    def _emit(self, signal: Any, *args: object) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:
            log.debug("%s finished after the window closed", self.name)

    def _wait(self) -> None:
        try:
            launched = self._launch()
        except Exception as exc:  # no process could be started (no memory, no file handles)
            self._launch_over.set()
            self._done.set()
            if not self._cancel.is_set():
                self._emit(self.failed, exc)
            self._emit(self.finished)
            return
        self._launch_over.set()
        if not launched:
            self._done.set()
            self._emit(self.finished)
            return
        try:
            while True:
                message = self._conn.recv()
                if message[0] == "progress":  # reader.workers.report_progress
                    if not self._cancel.is_set():
                        self._emit(self.progress, message[1], message[2])
                    continue
                ok, payload = message
                break
        except (EOFError, OSError) as exc:  # killed, or died
            ok, payload = False, RuntimeError(f"the {self.name} process stopped ({exc!r})")
        finally:
            self._conn.close()
        if self._proc is not None:
            self._proc.join(1)
        self._done.set()
        if not self._cancel.is_set():
            self._emit(self.succeeded if ok else self.failed, payload)
        self._emit(self.finished)


def single_shot(parent: QObject, slot: Callable[[], None], interval: int = 0) -> QTimer:
    """A one-shot timer owned by ``parent`` (flashes fading, scrolling settling)."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(interval)
    timer.timeout.connect(slot)
    return timer
