"""The annotations panel: this document's highlights in reading order, and the
editor for the selected one's note, tags and colour.

AnnotationsPanel signals:
    activated(int): an entry was clicked (highlight id): jump there.
NoteEditor signals:
    saveRequested(int, str, list): highlight id, note, tags.
    colorRequested(int, str): highlight id, colour name.
    deleteRequested(int): highlight id.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    QStringListModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from notes_db import Highlight
from reader.ui import style

ALL = "__all__"


def elide(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters, spacing folded, with an ellipsis if cut."""
    text = " ".join(text.replace("\u2028", " ").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class HighlightCard(QFrame):
    """A highlight as a person reads it: a colour stripe, where and when, the
    quote, the note and the tags. Plain text, or rich text with marked words."""

    def __init__(self, h: Highlight, meta: str, quote: str, note: str, rich: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.highlight_id = h.id
        color = style.HIGHLIGHT_COLORS.get(h.color, "#ffd400")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 10, 0)
        lay.setSpacing(8)
        stripe = QFrame()
        stripe.setFixedWidth(5)
        stripe.setStyleSheet(f"background: {color}; border-top-left-radius: 5px; border-bottom-left-radius: 5px;")
        lay.addWidget(stripe)
        col = QVBoxLayout()
        col.setContentsMargins(0, 8, 0, 8)
        col.setSpacing(4)
        lay.addLayout(col, 1)
        fmt = Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText

        def label(text: str, name: str, visible: bool = True) -> QLabel:
            lab = QLabel(text)
            lab.setObjectName(name)
            lab.setWordWrap(True)
            lab.setTextFormat(fmt if name in ("cardQuote", "cardNote") else Qt.TextFormat.PlainText)
            lab.setVisible(visible)
            col.addWidget(lab)
            return lab

        self.meta = label(meta, "cardMeta")
        if h.orphaned:
            label("Found more than once in this version: not placed" if h.ambiguous
                  else "Not found in this version of the document", "orphanBadge")
        self.quote = label(quote, "cardQuote")
        if not rich:
            f = self.quote.font()
            f.setFamilies(style.SERIF)
            f.setItalic(True)
            self.quote.setFont(f)
        self.note = label(note, "cardNote", bool(h.note))
        self.tags = label("  ".join(f"#{t}" for t in h.tags), "cardTags", bool(h.tags))


class AnnotationCard(HighlightCard):
    """One highlight of this document in the annotations panel."""

    def __init__(self, h: Highlight, parent: QWidget | None = None) -> None:
        meta = ([f"p. {h.page + 1}"] if h.page is not None else []) + [h.created[:10]]
        if h.origin != "user":
            meta.append(h.origin)
        super().__init__(h, " · ".join(meta), elide(h.exact, 280), elide(h.note, 400), parent=parent)

    def set_selected(self, on: bool) -> None:
        self.setProperty("selected", "true" if on else "false")
        self.style().unpolish(self)
        self.style().polish(self)


class AnnotationsPanel(QWidget):
    activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidePanel")
        self._all: list[Highlight] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 10, 10, 6)
        lay.setSpacing(6)
        self.title = QLabel("Annotations")
        self.title.setObjectName("panelTitle")
        lay.addWidget(self.title)
        self.filter_text = QLineEdit()
        self.filter_text.setPlaceholderText("Filter annotations…")
        self.filter_text.setClearButtonEnabled(True)
        lay.addWidget(self.filter_text)
        row = QHBoxLayout()
        self.filter_color = QComboBox()
        self.filter_color.addItem("All colours", ALL)
        for name in style.COLOR_NAMES:
            self.filter_color.addItem(name.capitalize(), name)
        self.filter_tag = QComboBox()
        self.filter_tag.addItem("All tags", ALL)
        row.addWidget(self.filter_color, 1)
        row.addWidget(self.filter_tag, 1)
        lay.addLayout(row)
        self.list = QListWidget()
        self.list.setSpacing(4)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.list.setSelectionMode(QListWidget.SelectionMode.SingleSelection)
        lay.addWidget(self.list, 1)
        self.empty = QLabel("No highlights yet.\nSelect text and press 1–5, or right-click it.")
        self.empty.setObjectName("emptyHint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        lay.addWidget(self.empty)
        self.filter_text.textChanged.connect(self._refilter)
        self.filter_color.currentIndexChanged.connect(self._refilter)
        self.filter_tag.currentIndexChanged.connect(self._refilter)
        self.list.itemClicked.connect(self._on_click)
        self.list.itemActivated.connect(self._on_click)
        self.list.currentItemChanged.connect(self._mark_current)

    def set_highlights(self, highlights: list[Highlight], current: int | None = None) -> None:
        self._all = list(highlights)
        tags = sorted({t for h in highlights for t in h.tags}, key=str.lower)
        keep = self.filter_tag.currentData()
        self.filter_tag.blockSignals(True)
        self.filter_tag.clear()
        self.filter_tag.addItem("All tags", ALL)
        for t in tags:
            self.filter_tag.addItem(f"#{t}", t)
        idx = self.filter_tag.findData(keep)
        self.filter_tag.setCurrentIndex(max(idx, 0))
        self.filter_tag.blockSignals(False)
        self._refilter(current=current)

    def visible_highlights(self) -> list[Highlight]:
        text = self.filter_text.text().strip().lower()
        color = self.filter_color.currentData()
        tag = self.filter_tag.currentData()
        out = []
        for h in self._all:
            if color not in (None, ALL) and h.color != color:
                continue
            if tag not in (None, ALL) and tag not in h.tags:
                continue
            if text and not all(
                w in f"{h.exact} {h.note} {' '.join(h.tags)}".lower() for w in text.split()
            ):
                continue
            out.append(h)
        return out

    @Slot()
    def _refilter(self, *_args: object, current: int | None = None) -> None:
        if current is None:
            current = self.current_id()
        # clear() announces a current-item change with items already half gone
        self.list.blockSignals(True)
        self.list.clear()
        self.list.blockSignals(False)
        shown = self.visible_highlights()
        for h in shown:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, h.id)
            card = AnnotationCard(h)
            card.setMinimumWidth(100)
            self.list.addItem(item)
            self.list.setItemWidget(item, card)
            item.setSizeHint(QSize(0, card.sizeHint().height()))
            if h.id == current:
                self.list.setCurrentItem(item)
        self._resize_items()
        n = len(self._all)
        self.title.setText(f"Annotations ({n})" if n == len(shown) else f"Annotations ({len(shown)} of {n})")
        self.empty.setVisible(not shown)
        if self._all and not shown:
            self.empty.setText("No highlights match these filters.")
        elif not self._all:
            self.empty.setText("No highlights yet.\nSelect text and press 1–5, or right-click it.")

    def resizeEvent(self, e: object) -> None:  # noqa: N802
        super().resizeEvent(e)  # type: ignore[arg-type]
        self._resize_items()

    def _resize_items(self) -> None:
        width = self.list.viewport().width() - 8
        for i in range(self.list.count()):
            item = self.list.item(i)
            card = self.list.itemWidget(item)
            if card is not None:
                card.setFixedWidth(max(width, 100))
                item.setSizeHint(QSize(width, card.heightForWidth(width) if card.hasHeightForWidth() else card.sizeHint().height()))

    def showEvent(self, e: object) -> None:  # noqa: N802
        super().showEvent(e)  # type: ignore[arg-type]
        self._resize_items()

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def select(self, highlight_id: int | None) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == highlight_id:
                self.list.setCurrentItem(item)
                self.list.scrollToItem(item)
                return
        self.list.setCurrentItem(None)  # type: ignore[arg-type]

    def card(self, highlight_id: int) -> AnnotationCard | None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == highlight_id:
                w = self.list.itemWidget(item)
                return w if isinstance(w, AnnotationCard) else None
        return None

    @Slot(QListWidgetItem)
    def _on_click(self, item: QListWidgetItem) -> None:
        self.activated.emit(item.data(Qt.ItemDataRole.UserRole))

    @Slot(QListWidgetItem, QListWidgetItem)
    def _mark_current(self, cur: QListWidgetItem | None, prev: QListWidgetItem | None) -> None:
        for item, on in ((prev, False), (cur, True)):
            if item is not None:
                w = self.list.itemWidget(item)
                if isinstance(w, AnnotationCard):
                    w.set_selected(on)


