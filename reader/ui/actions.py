"""The window's menus, toolbar and shortcuts, in one place.

A new feature adds its action here (or to ``file_menu``/``edit_menu``/
``view_menu`` from its own module) and connects it to its own slot; the
actions only call the window's public methods and the controller.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import QLineEdit, QMenu, QSizePolicy, QToolBar, QToolButton, QWidget

from reader.ui import messages, style
from reader.ui.highlight_styles import StyleChoice, restyle_menu

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


def swatch_icon(hexcolor: str) -> QIcon:
    pm = QPixmap(16, 16)
    pm.fill(QColor(hexcolor))
    return QIcon(pm)


def _with_fallback(standard: QKeySequence.StandardKey, fallback: str) -> list[QKeySequence]:
    """The platform's keys for ``standard``, and ``fallback`` if they lack it."""
    keys = QKeySequence.keyBindings(standard)
    if not any(k.matches(QKeySequence(fallback)) == QKeySequence.SequenceMatch.ExactMatch for k in keys):
        keys.append(QKeySequence(fallback))
    return keys


class Actions:
    """Every QAction of the window, its menus and its toolbar."""

    def __init__(self, w: MainWindow) -> None:
        self.window = w
        ctl = w.controller
        mb = w.menuBar()
        self.file_menu = file_menu = mb.addMenu("&File")
        self.open_action = file_menu.addAction("&Open…", QKeySequence.StandardKey.Open, w.choose_file)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self.fill_recent)
        self.library_action = file_menu.addAction("&Library…", QKeySequence("Ctrl+Shift+L"), w.show_library)
        file_menu.addSeparator()
        # keys as GIMP's Export (Ctrl+E) and Okular's Save As (Ctrl+Shift+S, the PDF with its highlights);
        # none is another action's (tests/test_file_keys.py)
        self.export_action = file_menu.addAction("&Export…", QKeySequence("Ctrl+E"), w.export_notes)
        self.export_action.setToolTip("This document's notes as Markdown, JSON, W3C Web Annotation, CSV or an annotated PDF")
        self.import_action = file_menu.addAction("&Import Notes…", QKeySequence("Ctrl+I"), w.import_notes)
        self.export_pdf_action = file_menu.addAction("Export Annotated &PDF…", QKeySequence("Ctrl+Shift+S"),
                                                     w.pdf.export_annotated_pdf)
        self.export_pdf_action.setEnabled(False)
        file_menu.addSeparator()
        from reader.ui.quitting import quit_reader

        self.quit_action = file_menu.addAction("&Quit", lambda: quit_reader(w))
        # Ctrl+Q whatever the platform's theme says (some, and Qt's offscreen platform, have no Quit key),
        # from any of Reader's windows, while a long file is still opening too (quitting cancels it)
        self.quit_action.setShortcuts(_with_fallback(QKeySequence.StandardKey.Quit, "Ctrl+Q"))
        self.quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)

        self.edit_menu = edit = mb.addMenu("&Edit")
        # Fixed labels (the toolbar stays put); what would be undone is in the tooltip.
        stack = ctl.undo.group  # the open document's own history (reader/ui/undo_history.py)
        self.undo_action = QAction("&Undo", w)
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.undo_action.triggered.connect(lambda: self._step(stack.undoText(), stack.undo, "Undone", -1))
        self.redo_action = QAction("&Redo", w)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.triggered.connect(lambda: self._step(stack.redoText(), stack.redo, "Redone", 0))
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        stack.undoTextChanged.connect(lambda t: self.undo_action.setToolTip(f"Undo {t}" if t else "Undo"))
        stack.redoTextChanged.connect(lambda t: self.redo_action.setToolTip(f"Redo {t}" if t else "Redo"))
        for a in (self.undo_action, self.redo_action):
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            edit.addAction(a)
            w.addAction(a)
        edit.addSeparator()
        self.color_actions: dict[str, QAction] = {}
        hl_menu = edit.addMenu("&Highlight")
        for i, (name, hexcolor) in enumerate(style.HIGHLIGHT_COLORS.items()):
            a = QAction(swatch_icon(hexcolor), name.capitalize(), w)
            if i < 5:
                a.setToolTip(f"Highlight in {name} ({i + 1})")
            a.triggered.connect(lambda _c=False, n=name: w.marks.highlight_selection(n))
            self.color_actions[name] = a
            hl_menu.addAction(a)
        hl_menu.addSeparator()  # the style beside the colours: new highlights', or the chosen one's
        self.styles = StyleChoice(w, w.marks.choose_style)
        self.styles.add_to(hl_menu)
        w.view.addActions(list(self.styles.actions.values()))  # their keys where a highlight is chosen
        w.panel.list.addActions(list(self.styles.actions.values()))
        self.note_action = edit.addAction("Highlight and Add &Note", QKeySequence("Ctrl+Shift+N"), w.marks.highlight_and_note)
        self.delete_action = edit.addAction("&Delete Highlight", QKeySequence(Qt.Key.Key_Delete), w.marks.delete_current)
        # Delete where a highlight is chosen (the text, the annotations list; the page view adds it when made),
        # never in a note or a filter being typed in
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        w.view.addAction(self.delete_action)
        w.panel.list.addAction(self.delete_action)
        self.search_action = edit.addAction("&Search All Notes…", QKeySequence("Ctrl+Shift+F"), w.panels.show_search)
        self.find_action = edit.addAction("&Find in Document…", QKeySequence.StandardKey.Find, w.find_bar.open)

        self.view_menu = view_menu = mb.addMenu("&View")
        self.panel_action = view_menu.addAction("&Side Panel")
        self.panel_action.setCheckable(True)
        self.panel_action.setChecked(True)
        self.panel_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.panel_action.toggled.connect(w.tabs.setVisible)
        # the side panel's tabs from anywhere in the window (Qt's own Ctrl+Tab works only inside the panel)
        self.next_tab_action = view_menu.addAction("Ne&xt Panel Tab", QKeySequence("Ctrl+PgDown"),
                                                   lambda: self._step_tab(1))
        self.previous_tab_action = view_menu.addAction("Pre&vious Panel Tab", QKeySequence("Ctrl+PgUp"),
                                                       lambda: self._step_tab(-1))
        # the document's highlights one by one from where you are (Okular's and Zotero's users look for it);
        # in the text, on PDF pages and in the annotations list, not in a note or a list box being typed in
        self.next_highlight_action = view_menu.addAction("Next &Highlight", QKeySequence("Alt+Down"),
                                                         lambda: w.marks.step_highlight(1))
        self.previous_highlight_action = view_menu.addAction("Previous Highligh&t", QKeySequence("Alt+Up"),
                                                             lambda: w.marks.step_highlight(-1))
        self.step_actions = [self.next_highlight_action, self.previous_highlight_action]
        for a in self.step_actions:
            a.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        w.view.addActions(self.step_actions)
        w.panel.list.addActions(self.step_actions)
        self.original_action = view_menu.addAction("Show &Original Text")
        self.original_action.setCheckable(True)
        self.original_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.original_action.setToolTip("The text as converted, with every repair marked")
        self.original_action.toggled.connect(w.texts.set_original)
        view_menu.addSeparator()
        pdf = w.pdf
        self.page_action = view_menu.addAction("&Page View")
        self.page_action.setCheckable(True)
        self.page_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.page_action.setToolTip("The PDF's real pages, or its text for reading")
        self.page_action.toggled.connect(pdf.set_page_mode)
        from reader.ui.comfort import zoom  # the pages zoom in the page view, the font in the text (kept)

        self.zoom_in_action = view_menu.addAction("Zoom &In", QKeySequence.StandardKey.ZoomIn, lambda: zoom(w, 1))
        self.zoom_out_action = view_menu.addAction("Zoom &Out", QKeySequence.StandardKey.ZoomOut, lambda: zoom(w, -1))
        self.fit_width_action = view_menu.addAction("Fit &Width", lambda: pdf.page_view.set_zoom(1, "width"))
        self.fit_page_action = view_menu.addAction("Fit Pa&ge", lambda: pdf.page_view.set_zoom(1, "page"))
        view_menu.addSeparator()
        from reader.ui.encoding_menu import EncodingMenu

        self.encoding_menu = EncodingMenu(lambda: w.controller.doc, w.open_path, w)
        view_menu.addMenu(self.encoding_menu)

        self.toolbar = self._toolbar(w)

    def _toolbar(self, w: MainWindow) -> QToolBar:
        tb = w.addToolBar("Main")
        tb.setMovable(False)
        tb.setObjectName("mainToolbar")
        tb.addAction(self.open_action)
        tb.addSeparator()
        for name in style.COLOR_NAMES[:5]:
            btn = QToolButton()
            btn.setObjectName("swatch")
            btn.setDefaultAction(self.color_actions[name])
            btn.setToolTip(self.color_actions[name].toolTip())
            hexcolor = style.HIGHLIGHT_COLORS[name]
            btn.setStyleSheet(
                f"QToolButton#swatch {{ background: {hexcolor}; border: 1px solid rgba(0,0,0,0.15); }}"
                "QToolButton#swatch:hover { border: 1px solid #262422; }"
            )
            btn.setText("")
            btn.setIcon(QIcon())
            tb.addWidget(btn)
        tb.addWidget(self.styles.button)
        tb.addAction(self.note_action)
        tb.addSeparator()
        tb.addAction(self.undo_action)
        tb.addAction(self.redo_action)
        tb.addSeparator()
        tb.addAction(self.panel_action)
        tb.addAction(self.original_action)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        tb.addWidget(spacer)
        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText("Search all notes")
        self.search_field.setToolTip("Search the notes and highlights of every document (Ctrl+Shift+F)")
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setMaximumWidth(260)
        self.search_field.textEdited.connect(w.panels.toolbar_search)
        self.search_field.returnPressed.connect(w.panels.toolbar_enter)
        tb.addWidget(self.search_field)
        return tb

    def fill_recent(self) -> None:
        from pathlib import Path

        self.recent_menu.clear()
        records = self.window.controller.recent_documents(10)
        for r in records:
            label = f"{r.title}  —  {Path(r.path).name}"
            self.recent_menu.addAction(label, functools.partial(self.window.open_path, r.path))
        if not records:
            self.recent_menu.addAction("No recent documents").setEnabled(False)
        from reader.ui.elsewhere import add_to_recent

        add_to_recent(self.recent_menu, self.window)  # notes synced from other devices, no file here yet

    def _step_tab(self, step: int) -> None:
        """The next (or previous) tab of the side panel, shown if it was hidden, with the keyboard in it."""
        tabs = self.window.tabs
        if not tabs.isVisible():
            self.panel_action.setChecked(True)
        shown = [i for i in range(tabs.count()) if tabs.isTabVisible(i) and tabs.isTabEnabled(i)]
        if not shown:
            return
        at = shown.index(tabs.currentIndex()) if tabs.currentIndex() in shown else 0
        tabs.setCurrentIndex(shown[(at + step) % len(shown)])
        tabs.tabBar().setFocus()  # the focus ring says where; arrows go on from there

    def _step(self, what: str, do: Callable[[], None], done: str, at: int) -> None:
        """Undo or redo, and say what was (the last "Note saved." is no longer true); a quote's correction
        undone or redone while the Claims panel is not shown, which quote, and where it is listed."""
        if not what:
            return
        from reader.ui.annotations import elide

        stack = self.window.controller.undo_stack
        step = stack.command(stack.index() + at)
        words = str(getattr(step, "words", "") or "")  # (reader/ui/quote_ops.py CorrectQuote)
        do()
        tabs, claims = self.window.tabs, self.window.panels.analysis
        off_screen = bool(words) and not (tabs.isVisible() and tabs.currentWidget() is claims)
        where = f" (the quote “{elide(' '.join(words.split()), 60)}”, in the Claims tab)" if off_screen else ""
        messages.status(f"{done}: {what[0].lower() + what[1:]}{where}.")

    def fill_context_menu(self, menu: QMenu, offset: int) -> None:
        """The reading view's right-click menu: highlight the selection, or edit the highlight under it."""
        w = self.window
        menu.addSeparator()
        if w.current_view.selection_range():
            sub = menu.addMenu("Highlight")
            for a in self.color_actions.values():
                sub.addAction(a)
            sub.addSeparator()
            self.styles.add_to(sub)
            menu.addAction(self.note_action)
        session = w.controller.session
        h = session.highlight_at(offset) if session else None
        if h is not None:
            hid = h.id
            menu.addAction("Edit Note…", lambda: w.marks.select_highlight(hid, focus_note=True))
            recolor = menu.addMenu("Change Colour")
            for name, hexcolor in style.HIGHLIGHT_COLORS.items():
                recolor.addAction(swatch_icon(hexcolor), name.capitalize(),
                                  lambda n=name: w.controller.edit_highlight(hid, color=n))
            restyle_menu(menu, h.style, lambda n: w.marks.restyle(hid, n))
            menu.addAction("Delete Highlight", lambda: w.marks.delete_highlight(hid))
