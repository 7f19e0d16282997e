"""Colours, fonts and the stylesheet: one place for how Reader looks."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor

RESOURCES = Path(__file__).resolve().parent.parent.parent / "resources"
if not RESOURCES.exists():  # installed as a wheel: resources ship inside the package
    RESOURCES = Path(__file__).resolve().parent.parent / "resources"

#: Highlight colours in key order 1..7 (Zotero's palette); keys 1-5 pick the first five.
HIGHLIGHT_COLORS: dict[str, str] = {
    "yellow": "#ffd400",
    "red": "#ff6666",
    "green": "#5fb236",
    "blue": "#2ea8e5",
    "purple": "#a28ae5",
    "orange": "#f19837",
    "gray": "#aaaaaa",
}
COLOR_NAMES = list(HIGHLIGHT_COLORS)
#: What Reader opens when no file is given.
SAMPLE = RESOURCES / "sample-article.md"

PAPER = "#fbf9f4"
INK = "#262422"
MUTED = "#77726a"
ACCENT = "#3d6fb6"
SERIF = ["Charter", "Georgia", "Source Serif Pro", "Noto Serif", "DejaVu Serif", "serif"]
SANS = ["Inter", "Segoe UI", "Noto Sans", "DejaVu Sans", "sans-serif"]
MONO = ["JetBrains Mono", "DejaVu Sans Mono", "monospace"]
READING_WIDTH = 700  # px: about 70 characters a line at the reading size
FONT_PT = 12.5

# A person's reading choices (reader.ui.comfort) and the theme's colours
# (reader.ui.themes) are set here before the reading view lays a document out.
READING_FAMILY = SERIF
LINE_HEIGHT = 150  # percent
QUOTE_INK = "#4a4640"
CODE_BG = "#f0ede6"
LINK_LINE = "#a9c0e2"
#: Find hits, the current hit and the jump flash: hues no highlight colour uses.
FIND = "#a8e6df"
FIND_CURRENT = "#2bb3a3"
FLASH = "#f4a6d7"
MARK_INK = "#1d1b18"  # text over find hits and the flash, in every theme
RESTYLED = "#d8efd3"  # the "restyled" repair tint (not the selection blue)
PAGE_BG = "#e4e1da"  # behind PDF pages
RECOLOR_PAGES = False  # PDF pages drawn light-on-dark (dark theme)
THEME = "light"  # the theme on screen (reader.ui.themes)
HIGHLIGHT_ALPHA = 110  # how much of a highlight's colour covers the paper (less on dark paper)


def highlight_fill(name: str, alpha: int | None = None) -> QColor:
    """Translucent highlight over paper; opaque enough to see, light enough to read through."""
    alpha = HIGHLIGHT_ALPHA if alpha is None else alpha
    c = QColor(HIGHLIGHT_COLORS.get(name, HIGHLIGHT_COLORS["yellow"]))
    paper = QColor(PAPER)
    a = alpha / 255
    return QColor(
        round(c.red() * a + paper.red() * (1 - a)),
        round(c.green() * a + paper.green() * (1 - a)),
        round(c.blue() * a + paper.blue() * (1 - a)),
    )


def stylesheet() -> str:
    try:
        return (RESOURCES / "style.qss").read_text(encoding="utf-8")
    except OSError:
        return ""
