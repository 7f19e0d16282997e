"""A claim's review in the Claims panel: its status, a note of a few lines (what you found, with its
sources: Ctrl+Enter saves, Escape puts back what is saved, as in a highlight's note), a source link, Save.

Signals:
    saveRequested(): the status chosen, Ctrl+Enter in the note, Enter in the link, or Save.
    cancelled(): Escape in the note or the link: the panel shows the claim's review as saved again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from notes_db import CLAIM_STATUSES, ClaimReview
from reader.ui.note_edit import NoteEdit

#: The note box's height in lines: two when empty (a small screen keeps room for the claims), growing with the
#: note to six, then it scrolls.
NOTE_LINES = (2, 6)


class ReviewBox(QWidget):
    saveRequested = Signal()
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)
        top = QHBoxLayout()
        self.status = QComboBox()
        self.status.setToolTip("Status of this claim")
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
        self.source.returnPressed.connect(self.saveRequested)
        QShortcut(QKeySequence("Escape"), self.source, self._cancel, context=Qt.ShortcutContext.WidgetShortcut)
        self.status.activated.connect(lambda _i: self.saveRequested.emit())

    def show_review(self, review: ClaimReview) -> None:
        """What the notes file holds for the claim chosen."""
        self.status.setCurrentIndex(max(0, self.status.findData(review.status)))
        self.note.setPlainText(review.note)
        self.source.setText(review.source)

    def values(self) -> tuple[str, str, str]:
        """Status, note and source link as typed."""
        return self.status.currentData(), self.note.toPlainText().strip(), self.source.text().strip()

    def editing(self) -> bool:
        return self.note.hasFocus() or self.source.hasFocus()

    def _cancel(self) -> None:
        """Escape: the panel shows the review as saved; typing goes on from the end of what is there."""
        self.cancelled.emit()
        self.note.moveCursor(QTextCursor.MoveOperation.End)
