"""Themes: light, sepia, dark, or the system's colour scheme.

``resources/style.qss`` is written in the light theme's colours; a theme is a
map from each of those colours to its own, applied in one pass, plus the
reading colours in ``reader.ui.style`` (paper, ink, quotes, code, links,
find hits, flash) and the application palette (dialogs, menus, scroll bars).
Highlights are blended over the theme's paper by ``style.highlight_fill``, so
they stay readable in each theme. In the dark theme PDF pages are recoloured
(light ink on dark paper).
"""

from __future__ import annotations

import logging
import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPalette

from reader.ui import style

log = logging.getLogger("reader.ui.themes")

THEMES = ("light", "sepia", "dark", "system")
LABELS = {"light": "Light", "sepia": "Sepia", "dark": "Dark", "system": "Follow the System"}

#: Reading colours per theme (the light values are style.py's own).
_READING: dict[str, dict[str, str]] = {
    "light": {"PAPER": "#fbf9f4", "INK": "#262422", "MUTED": "#77726a", "ACCENT": "#3d6fb6", "QUOTE_INK": "#4a4640",
              "CODE_BG": "#f0ede6", "LINK_LINE": "#a9c0e2", "PAGE_BG": "#e4e1da", "FIND": "#a8e6df",
              "FIND_CURRENT": "#2bb3a3", "FLASH": "#f4a6d7", "RESTYLED": "#d8efd3"},
    "sepia": {"PAPER": "#f4ecd8", "INK": "#3b2f20", "MUTED": "#7f6d55", "ACCENT": "#8a5a2b", "QUOTE_INK": "#5a4a36",
              "CODE_BG": "#e9dfc6", "LINK_LINE": "#c9a77e", "PAGE_BG": "#ddd2b8", "FIND": "#a8e6df",
              "FIND_CURRENT": "#2bb3a3", "FLASH": "#f4a6d7", "RESTYLED": "#d3e6c4"},
    "dark": {"PAPER": "#1d1c1a", "INK": "#e4dfd6", "MUTED": "#9d978d", "ACCENT": "#82aee8", "QUOTE_INK": "#c9c2b6",
             "CODE_BG": "#2c2a27", "LINK_LINE": "#4d6d96", "PAGE_BG": "#151413", "FIND": "#7fd3c8",
             "FIND_CURRENT": "#3fd1bf", "FLASH": "#e88ac6", "RESTYLED": "#b5dfae"},
}

#: style.qss colours (light) -> sepia and dark.
_QSS_MAP: dict[str, dict[str, str]] = {
    "sepia": {
        "#f3f1ec": "#ece3cc", "#e0dcd3": "#d8ccb0", "#3a3733": "#3b2f20", "#e7e3da": "#e3d7bb", "#dad5ca": "#cfc1a2",
        "#e1dccf": "#dbcdac", "#77726a": "#7f6d55", "#fbf9f4": "#f4ecd8", "#b9d3f5": "#e0c79a", "#262422": "#3b2f20",
        "#3d6fb6": "#8a5a2b", "#ffffff": "#faf4e6", "#e3dfd6": "#dccfb3", "#f7faff": "#f6ead0", "#8a857c": "#8a7a62",
        "#d9d4c9": "#cdbf9f", "#d1ccc0": "#c8b998", "#f0ede6": "#ebe0c6", "#e9f1fb": "#efe4cb", "#bcd3ef": "#d8c49e",
        "#a8a296": "#a8987c",
    },
    "dark": {
        "#f3f1ec": "#252422", "#e0dcd3": "#3a3835", "#3a3733": "#dcd7ce", "#e7e3da": "#34322f", "#dad5ca": "#4a4743",
        "#e1dccf": "#403d39", "#77726a": "#a39d93", "#fbf9f4": "#1d1c1a", "#b9d3f5": "#35557f", "#262422": "#e4dfd6",
        "#3d6fb6": "#82aee8", "#ffffff": "#2b2a27", "#e3dfd6": "#3a3835", "#f7faff": "#27303c", "#8a857c": "#938d83",
        "#9b4a12": "#e6a271", "#d9d4c9": "#4d4a45", "#d1ccc0": "#4d4a45", "#f0ede6": "#35332f", "#a12a1c": "#f0907f",
        "#e0c9a6": "#6b5a36", "#fff4dc": "#3a3222", "#5a4215": "#f0dcb0", "#fde8e6": "#45201c", "#f0b9b2": "#7a3a33",
        "#7d1f14": "#f4c2bb", "#e9f1fb": "#1f2c3d", "#bcd3ef": "#35506f", "#1d3f6b": "#c4dbf7",
        "#a8a296": "#6f6a63",
    },
}

