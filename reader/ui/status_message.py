"""A status-bar message naming a file, cut with "…" to the room it has, the whole name in the tooltip.

QStatusBar draws a temporary message clipped at the first permanent widget, mid-word and with no sign that
anything is missing (tryout 12, s61c: "Opening govdocs1_027613_QMF_mar"). :func:`show_named` cuts the name in
its middle (the start and the extension stay) to the room left of the permanent widgets, and puts the whole
message in the bar's tooltip while it shows.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStatusBar, QWidget

#: QStatusBar's message margins (its messageRect: 6 px on the left, 2 before the first permanent widget).
_MARGINS = 6 + 2 + 4


def message_room(bar: QStatusBar) -> int:
    """The pixels a temporary message has: from the bar's left to its first visible permanent widget (normal
    widgets are hidden while a message shows)."""
    if (layout := bar.layout()) is not None:
        layout.activate()  # (a widget shown a moment ago, the progress bar, gets its place now)
    right = bar.width() - 12
    for child in bar.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if child.isVisible() and not child.isWindow() and child.x() > 0:
            right = min(right, child.x())
    return max(0, right - _MARGINS)


def show_cut(bar: QStatusBar, text: str, ms: int = 0) -> str:
    """Show a message for ``ms`` milliseconds (0: until the next), cut at its end with "…" when it does not fit
    the room the permanent widgets leave (tryout 13: "The PDF wa" beside a PDF's page controls); the whole
    message is the bar's tooltip while it shows. The text shown."""
    bar.showMessage(text, ms)
    room = message_room(bar)
    fm = bar.fontMetrics()
    shown = text if fm.horizontalAdvance(text) <= room else fm.elidedText(text, Qt.TextElideMode.ElideRight, room)
    if shown != text:
        bar.showMessage(shown, ms)
    _tip_while_shown(bar, text)
    return shown


def _tip_while_shown(bar: QStatusBar, whole: str) -> None:
    """The whole message as the bar's tooltip while the message shows (it goes with it: cleared, or another
    message shown by a plain ``showMessage``, review s13)."""
    bar.setToolTip(whole)
    bar.setProperty("tip_for", bar.currentMessage())
    if not bar.property("named_tip"):
        bar.setProperty("named_tip", True)
        bar.messageChanged.connect(lambda message, bar=bar: _message_changed(bar, message))


def _message_changed(bar: QStatusBar, message: str) -> None:
    if message != bar.property("tip_for"):
        bar.setToolTip("")


def show_named(bar: QStatusBar, before: str, name: str, after: str = "") -> str:
    """Show ``before + name + after``, the name cut in its middle with "…" when it does not fit; the whole
    message is the bar's tooltip until the message goes. The text shown."""
    whole = f"{before}{name}{after}"
    bar.showMessage(whole)  # (first: the normal widgets are hidden, the room is what the permanent ones leave)
    fm = bar.fontMetrics()
    room = message_room(bar)
    text = whole
    if fm.horizontalAdvance(whole) > room:
        left = max(0, room - fm.horizontalAdvance(before + after))
        text = f"{before}{fm.elidedText(name, Qt.TextElideMode.ElideMiddle, left)}{after}"
        bar.showMessage(text)
    _tip_while_shown(bar, whole)
    return text
