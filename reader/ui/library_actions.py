"""The window's library-wide actions, kept out of main_window: the claim ledger,
speaker pages, claims reviewed elsewhere, opening a document at a passage,
Copy as Quote and deep links. main_window calls :func:`install` once and the
hooks below at the moments they name."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from reader.ui import messages

if TYPE_CHECKING:
    from reader.ui.findings_writer import Remembered
    from reader.ui.main_window import MainWindow

log = logging.getLogger("reader.ui.library")


def install(w: MainWindow) -> None:
    """Menu entries: Edit > Copy as Quote, View > Claim Ledger, View > Speakers."""
    edit = _menu(w, "Edit")
    copy_quote = edit.addAction("Copy as &Quote", QKeySequence("Ctrl+Shift+C"), lambda: copy_as_quote(w))
    copy_quote.setToolTip("The passage with its citation (author, title, date, page) and a link back")
    copy_quote.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    w.addAction(copy_quote)
    view = _menu(w, "View")
    view.addSeparator()
    view.addAction("Claim &Ledger", QKeySequence("Ctrl+Shift+E"), lambda: show_ledger(w))
    view.addAction("Spea&kers", QKeySequence("Ctrl+Shift+K"), lambda: show_speakers(w))
    _menu(w, "&Help").addAction("&About Reader", lambda: show_about(w))
    # the document's findings written to the notes file (off the GUI thread, reader/ui/findings_writer.py)
    w.controller.analyser.findings.remembered.connect(lambda done: findings_remembered(w, done))


def show_about(w: MainWindow) -> None:
    from PySide6.QtCore import qVersion
    from PySide6.QtWidgets import QMessageBox

    from reader.about import about_text, version, version_line

    box = QMessageBox(QMessageBox.Icon.NoIcon, "About Reader", f"Reader {version()}: read closely, highlight, annotate, "
                      f"and check what an article claims.\n{version_line(qVersion())}", QMessageBox.StandardButton.Close, w)
    box.setInformativeText(about_text())
    box.setObjectName("aboutBox")
    box.open()


def _menu(w: MainWindow, name: str) -> QMenu:
    for a in w.menuBar().actions():
        if a.text().replace("&", "") == name.replace("&", "") and a.menu() is not None:
            return a.menu()  # type: ignore[return-value]
    return w.menuBar().addMenu(name)


_windows: dict[int, dict[str, QWidget]] = {}  # id(main window) -> its ledger and speakers windows


def _window(w: MainWindow, name: str) -> QWidget | None:
    return _windows.get(id(w), {}).get(name)


# -- opening a document at a passage -------------------------------------------------------


def open_at(w: MainWindow, path: str, start: int, end: int) -> None:
    """Open ``path`` (if it is not the open document) and flash [start, end)."""
    if not path or not Path(path).exists():
        messages.warning(f"That document is no longer at {path or 'its old place'}. Open it from its new place "
                         "and its notes come back.")
        return
    if w.doc is not None and w.session is not None and Path(w.doc.path).resolve() == Path(path).resolve():
        w.marks.jump_to_range(start, end)
        return

    def shown(doc: object) -> None:
        w.documentShown.disconnect(shown)
        if w.doc is not None and Path(w.doc.path).resolve() == Path(path).resolve():
            w.marks.jump_to_range(start, end)

    w.documentShown.connect(shown)
    w.open_path(path)


# -- the ledger and speakers ---------------------------------------------------------------


def show_ledger(w: MainWindow) -> None:
    from reader.ui.ledger import LedgerWindow

    win = _window(w, "ledger")
    if not isinstance(win, LedgerWindow):
        win = LedgerWindow(w.controller.db_path, w)
        win.openRequested.connect(lambda p, s, e: open_at(w, p, s, e))
        w.controller.external.written.connect(win.take_changes)  # what the command line writes shows here
        _windows.setdefault(id(w), {})["ledger"] = win
    win.reload()
    _bring_up(win)


def show_speakers(w: MainWindow, name: str = "") -> None:
    from reader.ui.speakers import SpeakersWindow

    win = _window(w, "speakers")
    if not isinstance(win, SpeakersWindow):
        win = SpeakersWindow(w.controller.db_path, w)
        win.openRequested.connect(lambda p, s, e: open_at(w, p, s, e))
        _windows.setdefault(id(w), {})["speakers"] = win
    win.reload()
    if name:
        win.show_person(name)
    _bring_up(win)


def _bring_up(win: QWidget) -> None:
    win.show()
    if QGuiApplication.platformName() != "offscreen":  # offscreen Qt cannot raise windows (and says so)
        win.raise_()


def shutdown(w: MainWindow) -> None:
    for win in _windows.pop(id(w), {}).values():
        win.shutdown()  # type: ignore[attr-defined]
    library = getattr(w, "library_window", None)
    if library is not None:
        library.shutdown()  # a big Library still being read


# -- hooks ---------------------------------------------------------------------------------


def findings_remembered(w: MainWindow, done: Remembered) -> None:
    """The document's claims and quotes are in the notes file: the Speakers window reads them (if shown), the
    panel shows its claims reviewed in other documents."""
    speakers = _window(w, "speakers")
    if speakers is not None and speakers.isVisible():
        speakers.reload()  # type: ignore[attr-defined]
    ctl = w.controller
    if not w.panels.built or ctl.analysis is not done.result:  # another document's by now
        return
    panel = w.panels.analysis
    if not panel.property("elsewhereConnected"):
        panel.elsewhereRequested.connect(lambda p, s, e: open_at(w, p, s, e))
        panel.setProperty("elsewhereConnected", True)
    panel.set_elsewhere(done.elsewhere)


# -- Copy as Quote -------------------------------------------------------------------------


def citation(w: MainWindow, start: int, page: int | None) -> str:
    from reader.export.model import document_meta

    assert w.doc is not None
    found, date = document_meta(str(w.doc.path), w.doc.kind)
    author = w.doc.author or found
    parts = [p for p in (author, f"“{w.doc.title}”", date[:10] if date else "") if p]
    if page is not None:
        parts.append(f"p. {page + 1}")
    return ", ".join(parts)


def copy_as_quote(w: MainWindow) -> str:
    """The selection (or the current highlight) with its citation and a link back, on the clipboard."""
    from reader.deeplinks import DeepLink

    if w.doc is None or w.session is None:
        messages.info("Open a document first.")
        return ""
    sel = w.current_view.selection_range()
    hid = None
    if sel is None:
        cur = w.panel.current_id() if hasattr(w.panel, "current_id") else None
        h = w.session.highlight(cur) if cur is not None else None
        if h is None:
            messages.info("Select a passage (or a highlight) to copy as a quote.")
            return ""
        sel, hid = (h.start, h.end), h.id
    else:
        h = next((h for h in w.session.highlights if (h.start, h.end) == sel), None)
        hid = h.id if h else None
    start, end = sel
    passage = " ".join(w.doc.text[start:end].replace("\u2028", " ").split())
    link = DeepLink(w.doc.fingerprint, highlight=hid, quote=None if hid is not None else passage[:300]).url()
    text = f"“{passage}”\n— {citation(w, start, w.doc.page_at(start))}\n{link}"
    mime = QMimeData()
    mime.setText(text)
    from html import escape

    mime.setHtml(f"<blockquote>“{escape(passage)}”</blockquote><p>— {escape(citation(w, start, w.doc.page_at(start)))}"
                 f" <a href=\"{escape(link)}\">open in Reader</a></p>")
    QGuiApplication.clipboard().setMimeData(mime)
    messages.status("Copied the passage with its citation and a link back.")
    return text
