"""Every message a person sees goes one way: logged, then emitted.

The banner and the status bar listen to :data:`bus`; tests listen too (the
``messages`` fixture). Two kinds of failure, told apart as qutebrowser does:

- the world's fault (a damaged file, a full disk: ``DocumentError``,
  ``StorageError``, ``ValueError`` from bad input) becomes a sentence with
  :func:`error` and the person carries on;
- ours (anything else) is a bug: :func:`bug` logs the traceback and opens a
  crash dialog whose details can be copied into a report.

MessageBus signals:
    shown(str, str): level ("status", "info", "warning", "error"), text.
    bugReported(str, str): summary, the traceback.
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

log = logging.getLogger("reader.messages")

#: "status" is a passing hint (the status bar only); the others show in the banner too.
LEVELS = ("status", "info", "warning", "error")


class MessageBus(QObject):
    shown = Signal(str, str)
    bugReported = Signal(str, str)

    def __init__(self) -> None:
        super().__init__()
        #: The window crash dialogs belong to (set by the window).
        self.dialog_parent: QWidget | None = None
        self.dialogs = True

    def show(self, level: str, text: str) -> None:
        if level not in LEVELS:
            raise ValueError(f"unknown message level {level!r}")
        {"status": log.debug, "info": log.info, "warning": log.warning, "error": log.error}[level]("%s", text)
        self.shown.emit(level, text)

    def bug(self, exc: BaseException, doing: str) -> None:
        details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        log.error("bug while %s:\n%s", doing, details)
        summary = f"Something went wrong while {doing} (a bug in Reader, not something you did)."
        self.shown.emit("error", summary)
        self.bugReported.emit(summary, details)
        if self.dialogs and QApplication.instance() is not None:
            box = QMessageBox(QMessageBox.Icon.Critical, "Reader: internal error",
                              summary + "\n\nYour notes are saved. The details below help fix it.",
                              QMessageBox.StandardButton.Close, self.dialog_parent)
            box.setDetailedText(details)
            box.finished.connect(box.deleteLater)
            box.open()


bus = MessageBus()


def status(text: str) -> None:
    bus.show("status", text)


def info(text: str) -> None:
    bus.show("info", text)


def warning(text: str) -> None:
    bus.show("warning", text)


def error(text: str) -> None:
    bus.show("error", text)


def bug(exc: BaseException, doing: str) -> None:
    bus.bug(exc, doing)


def install_excepthook() -> None:
    """An exception nobody caught (in a slot, say) is a bug: shown, not swallowed."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        exc.__traceback__ = tb
        bug(exc, "handling that")

    sys.excepthook = hook
