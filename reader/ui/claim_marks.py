"""Claims a person reviewed as disputed or false are marked in the text: a
wavy underline (orange for disputed, red for false) with the verdict and
the person's note on hover. Refreshed when the analysis arrives, when a
review changes (here or in another program), and whenever the text is laid out again."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QTextCharFormat

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

MARKED = {"disputed": "#d07a00", "false": "#c62828"}


def install(w: MainWindow) -> None:
    ctl = w.controller
    ctl.analysisReady.connect(lambda _r: refresh(w))
    ctl.documentChanged.connect(lambda _d: QTimer.singleShot(0, lambda: refresh(w)))
    w.panels.analysis.reviewChanged.connect(lambda *_a: QTimer.singleShot(0, lambda: refresh(w)))
    ctl.external.reviewsChanged.connect(lambda _r: QTimer.singleShot(0, lambda: refresh(w)))  # changed by another program
    refresh(w)


def marks(analysis: Any, reviews: dict[str, Any]) -> list[tuple[int, int, QTextCharFormat]]:
    out = []
    for c in analysis.claims if analysis is not None else []:
        review = reviews.get(c.key)
        status = getattr(review, "status", "")
        if status not in MARKED:
            continue
        f = QTextCharFormat()
        f.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        f.setUnderlineColor(QColor(MARKED[status]))
        note = getattr(review, "note", "")
        f.setToolTip(f"Claim marked {status}" + (f": {note}" if note else ""))
        out.append((c.start, c.end, f))
    return out


def refresh(w: MainWindow) -> None:
    """Mark the reviewed claims on the reading view (not on the original text:
    the claims' offsets are the reading text's)."""
    ctl = w.controller
    if ctl.closing or w.texts.original or ctl.doc is None or w.view.doc is not ctl.doc:
        w.view.set_claim_marks([])
        return
    w.view.set_claim_marks(marks(ctl.analysis, ctl.claim_reviews()))
