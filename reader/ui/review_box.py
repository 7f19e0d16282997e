"""A claim's review in the Claims panel: its status, a note of a few lines (what you found, with its
sources: Ctrl+Enter saves, Escape puts back what is saved, as in a highlight's note), a source link, Save.

Nothing is saved until you say so (Save review, Ctrl+Enter in the note, Enter in the link or on the status), as
Hypothesis saves an edit: the arrow keys on the status only choose one, and Tab goes on to the link and the note.
What was typed and not saved is saved when you choose another claim or another document (as a highlight's note
is); Escape puts back what is saved. Keys typed in the box are the box's: a digit never becomes a colour key.

Signals:
    saveRequested(): Save, Ctrl+Enter in the note, Enter in the link or on the status.
    cancelled(): Escape in the note, the link or the status: the box shows the claim's review as saved again.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from notes_db import CLAIM_STATUSES, ClaimReview
from reader.ui.note_edit import NoteEdit

#: The note box's height in lines: two when empty (a small screen keeps room for the claims), growing with the
#: note to six, then it scrolls.
NOTE_LINES = (2, 6)
_CHORDS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)

#: A review not yet saved: the claim's key, status, note, source link.
Pending = tuple[str, str, str, str]


class StatusBox(QComboBox):
    """The status: the arrow keys, a letter or the list choose one; Enter saves; Escape puts back the saved one.
    A key typed here is the box's, never a shortcut of the window (a digit was a colour key)."""

    submitted = Signal()
    cancelled = Signal()

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ShortcutOverride and isinstance(e, QKeyEvent) and not e.modifiers() & _CHORDS \
                and (e.text().strip() or e.key() in (*_ENTER, Qt.Key.Key_Escape, Qt.Key.Key_Delete)):
            e.accept()  # the box's own key, before any shortcut of its window
            return True
        return super().event(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:  # noqa: N802
        if e.key() in _ENTER:
            self.submitted.emit()
        elif e.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
        elif e.text().isdigit() or e.key() == Qt.Key.Key_Delete:
            e.accept()  # nothing to do with a status, and nothing for the window either
        else:
            super().keyPressEvent(e)


class ReviewBox(QWidget):
    saveRequested = Signal()
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shown: ClaimReview | None = None  # the review as saved, of the claim shown
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)
        top = QHBoxLayout()
        self.status = StatusBox()
        self.status.setToolTip("Status of this claim (saved with Save review, Ctrl+Enter or Enter)")
        for s in CLAIM_STATUSES:
            self.status.addItem(s.capitalize(), s)
        self.source = QLineEdit()
        self.source.setPlaceholderText("Source link (optional)")
        top.addWidget(self.status)
        top.addWidget(self.source, 1)
        lay.addLayout(top)
        bottom = QHBoxLayout()
        self.note = NoteEdit("What you found…  (Ctrl+Enter saves, Esc cancels)")
        self.note.setToolTip("Your note on this claim: what you found and where. Ctrl+Enter saves, Escape puts back "
                             "what is saved")
        self.note.set_lines(*NOTE_LINES)
        self.save_button = QPushButton("Save review")
        self.save_button.setObjectName("primary")
        bottom.addWidget(self.note, 1)
        bottom.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignBottom)
        lay.addLayout(bottom)
        self.save_button.clicked.connect(self.saveRequested)
        self.note.submitted.connect(self.saveRequested)
        self.note.cancelled.connect(self._cancel)
        self.status.submitted.connect(self.saveRequested)
        self.status.cancelled.connect(self._cancel)
        self.source.returnPressed.connect(self.saveRequested)
        QShortcut(QKeySequence("Escape"), self.source, self._cancel, context=Qt.ShortcutContext.WidgetShortcut)

    def show_review(self, review: ClaimReview) -> None:
        """What the notes file holds for the claim chosen."""
        self.shown = review
        self.status.setCurrentIndex(max(0, self.status.findData(review.status)))
        self.note.setPlainText(review.note)
        self.source.setText(review.source)

    def take(self, review: ClaimReview) -> Pending | None:
        """Show the claim's ``review`` as saved, unless what is typed for that same claim is not saved yet (it
        stays). What was typed for another claim and not saved is returned, to be saved."""
        shown = self.shown
        if shown is not None and shown.key == review.key and self.dirty():
            self.shown = review  # saved meanwhile (this box's Save, or another program): Escape puts that back
            return None
        pending = self.release()
        self.show_review(review)
        return pending

    def release(self) -> Pending | None:
        """No claim shown any more: what was typed for it and not saved, if anything."""
        shown, dirty = self.shown, self.dirty()
        self.shown = None
        return (shown.key, *self.values()) if shown is not None and dirty else None

    def dirty(self) -> bool:
        """Whether the status, note or link differ from the review as saved."""
        r = self.shown
        return r is not None and self.values() != (r.status, r.note.strip(), r.source.strip())

    def values(self) -> tuple[str, str, str]:
        """Status, note and source link as typed."""
        return self.status.currentData(), self.note.toPlainText().strip(), self.source.text().strip()

    def _cancel(self) -> None:
        """Escape: the box shows the review as saved; typing goes on from the end of what is there."""
        if self.shown is not None:
            self.show_review(self.shown)
        self.cancelled.emit()
        self.note.moveCursor(QTextCursor.MoveOperation.End)
