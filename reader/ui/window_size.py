"""Windows of lists (the Library, the Claim Ledger, Speakers) open as large as their content needs, within the screen.

A fixed size (950 x 540 on a 1400 x 900 screen) cut the columns short ("535,133 w…", titles) while the
screen had room. :func:`fit_columns` sizes each column to what its header and the rows on screen need
(a long-text column only up to a cap: it wraps or elides beyond) and :func:`fit_window` grows the window
to that, never past the screen's available area; the person's own resizing is never undone (each window
fits once, when its content first arrives).
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTreeView, QWidget

log = logging.getLogger("reader.window_size")

#: The part of the screen a window may take.
SCREEN_SHARE = 0.92


def _header(view: QAbstractItemView) -> QHeaderView | None:
    if isinstance(view, QTableView):
        return view.horizontalHeader()
    if isinstance(view, QTreeView):
        return view.header()
    return None


def _row_height(view: QAbstractItemView) -> int:
    model = view.model()
    if model is None or not model.rowCount():
        return 24
    if isinstance(view, QTableView):
        return max(1, view.rowHeight(0))
    if isinstance(view, QTreeView):
        return max(1, view.rowHeight(model.index(0, 0)), view.sizeHintForRow(0))
    return max(1, view.sizeHintForRow(0))


def fit_columns(view: QAbstractItemView, caps: dict[int, int] | None = None) -> int:
    """Size each column to its header and the rows on screen (at most ``caps[col]`` pixels);
    the columns' total width."""
    header = _header(view)
    model = view.model()
    if header is None or model is None:
        return view.sizeHintForColumn(0)
    total = 0
    for col in range(model.columnCount()):
        if header.isSectionHidden(col):
            continue
        width = max(header.sectionSizeHint(col), view.sizeHintForColumn(col))
        if caps and col in caps:
            width = min(width, caps[col])
        if header.sectionResizeMode(col) != QHeaderView.ResizeMode.Stretch:
            header.resizeSection(col, width)
        total += width
    return total


def available(window: QWidget) -> tuple[int, int]:
    """The width and height a window may take on its screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    area = screen.availableGeometry()
    return int(area.width() * SCREEN_SHARE), int(area.height() * SCREEN_SHARE)


def fit_window(window: QWidget, view: QAbstractItemView, content_width: int, rows: int | None = None,
               minimum: tuple[int, int] = (640, 400)) -> None:
    """Size ``window`` so ``view`` shows ``content_width`` pixels of columns (and ``rows`` rows, if given)
    without a horizontal scroll bar, within the screen and no smaller than ``minimum``."""
    max_w, max_h = available(window)
    around = window.width() - view.viewport().width()  # margins, frames, the vertical scroll bar's room
    bar = view.verticalScrollBar().sizeHint().width()
    width = min(max_w, max(minimum[0], content_width + around + bar))
    height = min(max_h, max(minimum[1], window.height()))
    if rows is not None:
        row_h = _row_height(view)
        header = _header(view)
        head_h = header.sizeHint().height() if header is not None and not header.isHidden() else 0
        want = rows * row_h + head_h + (window.height() - view.height()) + 2 * view.frameWidth() + 4
        log.debug("fit %s: %d rows of %d px, header %d, around %d", window.objectName(), rows, row_h, head_h,
                  window.height() - view.height())
        height = min(max_h, max(height, want))
    window.resize(width, height)
