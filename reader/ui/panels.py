"""The side tabs nobody sees in the first frame (Claims & Quotes, Repairs,
Search), built just after it and wired to the controller.

A new panel is a widget plus a few lines here: add its tab in :meth:`build`
and connect it to the controller's signals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Slot

from reader.ui import messages

if TYPE_CHECKING:
    from reader.analysis import Analysis
    from reader.session import HighlightsChanged
    from reader.ui.analysis_panel import AnalysisPanel
    from reader.ui.main_window import MainWindow
    from reader.ui.repairs import RepairsPanel
    from reader.ui.search_panel import SearchPanel


class SidePanels(QObject):
    def __init__(self, w: MainWindow) -> None:
        super().__init__(w)
        self.w = w
        self.built = False
        self._analysis: AnalysisPanel
        self._repairs: RepairsPanel
        self._search: SearchPanel
        # what the other panels show of the highlights (marks, tag counts) follows
        # a burst of changes once, not each one
        self._lists_timer = QTimer(self)
        self._lists_timer.setSingleShot(True)
        self._lists_timer.setInterval(150)
        self._lists_timer.timeout.connect(self._update_lists)
        from reader.ui import analysis_status

        self.status = analysis_status.install(w)  # how far a long book's claims and quotes are, in the status bar

    # Built on first use, or just after the document is on screen with its notes
    # (main_window.first_frame): a third of a second nobody should wait for.
    @property
    def analysis(self) -> AnalysisPanel:
        self.build()
        return self._analysis

    @property
    def repairs(self) -> RepairsPanel:
        self.build()
        return self._repairs

    @property
    def search(self) -> SearchPanel:
        self.build()
        return self._search

    def build(self) -> None:
        if self.built or self.w.controller.closing:  # never after shutdown: the Search tab runs a thread
            return
        self.built = True
        from reader.ui.analysis_panel import AnalysisPanel
        from reader.ui.repairs import RepairsPanel
        from reader.ui.search_panel import SearchPanel

        w, ctl = self.w, self.w.controller
        self._analysis = AnalysisPanel()
        self._repairs = RepairsPanel()
        self._search = SearchPanel(ctl.db_path)
        i = w.tabs.addTab(self.analysis, "Claims")  # short: six tabs fit the side panel at the default size
        w.tabs.setTabToolTip(i, "Claims & Quotes: what the document asserts and who it quotes")
        w.tabs.addTab(self.repairs, "Repairs")
        w.tabs.addTab(self.search, "Search")
        self.repairs.toggled.connect(w.texts.set_repair_applied)
        self.repairs.activated.connect(w.texts.show_raw_offset)
        self.analysis.activated.connect(w.marks.jump_to_range)
        self.analysis.highlightRequested.connect(w.marks.highlight_finding)
        self.analysis.reviewChanged.connect(self._save_review)
        ctl.leaving.connect(self.analysis.save_pending)  # a review typed and not saved: saved, not lost
        from reader.ui import quote_fix

        self.quote_fix = quote_fix.install(self._analysis, ctl)  # a quote's wrong speaker, or no quote at all
        self.w.controller.external.reviewsChanged.connect(self.analysis.set_reviews)
        from reader.ui import claim_marks

        claim_marks.install(w)  # disputed and false claims marked in the text
        self.search.openRequested.connect(w.marks.open_highlight)
        self.search.query.textChanged.connect(self._query_to_toolbar)  # one query in both fields
        self.search.clear_on_escape(self.w.menus.search_field)
        from reader.ui.library_actions import open_at

        self.search.rangeRequested.connect(lambda path, s, e: open_at(w, path, s, e))  # claims, quotes
        ctl.documentOpened.connect(lambda _doc: self.analysis.clear())  # not the last document's findings
        ctl.loading.connect(self._another_opening)  # nor while the next one is read
        ctl.pagesOpened.connect(lambda *_a: self._another_opening(""))
        ctl.openFailed.connect(self._open_failed)
        ctl.documentOpened.connect(lambda _doc: self.repairs.setEnabled(True))
        ctl.analysisStarted.connect(lambda: self.analysis.set_busy("Finding claims and quotes…"))
        from reader.ui.analysis_status import phase

        ctl.analysisProgress.connect(  # a long book takes a while the first time: say how far it is
            lambda done, total: self.analysis.set_busy(phase(done, total)))
        ctl.analysisReady.connect(self._analysis_ready)
        ctl.quotesCorrected.connect(self.analysis.quotes_corrected)  # one quote moves (quote_fixes.QuotesCorrected)
        ctl.analyser.findings.remembered.connect(self._findings_written)
        ctl.analysisFailed.connect(
            lambda: self.analysis.set_busy("Claims and quotes could not be found in this document (see the log)."))
        ctl.storeOpened.connect(self._store_opened)
        ctl.highlightsChanged.connect(self._highlights_changed)
        ctl.sessionReady.connect(lambda _s: self._lists_timer.start())
        # notes another program wrote to any document (a run of `reader highlight`): their tags too
        ctl.external.written.connect(self._lists_timer.start)
        from reader.ui.sync_status import attach_sync

        self.sync = attach_sync(w)  # File > Sync Now, the status-bar line, the Group tab
        if ctl.store is not None:
            self._store_opened(ctl.store)
        if ctl.analysis is not None:
            self._analysis_ready(ctl.analysis)
        elif ctl.analysing:
            self.analysis.set_busy("Finding claims and quotes…")
        w.texts.update_repairs()

    @Slot(str)
    def _another_opening(self, name: str) -> None:
        """Another document is being read: this one's claims and repairs can no longer be used."""
        self.analysis.save_pending()
        self.analysis.clear(f"Opening {name}…" if name else "Reading the document…")
        self.repairs.setEnabled(False)

    @Slot()
    def _open_failed(self) -> None:
        """The document being opened could not be: the one still shown gets its panels back."""
        ctl = self.w.controller
        self.repairs.setEnabled(True)
        if ctl.analysis is not None:
            self._analysis_ready(ctl.analysis)
        elif ctl.analysing:
            self.analysis.set_busy("Finding claims and quotes…")

    @Slot(object)
    def _store_opened(self, store: Any) -> None:
        self.search.store_for_lists = store
        self.search.refresh_lists()

    def _ranges(self) -> list[tuple[int, int]]:
        session = self.w.controller.session
        return [(h.start, h.end) for h in session.highlights if not h.orphaned] if session else []

    @Slot(object)
    def _analysis_ready(self, result: Analysis) -> None:
        self.analysis.set_analysis(result, self.w.controller.claim_reviews(), self._ranges())

    @Slot(object)
    def _findings_written(self, _done: object) -> None:
        """A document's claims and quotes are in the notes file now: a search shown is run again (its quotes)."""
        if self.search.query.text().strip():
            self.search.run()

    @Slot(object)
    def _highlights_changed(self, _change: HighlightsChanged) -> None:
        self._lists_timer.start()

    def _update_lists(self) -> None:
        if self.w.controller.closing:
            return
        self.analysis.set_highlighted(self._ranges())
        self.search.refresh_lists()

    @Slot(str, str, str, str)
    def _save_review(self, key: str, status: str, note: str, source: str) -> None:
        review = self.w.controller.save_review(key, status, note, source)
        if review is not None:
            self.analysis.set_review(review)
            messages.status(f"Claim marked {status}.")

    # -- the Search tab ---------------------------------------------------------------

    @Slot()
    def show_search(self) -> None:
        self.build()
        if not self.w.tabs.isVisible():
            self.w.menus.panel_action.setChecked(True)
        self.w.tabs.setCurrentWidget(self.search)
        self.search.query.setFocus()
        self.search.query.selectAll()

    @Slot(str)
    def toolbar_search(self, text: str) -> None:
        self.build()
        if self.w.tabs.currentWidget() is not self.search:
            self.w.tabs.setCurrentWidget(self.search)
        self.search.query.setText(text)

    @Slot(str)
    def _query_to_toolbar(self, text: str) -> None:
        """The toolbar's search field shows the query the Search tab runs (a saved search, a tag
        clicked, words typed there): never an older one."""
        field = self.w.menus.search_field
        if field.text() != text:
            field.setText(text)

    @Slot()
    def toolbar_enter(self) -> None:
        self.build()
        self.search.query.returnPressed.emit()

    def shutdown(self) -> None:
        self._lists_timer.stop()
        if self.built:
            self.analysis.save_pending()  # (the notes file is still open)
            self.search.shutdown()
            self.sync.shutdown()
