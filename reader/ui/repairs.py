"""The Repairs tab: what Reader changed in a converted text, each one undoable.

RepairsPanel signals:
    toggled(str, bool): a repair's ident, and whether it is now applied.
    activated(int): a repair's raw offset was clicked (show it in the original).
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from reader.document import Repair

LABELS = {
    "running-head": "Removed running head",
    "header-footer": "Removed header/footer",
    "page-number": "Removed page number",
    "footnote": "Moved footnote to the end",
    "caption": "Styled as caption",
    "heading": "Styled as heading",
    "front-matter": "Styled as header",
    "join": "Joined split paragraph",
    "hyphen": "Rejoined hyphenated word",
    "verse": "Kept lines of verse together",
}


PLURALS = {
    "running-head": ("running head", "running heads"),
    "header-footer": ("header/footer", "headers/footers"),
    "page-number": ("page number", "page numbers"),
    "footnote": ("footnote moved", "footnotes moved"),
    "caption": ("caption", "captions"),
    "heading": ("heading", "headings"),
    "front-matter": ("header line", "header lines"),
    "join": ("split paragraph joined", "split paragraphs joined"),
    "hyphen": ("hyphenation fixed", "hyphenations fixed"),
    "verse": ("stanza kept together", "stanzas kept together"),
}


def describe(r: Repair, raw_text: str) -> str:
    if r.kind == "join":
        before = " ".join(raw_text[max(0, r.raw_start - 30):r.raw_start].split())
        after = " ".join(raw_text[r.raw_end:r.raw_end + 30].split())
        snippet = f"…{before} ¶ {after}…"
    elif r.kind == "hyphen":
        a = raw_text[max(0, r.raw_start - 12):r.raw_start].split()
        b = raw_text[r.raw_end:r.raw_end + 14].split()
        snippet = f"{a[-1] if a else ''}-{b[0] if b else ''}"
    else:
        text = " ".join(r.text.split())
        snippet = f"“{text[:90]}{'…' if len(text) > 90 else ''}”"
    return f"{LABELS.get(r.kind, r.kind)}: {snippet}"


_ITEM_FLAGS = Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class RepairsPanel(QWidget):
    toggled = Signal(str, bool)
    activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidePanel")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 10, 10, 6)
        self.summary = QLabel("No repairs.")
        self.summary.setObjectName("panelTitle")
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        self.hint = QLabel("Untick a repair to undo it. View > Show Original Text shows every change in place.")
        self.hint.setObjectName("cardMeta")
        self.hint.setWordWrap(True)
        lay.addWidget(self.hint)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(False)
        lay.addWidget(self.list, 1)
        self.list.itemChanged.connect(self._changed)
        self.list.itemClicked.connect(self._clicked)
        self._toggling = False
        self._pending: tuple[list[Repair], list[Repair], str] | None = None

    def set_repairs(self, applied: list[Repair], restored: list[Repair], raw_text: str) -> None:
        self._pending = (applied, restored, raw_text)
        if self.isVisible():
            self._fill()
        self._summarise(applied, restored)

    def showEvent(self, e: object) -> None:  # noqa: N802
        super().showEvent(e)  # type: ignore[arg-type]
        self._fill()

    def _fill(self) -> None:
        """Build the list when it is looked at: a long PDF has thousands of repairs."""
        if self._pending is None:
            return
        applied, restored, raw_text = self._pending
        self._pending = None
        self.list.blockSignals(True)
        self.list.setUpdatesEnabled(False)
        self.list.clear()
        flags = _ITEM_FLAGS
        checked, unchecked = Qt.CheckState.Checked, Qt.CheckState.Unchecked
        for r, on in sorted([(r, True) for r in applied] + [(r, False) for r in restored], key=lambda x: x[0].raw_start):
            item = QListWidgetItem(describe(r, raw_text))
            item.setFlags(flags)
            item.setCheckState(checked if on else unchecked)
            item.setData(Qt.ItemDataRole.UserRole, r.ident)
            item.setData(Qt.ItemDataRole.UserRole + 1, r.raw_start)
            item.setToolTip(r.detail)
            self.list.addItem(item)
        self.list.setUpdatesEnabled(True)
        self.list.blockSignals(False)

    def _summarise(self, applied: list[Repair], restored: list[Repair]) -> None:
        counts = Counter(r.kind for r in applied)
        removed = sum(1 for r in applied if r.removed)
        if not applied and not restored:
            self.summary.setText("This text needed no repairs.")
        else:
            parts = [f"{n} {PLURALS.get(k, (k, k))[n != 1]}" for k, n in counts.most_common()]
            self.summary.setText(f"{len(applied)} repairs, {removed} lines removed: " + ", ".join(parts) + ".")

    @Slot(QListWidgetItem)
    def _changed(self, item: QListWidgetItem) -> None:
        # The list is rebuilt after a toggle: let the click that caused it finish first.
        self._toggling = True
        ident, on = item.data(Qt.ItemDataRole.UserRole), item.checkState() == Qt.CheckState.Checked
        QTimer.singleShot(0, lambda: self.toggled.emit(ident, on))

    @Slot(QListWidgetItem)
    def _clicked(self, item: QListWidgetItem) -> None:
        if self._toggling:  # a click on the checkbox toggles; it does not also jump
            self._toggling = False
            return
        self.activated.emit(item.data(Qt.ItemDataRole.UserRole + 1))