#: Fit and finish for every theme (written in light colours, mapped like style.qss): drop-down items under the
#: mouse, selected rows that stay readable, and a focus ring a keyboard user can see.
EXTRA_QSS = """
QComboBox QAbstractItemView { background: #ffffff; color: #262422; selection-background-color: #b9d3f5;
    selection-color: #262422; outline: none; }
QComboBox QAbstractItemView::item { min-height: 22px; padding: 2px 6px; }
QComboBox QAbstractItemView::item:hover { background: #e7e3da; color: #262422; }
QComboBox QAbstractItemView::item:selected { background: #b9d3f5; color: #262422; }
QTreeView, QTableView { background: #ffffff; color: #262422; alternate-background-color: #f3f1ec;
    selection-background-color: #b9d3f5; selection-color: #262422; }
QTreeView::item:selected, QTableView::item:selected { background: #b9d3f5; color: #262422; }
QTreeView::item:hover { background: #e7e3da; color: #262422; }
QHeaderView::section { background: #f3f1ec; color: #3a3733; border: none; border-bottom: 1px solid #e0dcd3;
    border-right: 1px solid #e0dcd3; padding: 3px 6px; }
QMenu { background: #ffffff; color: #262422; border: 1px solid #d9d4c9; }
QMenu::item:selected { background: #b9d3f5; color: #262422; }
QMenu::item:disabled { color: #a8a296; }
QMenuBar { background: #f3f1ec; color: #3a3733; }
QMenuBar::item:selected { background: #e7e3da; }
QLabel, QCheckBox, QRadioButton { color: #3a3733; }
QLineEdit, QPlainTextEdit, QComboBox, QSpinBox { color: #262422; }
QPushButton { color: #3a3733; }
QPushButton:focus, QToolButton:focus, QComboBox:focus, QCheckBox:focus { border: 2px solid #3d6fb6; }
QTreeView:focus, QTableView:focus, QListWidget:focus { border: 1px solid #3d6fb6; }
QTabBar::tab:focus { color: #262422; border-bottom: 2px solid #3d6fb6; }
QTextBrowser#readingView { color: #262422; }
"""

_HEX = re.compile(r"#[0-9a-fA-F]{6}\b")


def resolve(name: str) -> str:
    """"system" -> "dark" or "light" as Qt reports the desktop's colour scheme."""
    if name != "system":
        return name if name in _READING else "light"
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication) and app.styleHints().colorScheme() == Qt.ColorScheme.Dark:
        return "dark"
    return "light"


def stylesheet(name: str) -> str:
    """The application stylesheet in a theme's colours."""
    theme = resolve(name)
    qss = style.stylesheet() + EXTRA_QSS
    mapping = _QSS_MAP.get(theme)
    if not mapping:
        return qss
    return _HEX.sub(lambda m: mapping.get(m.group(0).lower(), m.group(0)), qss)


def apply(window: object, name: str) -> str:
    """Put a theme on: reading colours, the stylesheet, the palette. Returns the
    resolved theme; the caller lays the document out again."""
    theme = resolve(name)
    for key, value in _READING[theme].items():
        setattr(style, key, value)
    style.RECOLOR_PAGES = theme == "dark"
    style.THEME = theme
    style.HIGHLIGHT_ALPHA = 72 if theme == "dark" else 110
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        app.setPalette(palette(theme))
    set_sheet = getattr(window, "setStyleSheet", None)
    if set_sheet is not None:
        set_sheet(stylesheet(theme))
    log.info("theme %s", theme)
    return theme


def color(light_hex: str) -> QColor:
    """A colour written for the light theme, in the current theme (for widgets
    that paint themselves, like the annotation cards)."""
    return QColor(_QSS_MAP.get(style.THEME, {}).get(light_hex.lower(), light_hex))


def palette(theme: str) -> QPalette:
    r = _READING[theme]
    chrome = _QSS_MAP.get(theme, {}).get("#f3f1ec", "#f3f1ec")
    base = _QSS_MAP.get(theme, {}).get("#ffffff", "#ffffff")
    pal = QPalette()
    role = QPalette.ColorRole
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        pal.setColor(group, role.Window, QColor(chrome))
        pal.setColor(group, role.WindowText, QColor(r["INK"]))
        pal.setColor(group, role.Base, QColor(base))
        pal.setColor(group, role.AlternateBase, QColor(chrome))
        pal.setColor(group, role.Text, QColor(r["INK"]))
        pal.setColor(group, role.Button, QColor(chrome))
        pal.setColor(group, role.ButtonText, QColor(r["INK"]))
        pal.setColor(group, role.ToolTipBase, QColor(base))
        pal.setColor(group, role.ToolTipText, QColor(r["INK"]))
        pal.setColor(group, role.PlaceholderText, QColor(r["MUTED"]))
        pal.setColor(group, role.Highlight, QColor(_QSS_MAP.get(theme, {}).get("#b9d3f5", "#b9d3f5")))
        pal.setColor(group, role.HighlightedText, QColor(r["INK"]))
        pal.setColor(group, role.Link, QColor(r["ACCENT"]))
    pal.setColor(QPalette.ColorGroup.Disabled, role.Text, QColor(r["MUTED"]))
    pal.setColor(QPalette.ColorGroup.Disabled, role.WindowText, QColor(r["MUTED"]))
    pal.setColor(QPalette.ColorGroup.Disabled, role.ButtonText, QColor(r["MUTED"]))
    return pal


def recolor(img: QImage) -> QImage:
    """A PDF page for the dark theme: white paper becomes the theme's paper and
    black ink its ink (lightness inverted; colours keep roughly their hue)."""
    out = img.convertToFormat(QImage.Format.Format_RGB32)
    out.invertPixels()
    # Inverted white is pure black: lift it to the theme's paper so pages match the reading view.
    paper = QColor(style.PAPER)
    from PySide6.QtGui import QPainter

    p = QPainter(out)
    p.setCompositionMode(QPainter.CompositionMode.CompositionMode_Lighten)
    p.fillRect(out.rect(), paper)
    p.end()
    return out


def luminance(color: QColor) -> float:
    """WCAG relative luminance (for contrast checks)."""

    def ch(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * ch(color.redF()) + 0.7152 * ch(color.greenF()) + 0.0722 * ch(color.blueF())


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
