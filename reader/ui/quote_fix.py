"""Correcting a quote in the Claims panel: the analysis named the wrong person, or the passage is no quote.

Below a selected quote, the panel's detail box gets a row of buttons: "Wrong speaker…" opens a field to type
who said it (the document's speakers offered as you type; Enter sets it, Escape closes it), "Not a quote" lists
the passage apart, under "Not quotes (dismissed by you)", and "Undo correction" (or "Restore", for a dismissed
one) gives back the analysis's reading. Each is an operation on the controller's document
(reader/ui/quote_ops.py); the panel lists the corrected analysis when the controller announces it, as it
lists any analysis: this module never fills the list itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStringListModel, Qt, QTimer, Slot
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLineEdit, QPushButton, QTreeWidgetItem, QWidget

from reader.speaker_labels import NON_PEOPLE
from reader.ui import messages

if TYPE_CHECKING:
    from reader.analysis import Quote
    from reader.ui.analysis_panel import AnalysisPanel
    from reader.ui.controller import DocumentController


class QuoteFix(QObject):
    def __init__(self, panel: AnalysisPanel, ctl: DocumentController) -> None:
        super().__init__(panel)
        self.panel, self.ctl = panel, ctl
        self.row = QWidget()
        row = QHBoxLayout(self.row)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        self.wrong_button = QPushButton("Wrong speaker…")
        self.wrong_button.setToolTip("Say who really said this: the quote is listed under that person")
        self.dismiss_button = QPushButton("Not a quote")
        self.dismiss_button.setToolTip("List this passage apart, as no quote: the Speakers window and quote "
                                       "search leave it out")
        self.undo_button = QPushButton("Undo correction")
        for b in (self.wrong_button, self.dismiss_button, self.undo_button):
            row.addWidget(b)
        row.addStretch(1)
        self.who_row = QWidget()
        who = QHBoxLayout(self.who_row)
        who.setContentsMargins(0, 0, 0, 0)
        who.setSpacing(6)
        self.who = QLineEdit()
        self.who.setPlaceholderText("Who said it? (Enter to set, Escape to close)")
        self.names = QStringListModel(self)
        completer = QCompleter(self.names, self.who)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.who.setCompleter(completer)
        self.set_button = QPushButton("Set speaker")
        self.set_button.setObjectName("primary")
        who.addWidget(self.who, 1)
        who.addWidget(self.set_button)
        box = panel.detail.layout()
        assert box is not None  # (the panel's detail box has its rows' layout)
        box.addWidget(self.row)
        box.addWidget(self.who_row)
        self.row.hide()
        self.who_row.hide()
        panel.tree.currentItemChanged.connect(self._shown)  # (after the panel's own detail: its title is set)
        self.wrong_button.clicked.connect(self._ask_who)
        self.dismiss_button.clicked.connect(self._dismiss)
        self.undo_button.clicked.connect(self._undo)
        self.set_button.clicked.connect(self._set_speaker)
        self.who.returnPressed.connect(self._set_speaker)
        self.who.installEventFilter(self)  # Escape closes the field

    def quote(self) -> Quote | None:
        e = self.panel.entry(self.panel.tree.currentItem())
        return e[1] if e is not None and e[0] == "quote" else None  # type: ignore[return-value]

    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def _shown(self, _cur: QTreeWidgetItem | None = None, _prev: QTreeWidgetItem | None = None) -> None:
        from reader.quote_fixes import corrected, found_as_written, found_speaker

        q = self.quote()
        self.row.setVisible(q is not None)
        self.who_row.hide()
        if q is None:
            return
        done = corrected(q)
        self.wrong_button.setVisible(done != "dismissed")
        self.dismiss_button.setVisible(done != "dismissed")
        self.undo_button.setVisible(bool(done))
        self.undo_button.setText("Restore" if done == "dismissed" else "Undo correction")
        self.undo_button.setToolTip("List it again as the analysis found it" if done == "dismissed" else
                                    f"Give it back to {found_speaker(q) or 'no speaker'}, as the analysis found it")
        if done == "speaker":  # the analysis's reading, only as what it found (not as the new speaker's name)
            title = self.panel.detail_title
            title.setText(f"{title.text()} · corrected by you · found: {found_as_written(q)}")
            QTimer.singleShot(0, self.panel._fit_title)  # the title's lines again, once laid out

    @Slot()
    def _ask_who(self) -> None:
        q = self.quote()
        if q is None:
            return
        result = self.ctl.analysis
        groups = {str(x.extra.get("group") or "") for x in (result.quotes if result else [])}
        self.names.setStringList(sorted(g for g in groups if g and g not in NON_PEOPLE))
        group = str(q.extra.get("group") or "")
        self.who.setText("" if group in NON_PEOPLE else group)
        self.who.selectAll()
        self.who_row.show()
        self.who.setFocus()

    @Slot()
    def _set_speaker(self) -> None:
        q = self.quote()
        name = " ".join(self.who.text().split())
        if q is None:
            return
        if not name:
            messages.status("Type the name of the person who said it.")
            return
        if self._operate(q, "speaker", speaker=name):
            messages.status(f"Quote given to {q.extra.get('group') or name}.")  # (the known spelling of the name)

    @Slot()
    def _dismiss(self) -> None:
        q = self.quote()
        if q is not None and self._operate(q, "dismissed", dismissed=True):
            messages.status("Marked as no quote: listed under “Not quotes (dismissed by you)”.")

    @Slot()
    def _undo(self) -> None:
        from reader.quote_fixes import corrected

        q = self.quote()
        what = "restore" if q is not None and corrected(q) == "dismissed" else "undo"
        if q is not None and self._operate(q, what, undo=True):
            messages.status(restored_text(q))

    def _operate(self, q: Quote, what: str, speaker: str | None = None, dismissed: bool | None = None,
                 undo: bool = False) -> bool:
        """A correction, as a step of the document's undo history (Ctrl+Z takes it back)."""
        from reader.ui.quote_ops import correct_undoably

        self.who_row.hide()
        done = correct_undoably(self.ctl, q.start, q.end, what, speaker=speaker, dismissed=dismissed, undo=undo)
        self._back_to_list(q)
        return done

    def _back_to_list(self, q: Quote) -> None:
        """The keyboard back on the list, on the corrected entry (the button pressed may be gone: Tab went on to
        the toolbar's colours, tryout s13 1.8)."""
        result = self.ctl.analysis
        number = next((i for i, x in enumerate(result.quotes) if x is q), None) if result else None
        if number is not None:
            self.panel.select_entry("quote", number)  # (chosen and scrolled to, if the list shows it)
        self.panel.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, obj: QObject, event: object) -> bool:  # noqa: N802
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QKeyEvent

        if obj is self.who and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Escape and not self._offering():
            self.who_row.hide()
            self.panel.tree.setFocus()
            return True
        return super().eventFilter(obj, event)  # type: ignore[arg-type]


    def _offering(self) -> bool:
        """Whether the field's list of speakers is up (Escape closes that first)."""
        popup = self.who.completer().popup()
        return popup is not None and popup.isVisible()


def install(panel: AnalysisPanel, ctl: DocumentController) -> QuoteFix:
    return QuoteFix(panel, ctl)


def restored_text(q: Quote) -> str:
    """What the status bar says once a correction is taken back (a speaker's, or that a passage is no quote): what
    the quote is now, the analysis's reading ('Restored the analysis's reading: a direct quote by Xi Jinping.')."""
    from reader.quote_fixes import reading
    from reader.speaker_labels import NON_PEOPLE

    who = str(q.extra.get("group") or q.speaker or "")
    return f"Restored the analysis's reading: {reading(q.kind, who if who not in NON_PEOPLE else '')}."
