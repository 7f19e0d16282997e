"""A highlight's style (notes_db.records.STYLES: a band of its colour, or a line of it under, wavy under or
through the words, as Zotero, Okular and Sioyek have): its name, its icon in menus and buttons, its line on
PDF pages, and the choice of it beside the colours.

The style chosen (Edit > Highlight, the toolbar's style button, the selection's right-click menu) is the pen:
the style the next highlights are made in, whatever their colour. With no text selected, it is the style of
the highlight chosen in the list, as a colour is (one step of the undo history). A highlight's own right-click
menu and its note editor change its style alone.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QAction, QActionGroup, QColor, QFont, QIcon, QKeySequence, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from notes_db.records import STYLE_WORDS, STYLES
from reader.ui import style

#: Menu entries, each with a letter of its own.
LABELS = {"highlight": "&Highlight", "underline": "&Underline", "squiggly": "S&quiggly Underline",
          "strikeout": "&Strike-out"}
#: Keys for the styles, with their menu letters, where a highlight is chosen (the text, the pages, the list):
#: beside the colours' 1-5.
KEYS = {"highlight": "Alt+Shift+H", "underline": "Alt+Shift+U", "squiggly": "Alt+Shift+Q", "strikeout": "Alt+Shift+S"}
#: The word a card of the highlights list says after where and when (a band says nothing).
SIGNS = STYLE_WORDS


def label(name: str) -> str:
    return LABELS.get(name, name).replace("&", "")


def line_color(color: str) -> QColor:
    """A line in a highlight's colour, a little darker than its band so a yellow line shows on white paper."""
    return QColor(style.HIGHLIGHT_COLORS.get(color, style.HIGHLIGHT_COLORS["yellow"])).darker(130)


def paint_line(p: QPainter, r: QRectF, name: str, color: QColor, width: float) -> None:
    """The line of an underline, squiggle or strike-out (``name``) over the line of words ``r``, ``width`` thick."""
    pen = QPen(color, width)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    if name == "strikeout":
        y = r.center().y()
        p.drawLine(QPointF(r.left(), y), QPointF(r.right(), y))
    elif name == "underline":
        y = r.bottom() - width / 2
        p.drawLine(QPointF(r.left(), y), QPointF(r.right(), y))
    elif name == "squiggly":
        amp = max(1.0, width)  # up and down by this much, a wave every 4 of it
        y = r.bottom() - amp - width / 2
        path = QPainterPath(QPointF(r.left(), y + amp))
        x, up = r.left(), True
        while x < r.right():
            x = min(r.right(), x + 2 * amp)
            path.lineTo(QPointF(x, y + (-amp if up else amp)))
            up = not up
        p.drawPath(path)


def style_icon(name: str) -> QIcon:
    """A style's sign: the letters "ab" on a yellow band, or with a blue line under (straight, wavy) or through
    them."""
    pm = QPixmap(32, 32)  # (drawn at twice the size: sharp on a high-density screen, smooth scaled down)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    # on a chip of paper of its own, with the light theme's ink: the same in every theme (toolbars are dark in one)
    p.setPen(QPen(QColor("#c9c4ba"), 1.0))
    p.setBrush(QColor("#fbf9f4"))
    p.drawRoundedRect(QRectF(0.5, 0.5, 31, 31), 5, 5)
    words = QRectF(2, 3, 28, 21)
    if name == "highlight":
        p.fillRect(QRectF(3, 5, 26, 19), QColor(style.HIGHLIGHT_COLORS["yellow"]))
    font = QFont()
    font.setFamilies(style.SANS)
    font.setPixelSize(20)
    font.setBold(True)
    p.setFont(font)
    p.setPen(QColor("#262422"))
    p.drawText(words, Qt.AlignmentFlag.AlignCenter, "ab")
    if name != "highlight":
        where = QRectF(1, 4, 30, 27) if name != "strikeout" else QRectF(1, 5, 30, 23)
        paint_line(p, where, name, QColor("#3d6fb6"), 3.0)
    p.end()
    return QIcon(pm)


class StyleChoice:
    """The pen's style: one checkable action per style (Edit > Highlight, the toolbar's button, the selection's
    menu), ``chosen`` called with the style's name."""

    def __init__(self, parent: QWidget, chosen: Callable[[str], None]) -> None:
        self.group = QActionGroup(parent)
        self.group.setExclusive(True)
        self.actions: dict[str, QAction] = {}
        for name in STYLES:
            a = QAction(style_icon(name), LABELS[name], parent)
            a.setCheckable(True)
            a.setShortcut(QKeySequence(KEYS[name]))
            a.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # (never while a note is typed)
            a.setToolTip(f"{label(name)} ({KEYS[name]}): new highlights, or the chosen one's style")
            a.triggered.connect(lambda _c=False, n=name: chosen(n))
            self.group.addAction(a)
            self.actions[name] = a
        self.actions["highlight"].setChecked(True)
        self.button = QToolButton()
        self.button.setObjectName("styleButton")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.button)
        self.add_to(menu)
        self.button.setMenu(menu)
        self.show("highlight")

    def add_to(self, menu: QMenu) -> None:
        for a in self.actions.values():
            menu.addAction(a)

    def show(self, name: str) -> None:
        """The pen is ``name`` now: its entry checked, the toolbar button showing its sign."""
        self.actions[name].setChecked(True)
        self.button.setIcon(style_icon(name))
        self.button.setToolTip(f"Style of new highlights: {label(name)}")


def restyle_menu(menu: QMenu, current: str, restyle: Callable[[str], None]) -> QMenu:
    """A highlight's "Change Style" submenu, its style checked."""
    sub = menu.addMenu("Change St&yle")
    for name in STYLES:
        a = QAction(style_icon(name), LABELS[name], sub)
        a.triggered.connect(lambda _c=False, n=name: restyle(n))
        sub.addAction(a)
        a.setCheckable(True)
        a.setChecked(name == current)
    return sub
