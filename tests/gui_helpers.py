"""What a person does with the mouse, for the GUI tests."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from reader.ui.main_window import MainWindow
from reader.ui.reading_view import ReadingView


def shown_window(qtbot, db_path: Path) -> MainWindow:
    """A main window on the notes file ``db_path``, shown at 1200x800 and exposed, nothing opened in it."""
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    qtbot.waitExposed(w)
    return w


def visible_message_box() -> QMessageBox | None:
    """The message box on screen, if any."""
    return next((b for b in QApplication.topLevelWidgets() if isinstance(b, QMessageBox) and b.isVisible()), None)


def point_at(view: ReadingView, offset: int) -> QPoint:
    """Where on screen the character at ``offset`` (code points, as in
    ``Document.text``) starts, scrolling it into view."""
    c = view.cursor_at(offset)
    r = view.cursorRect(c)
    laid_out = c.block().layout() is not None and c.block().layout().lineCount() > 0  # long texts are laid out lazily
    if not laid_out or not view.viewport().rect().contains(r.center()):
        view.scroll_to(offset)
        r = view.cursorRect(c)
    return QPoint(r.left() + 1, r.center().y())


def select_text(qtbot, view: ReadingView, start: int, end: int) -> None:
    """Click at the start of a passage, shift-click at its end: a person's selection."""
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point_at(view, start))
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, pos=point_at(view, end)
    )


def analysed(qtbot, w: MainWindow, timeout: int = 60000) -> None:
    """The open document's claims and quotes found, and written to the notes file (off the GUI thread, after
    the panel lists them: reader/ui/findings_writer.py), as the Speakers window and search then find them."""
    ctl = w.controller
    qtbot.waitUntil(lambda: ctl.analysis is not None and not ctl.analyser.findings.writing, timeout=timeout)


def speakers_window(qtbot, open_window, tmp_path: Path, text: str):
    """A document of ``text`` opened and analysed, and the Speakers window shown: (main window, Speakers window)."""
    from reader.ui import library_actions

    doc = tmp_path / "docs" / "ministers.txt"
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(text, encoding="utf-8")
    w = open_window(doc)
    analysed(qtbot, w)
    library_actions.show_speakers(w)
    return w, library_actions._window(w, "speakers")
