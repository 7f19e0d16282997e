"""How far the claims and quotes analysis is, in the status bar: a long book's takes seconds, and the side
panel (which says so too) may be closed or on another tab. Shown only once the analysis has taken
``SHOW_AFTER_MS`` (an article's is over before that); a bar that runs (busy) while the worker starts and loads
its models and again while the speakers are named, a percentage of the text analysed in between."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QProgressBar

from reader.ui.figures import count as figure

if TYPE_CHECKING:
    from reader.analysis import Analysis
    from reader.ui.main_window import MainWindow

SHOW_AFTER_MS = 800

FINDING = "Finding claims and quotes…"
NAMING = "Naming the speakers…"


def phase(done: int, total: int) -> str:
    """What the panel and the status bar say while the analysis runs."""
    if total > 0 and done >= total:
        return NAMING  # the text is read: the last stretches end, the speakers are named and grouped
    return f"{FINDING} {figure(100 * done // max(1, total))}%"


def _n(count: int, noun: str) -> str:
    """"1 position", "2 positions"."""
    return f"{figure(count)} {noun}{'' if count == 1 else 's'}"


def summary(result: Analysis) -> tuple[str, str, int, int]:
    """The Claims panel's sentence of counts (quotes, positions, speakers, claims, terms), its one-line form (a
    short panel), the quotes, the positions."""
    from reader.speaker_labels import DISMISSED, NON_PEOPLE

    # people (and polls, media) named: not "Speaker not named (he, they…)", as the Speakers window counts
    # (not the passages the reader dismissed as no quotes: their heading says how many)
    quotes = [q for q in result.quotes if q.extra.get("group") != DISMISSED]
    speakers = len({q.extra.get("group") for q in quotes if q.speaker} - set(NON_PEOPLE))
    positions = sum(1 for q in quotes if q.kind == "position")
    text = (f"{_n(len(quotes) - positions, 'quote')} and {_n(positions, 'position')} from "
            f"{_n(speakers, 'speaker')}, {_n(len(result.claims), 'check-worthy claim')}, "
            f"{_n(len(result.terms), 'quoted term')}. Click an entry to see it in the text."
            + (" Read as a story: only the dates and figures of its narration are claims." if result.story else ""))
    short = " · ".join((_n(speakers, "speaker"), _n(len(quotes) - positions, "quote"), _n(positions, "position"),
                        _n(len(result.claims), "claim"), _n(len(result.terms), "term")))
    return text, short, len(quotes) - positions, positions


class AnalysisStatus:
    def __init__(self, w: MainWindow) -> None:
        self.w = w
        self.label = QLabel()
        self.label.setObjectName("analysisStatus")
        self.bar = QProgressBar()
        self.bar.setObjectName("analysisProgress")
        self.bar.setMaximumWidth(120)
        self.bar.setTextVisible(False)  # the label says the figure
        self.done, self.total = 0, 0
        for widget in (self.label, self.bar):
            widget.hide()
            w.statusBar().addPermanentWidget(widget)
        self.timer = QTimer(w)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SHOW_AFTER_MS)
        self.timer.timeout.connect(self._show)
        ctl = w.controller
        ctl.analysisStarted.connect(self._started)
        ctl.analysisProgress.connect(self._progress)
        for signal in (ctl.analysisReady, ctl.analysisFailed, ctl.documentOpened, ctl.loading, ctl.pagesOpened):
            signal.connect(self._over)

    def _started(self) -> None:
        self.done, self.total = 0, 0
        if not self.label.isVisible():
            self.timer.start()
        self._update()

    def _progress(self, done: int, total: int) -> None:
        self.done, self.total = done, total
        self._update()

    def _update(self) -> None:
        self.label.setText(phase(self.done, self.total))
        if self.done == 0 or self.done >= self.total:  # starting, or naming the speakers: no figure yet, a busy bar
            self.bar.setRange(0, 0)
        else:
            self.bar.setRange(0, self.total)
            self.bar.setValue(self.done)

    def _show(self) -> None:
        if self.w.controller.analysing:
            self.label.show()
            self.bar.show()

    def _over(self, *_args: object) -> None:
        self.timer.stop()
        self.label.hide()
        self.bar.hide()

    @property
    def shown(self) -> bool:
        return self.label.isVisible()


def install(w: MainWindow) -> AnalysisStatus:
    return AnalysisStatus(w)
