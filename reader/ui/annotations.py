"""The note editor for the selected highlight (note, tags, colour), and the
card a highlight is shown as in lists of a few dozen (search results). The
document's own list is ``highlights_panel`` (a model: it grows with the notes).

NoteEditor signals:
    saveRequested(int, str, list): highlight id, note, tags.
    colorRequested(int, str): highlight id, colour name.
    styleRequested(int, str): highlight id, style name (notes_db.records.STYLES).
    deleteRequested(int): highlight id.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from notes_db import Highlight
from notes_db.records import STYLES, TAG_QUOTES, tag_list
from reader.ui import style
from reader.ui.flow import FlowLayout
from reader.ui.highlight_styles import label, style_icon
from reader.ui.note_edit import NoteEdit

#: The note box's height in lines: two when empty (a small window keeps room for the list), growing with the
#: note to eight, then it scrolls.
NOTE_LINES = (2, 8)


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
        return [path.split(",")[-1].strip().strip(TAG_QUOTES + " ").lstrip("#")]  # '"rhet' offers rhetoric

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:  # noqa: N802
        widget = self.widget()
        done = widget.text().split(",")[:-1] if isinstance(widget, QLineEdit) else []
        model: QAbstractItemModel = self.model()
        chosen = str(model.data(index))
        return ", ".join([t.strip() for t in done if t.strip()] + [chosen])


def worded(cue: str) -> bool:
    """Whether a quote's cue is worth showing: a verb ("said"), not a signature's dash or a colon
    ("— direct, —" read as a fault, tryout 9)."""
    return any(ch.isalpha() for ch in cue)


def parse_tags(text: str) -> list[str]:
    """The tags typed in the tag field, as they are stored (notes_db.records.tag_list): commas part
    them, even between quotation marks, which go."""
    return tag_list([text])


class NoteEditor(QFrame):
    saveRequested = Signal(int, str, list)
    colorRequested = Signal(int, str)
    styleRequested = Signal(int, str)
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
        self.heading.setMinimumWidth(self.heading.sizeHint().width())  # whole: the buttons wrap first
        top.addWidget(self.heading, 0, Qt.AlignmentFlag.AlignTop)
        top.addSpacing(8)
        buttons = QWidget()
        flow = FlowLayout(buttons, spacing=8)  # a narrow panel (a large font): the styles go on a second line
        top.addWidget(buttons, 1)
        colours, styles = QWidget(), QWidget()
        colour_row, style_row = QHBoxLayout(colours), QHBoxLayout(styles)
        for row in (colour_row, style_row):
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(4)
        flow.addWidget(colours)
        flow.addWidget(styles)
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
            colour_row.addWidget(b)
        self.style_buttons: dict[str, QToolButton] = {}  # its style, beside its colour
        for name in STYLES:
            b = QToolButton()
            b.setObjectName("styleSwatch")
            b.setCheckable(True)
            b.setAutoRaise(True)
            b.setIcon(style_icon(name))
            b.setToolTip(label(name))
            b.setAccessibleName(label(name))
            b.clicked.connect(lambda _c=False, n=name: self._style(n))
            self.style_buttons[name] = b
            style_row.addWidget(b)
        lay.addLayout(top)
        self.note = NoteEdit("Write a note…  (Ctrl+Enter saves, Esc cancels)")
        self.note.set_lines(*NOTE_LINES)  # (a fixed 96 px at a large font left the list one card)
        lay.addWidget(self.note)
        self.tags = QLineEdit()
        self.tags.setPlaceholderText("Tags, separated by commas  (Enter saves)")
        self.completer = TagCompleter(self.tags)
        self.tags.setCompleter(self.completer)
        # Enter while the list of tags is open takes the tag offered and saves, in one press (as Zotero):
        # filtered before the completer's own handling, which only closed the list
        popup = self.completer.popup()
        if popup is not None:
            popup.installEventFilter(self)
        lay.addWidget(self.tags)
        # a tag cannot hold a comma (the CSV tags column, a Markdown #tag and the field itself could not tell
        # it from two): typed between quotation marks, it says what will be saved rather than keeping them
        self.tags_hint = QLabel()
        self.tags_hint.setObjectName("hint")
        self.tags_hint.setWordWrap(True)
        self.tags_hint.setVisible(False)
        lay.addWidget(self.tags_hint)
        self.tags.textChanged.connect(self._tags_typed)
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
        self.note.cancelled.connect(lambda: self.note.put_back(self._loaded[0]))  # the note as saved
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
        # the tags as the field reads them back: one an earlier Reader stored with a comma ("Smith, John")
        # reads as two, and is not an unsaved change until the person edits the note or its tags
        self._loaded = (h.note, parse_tags(self.tags.text())) if h else ("", [])
        for name, b in self.swatches.items():
            b.setChecked(bool(h) and h.color == name)  # type: ignore[union-attr]
        for name, b in self.style_buttons.items():
            b.setChecked(bool(h) and h.style == name)  # type: ignore[union-attr]
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

    @Slot(str)
    def _tags_typed(self, text: str) -> None:
        quoted = any(mark in text for mark in TAG_QUOTES)
        if quoted:
            saved = "  ".join(f"#{t}" for t in parse_tags(text))
            self.tags_hint.setText(f"Commas part tags, also inside quotation marks. Saved as: {saved}")
        self.tags_hint.setVisible(quoted)

    @Slot()
    def _tags_enter(self) -> None:
        popup = self.completer.popup()
        if popup is not None and popup.isVisible():
            return
        self.save()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        popup = self.completer.popup()
        if popup is not None and watched is popup and event.type() == QEvent.Type.KeyPress and popup.isVisible() and \
                isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            index = popup.currentIndex()
            model = self.completer.completionModel()
            if not index.isValid() and model.rowCount() > 0:
                index = model.index(0, 0)  # nothing chosen with the arrows: the first tag offered
            popup.hide()
            if index.isValid():
                if isinstance(model, QAbstractProxyModel):
                    index = model.mapToSource(index)  # the completer's model, as Qt passes it
                self.tags.setText(self.completer.pathFromIndex(index))
            self.save()
            return True
        return super().eventFilter(watched, event)

    def _color(self, name: str) -> None:
        if self.highlight_id is not None:
            self.colorRequested.emit(self.highlight_id, name)

    def _style(self, name: str) -> None:
        if self.highlight_id is not None:
            for n, b in self.style_buttons.items():  # (one choice: clicking the checked one keeps it)
                b.setChecked(n == name)
            self.styleRequested.emit(self.highlight_id, name)

    @Slot()
    def _delete(self) -> None:
        if self.highlight_id is not None:
            self.deleteRequested.emit(self.highlight_id)
