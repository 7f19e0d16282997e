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

PAPER = "#fbf9f4"
INK = "#262422"
MUTED = "#77726a"
ACCENT = "#3d6fb6"
SERIF = ["Charter", "Georgia", "Source Serif Pro", "Noto Serif", "DejaVu Serif", "serif"]
SANS = ["Inter", "Segoe UI", "Noto Sans", "DejaVu Sans", "sans-serif"]
MONO = ["JetBrains Mono", "DejaVu Sans Mono", "monospace"]
READING_WIDTH = 700  # px: about 70 characters a line at the reading size
FONT_PT = 12.5


def highlight_fill(name: str, alpha: int = 110) -> QColor:
    """Translucent highlight over paper; opaque enough to see, light enough to read through."""
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