class TagCompleter(QCompleter):
    """Completes the tag being typed after the last comma, keeping the others."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = QStringListModel(self)
        self.setModel(self._model)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchStartsWith)

    def set_tags(self, tags: list[str]) -> None:
        self._model.setStringList(tags)

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 (Qt override)
        return [path.split(",")[-1].strip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:  # noqa: N802
        widget = self.widget()
        done = widget.text().split(",")[:-1] if isinstance(widget, QLineEdit) else []
        model: QAbstractItemModel = self.model()
        chosen = str(model.data(index))
        return ", ".join([t.strip() for t in done if t.strip()] + [chosen])


def parse_tags(text: str) -> list[str]:
    return [t.strip().lstrip("#") for t in text.replace(";", ",").split(",") if t.strip().lstrip("#")]


class _NoteEdit(QPlainTextEdit):
    submitted = Signal()

    def keyPressEvent(self, e: QKeyEvent) -> None:  # noqa: N802
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and e.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.submitted.emit()
            return
        super().keyPressEvent(e)


class NoteEditor(QFrame):
    saveRequested = Signal(int, str, list)
    colorRequested = Signal(int, str)
    deleteRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editor")
        self.highlight_id: int | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 8, 10, 10)
        lay.setSpacing(6)
        top = QHBoxLayout()
        self.heading = QLabel("Note")
        self.heading.setObjectName("panelTitle")
        top.addWidget(self.heading)
        top.addStretch(1)
        self.swatches: dict[str, QToolButton] = {}
        for i, (name, hexcolor) in enumerate(style.HIGHLIGHT_COLORS.items()):
            b = QToolButton()
            b.setObjectName("swatch")
            b.setCheckable(True)
            b.setToolTip(f"{name.capitalize()}" + (f" ({i + 1})" if i < 9 else ""))
            b.setStyleSheet(
                f"QToolButton#swatch {{ background: {hexcolor}; border: 2px solid {hexcolor}; }}"
                f"QToolButton#swatch:checked {{ border: 2px solid #262422; }}"
            )
            b.clicked.connect(lambda _c=False, n=name: self._color(n))
            self.swatches[name] = b
            top.addWidget(b)
        lay.addLayout(top)
        self.note = _NoteEdit()
        self.note.setPlaceholderText("Write a note…  (Ctrl+Enter saves)")
        self.note.setFixedHeight(96)
        lay.addWidget(self.note)
        self.tags = QLineEdit()
        self.tags.setPlaceholderText("Tags, separated by commas  (Enter saves)")
        self.completer = TagCompleter(self.tags)
        self.tags.setCompleter(self.completer)
        lay.addWidget(self.tags)
        row = QHBoxLayout()
        self.delete_button = QPushButton("Delete highlight")
        self.delete_button.setObjectName("danger")
        self.save_button = QPushButton("Save")
        self.save_button.setObjectName("primary")
        row.addWidget(self.delete_button)
        row.addStretch(1)
        row.addWidget(self.save_button)
        lay.addLayout(row)
        self.save_button.clicked.connect(self.save)
        self.note.submitted.connect(self.save)
        self.tags.returnPressed.connect(self._tags_enter)
        self.delete_button.clicked.connect(self._delete)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._loaded: tuple[str, list[str]] = ("", [])
        self.setEnabled(False)
        self.setVisible(False)

    def load(self, h: Highlight | None) -> None:
        self.highlight_id = h.id if h else None
        self.setEnabled(h is not None)
        self.setVisible(h is not None)
        self.note.setPlainText(h.note if h else "")
        self.tags.setText(", ".join(h.tags) if h else "")
        self._loaded = (h.note, list(h.tags)) if h else ("", [])
        for name, b in self.swatches.items():
            b.setChecked(bool(h) and h.color == name)  # type: ignore[union-attr]
        self.heading.setText("Note")

    def dirty(self) -> bool:
        return self.highlight_id is not None and (
            self.note.toPlainText() != self._loaded[0] or parse_tags(self.tags.text()) != self._loaded[1]
        )

    @Slot()
    def save(self) -> None:
        if self.highlight_id is None:
            return
        note, tags = self.note.toPlainText(), parse_tags(self.tags.text())
        self._loaded = (note, tags)
        self.saveRequested.emit(self.highlight_id, note, tags)

    @Slot()
    def _tags_enter(self) -> None:
        popup = self.completer.popup()
        if popup is not None and popup.isVisible():
            return
        self.save()

    def _color(self, name: str) -> None:
        if self.highlight_id is not None:
            self.colorRequested.emit(self.highlight_id, name)

    @Slot()
    def _delete(self) -> None:
        if self.highlight_id is not None:
            self.deleteRequested.emit(self.highlight_id)
