"""Reading comfort: a person's font size, font, line width, spacing and theme
(kept in their settings), the View > Reading menu, zoom in every view, where
they are in the status bar, and the Help menu.

Everything here hangs off the main window through :func:`install`; the
window only calls it once and routes its zoom actions to :func:`zoom`.
Settings live in QSettings (per person); ``READER_SETTINGS`` points them at
an INI file instead (tests, portable installs).
"""

from __future__ import annotations

import bisect
import logging
import os
from dataclasses import asdict, dataclass, fields
from typing import Any

from PySide6.QtCore import QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu

from reader.ui import style, themes

log = logging.getLogger("reader.ui.comfort")

SETTINGS_ENV = "READER_SETTINGS"
MIN_PT, MAX_PT, DEFAULT_PT = 8.0, 32.0, 12.5
WIDTHS = {"narrow": 560, "medium": 700, "wide": 880}  # px at the default size: ~55, 70, 88 characters a line
SPACINGS = {"compact": 130, "normal": 150, "relaxed": 175}
FAMILIES = {"serif": style.SERIF, "sans": style.SANS}


@dataclass
class Comfort:
    font_pt: float = DEFAULT_PT
    family: str = "serif"
    width: str = "medium"
    spacing: str = "normal"
    theme: str = "light"

    def clamp(self) -> Comfort:
        self.font_pt = min(MAX_PT, max(MIN_PT, float(self.font_pt)))
        self.family = self.family if self.family in FAMILIES else "serif"
        self.width = self.width if self.width in WIDTHS else "medium"
        self.spacing = self.spacing if self.spacing in SPACINGS else "normal"
        self.theme = self.theme if self.theme in themes.THEMES else "light"
        return self


def settings() -> QSettings:
    path = os.environ.get(SETTINGS_ENV)
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings("Reader", "Reader")


def load() -> Comfort:
    s = settings()
    c = Comfort()
    for f in fields(Comfort):
        value = s.value(f"reading/{f.name}")
        if value is None:
            continue
        try:
            setattr(c, f.name, float(value) if f.name == "font_pt" else str(value))
        except (TypeError, ValueError):
            log.info("ignoring a bad setting reading/%s=%r", f.name, value)
    return c.clamp()


def save(c: Comfort) -> None:
    s = settings()
    for key, value in asdict(c).items():
        s.setValue(f"reading/{key}", value)
    s.sync()


def apply_reading(c: Comfort) -> None:
    """The reading view's layout values (read when a document is laid out)."""
    style.FONT_PT = c.font_pt
    style.READING_FAMILY = FAMILIES[c.family]
    style.LINE_HEIGHT = SPACINGS[c.spacing]
    style.READING_WIDTH = round(WIDTHS[c.width] * c.font_pt / DEFAULT_PT)  # the measure stays in characters


# -- the window --------------------------------------------------------------------


def install(window: Any, theme: str | None = None) -> None:
    """Give the main window its reading choices, the View > Reading menu, the
    progress label and the Help menu (Keyboard Shortcuts, Open Sample Article)."""
    c = load()
    window.comfort = c
    apply_reading(c)
    window.theme = themes.apply(window, theme or c.theme)
    _build_menu(window)
    _build_help(window)
    from reader.ui import fit

    QTimer.singleShot(0, window, lambda: fit.install(window))  # once the splitter exists: the text keeps ~45 characters
    label = QLabel()
    label.setObjectName("readingProgress")
    label.setToolTip("Where you are in the document")
    label.setContentsMargins(10, 0, 4, 0)
    window.progress_label = label
    window.statusBar().addPermanentWidget(label)
    window.view.positionChanged.connect(lambda _o: update_progress(window))
    window.controller.pagesOpened.connect(lambda *_a: update_progress(window))  # from its pages' first frame
    window.documentShown.connect(lambda _d: QTimer.singleShot(0, lambda: update_progress(window)))
    window.documentShown.connect(lambda _d: QTimer.singleShot(0, lambda: save_place_when_all_shown(window)))
    # and whenever the text comes to fit (the window made taller, a smaller font, laid out after it was shown):
    # a short page shown whole said 0% in the Library when its first screen came before its final size
    window.view.verticalScrollBar().rangeChanged.connect(lambda _lo, hi: _fits_now(window, hi))
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):  # "Follow the System" follows it while Reader runs
        app.styleHints().colorSchemeChanged.connect(lambda _s: _system_changed(window))


def _system_changed(window: Any) -> None:
    if window.comfort.theme == "system":
        window.theme = themes.apply(window, "system")
        _restyle_pages(window)
        relayout(window)


def _build_menu(window: Any) -> None:
    acts = window.menus
    parent = acts.view_menu
    view_menu: QMenu | None = parent if isinstance(parent, QMenu) else None
    menu = QMenu("&Reading", window)
    window.reading_menu = menu
    acts.zoom_in_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")])
    window.actual_size_action = QAction("&Actual Size", window)
    window.actual_size_action.setShortcut(QKeySequence("Ctrl+0"))
    window.actual_size_action.triggered.connect(lambda: zoom(window, 0))
    window.addAction(window.actual_size_action)
    if view_menu is not None:  # beside View's Zoom In/Out (one pair in the menus, not two)
        view_menu.insertAction(acts.fit_width_action, window.actual_size_action)
    else:
        menu.addAction(window.actual_size_action)
    menu.addSeparator()

    def choice(title: str, options: dict[str, str], attr: str) -> QActionGroup:
        sub = menu.addMenu(title)
        group = QActionGroup(window)
        group.setExclusive(True)
        used: set[str] = set()
        for key, label in options.items():
            a = sub.addAction(_mnemonic(label, used))  # each its letter: Theme > Dark is D from the keyboard
            a.setCheckable(True)
            a.setData(key)
            a.setChecked(getattr(window.comfort, attr) == key)
            group.addAction(a)
        group.triggered.connect(lambda a: set_choice(window, attr, str(a.data())))
        return group

    window.family_group = choice("&Font", {"serif": "Serif", "sans": "Sans Serif"}, "family")
    window.width_group = choice("Line &Width", {"narrow": "Narrow", "medium": "Medium", "wide": "Wide"}, "width")
    window.spacing_group = choice("Line &Spacing", {"compact": "Compact", "normal": "Normal", "relaxed": "Relaxed"},
                                  "spacing")
    window.theme_group = choice("&Theme", themes.LABELS, "theme")
    if view_menu is not None:
        view_menu.insertMenu(acts.zoom_in_action, menu)
        view_menu.insertSeparator(acts.zoom_in_action)


def _mnemonic(label: str, used: set[str]) -> str:
    """The label with "&" before its first letter no other item of the menu has taken ("Sans Serif" after
    "Serif": "S&ans Serif")."""
    for i, c in enumerate(label):
        if c.isalpha() and c.lower() not in used:
            used.add(c.lower())
            return f"{label[:i]}&{label[i:]}"
    return label


def set_choice(window: Any, attr: str, value: str) -> None:
    c: Comfort = window.comfort
    if getattr(c, attr) == value:
        return
    setattr(c, attr, value)
    c.clamp()
    save(c)
    if attr == "theme":
        window.theme = themes.apply(window, c.theme)
        _restyle_pages(window)
        if window.panels.built:  # the Claims list's entries carry the theme's ink and status tints
            window.panels.analysis.restyle()
    relayout(window)


def zoom(window: Any, step: int) -> None:
    """Ctrl+plus / Ctrl+minus / Ctrl+0 in whichever view is showing: the PDF's
    pages zoom, the text's font grows or shrinks (and is kept)."""
    if window.pdf.page_mode and not window.texts.original and window.controller.pdf_pages is not None:
        pv = window.page_view
        if step > 0:
            pv.zoom_in()
        elif step < 0:
            pv.zoom_out()
        else:
            pv.set_zoom(1, "width")
        return
    c: Comfort = window.comfort
    new = DEFAULT_PT if step == 0 else min(MAX_PT, max(MIN_PT, c.font_pt + step))
    if new == c.font_pt:
        return
    c.font_pt = new
    save(c)
    relayout(window)
    window.statusBar().showMessage(f"Text size {round(100 * new / DEFAULT_PT)}%", 2000)


def relayout(window: Any) -> None:
    """Lay the text out again with the current choices, keeping the place."""
    apply_reading(window.comfort)
    if window.doc is None:
        return
    top = window.view.top_offset()
    window.texts.render()
    window.view.scroll_to(top, top=True)
    if window.panels.built:
        from reader.ui import claim_marks

        claim_marks.refresh(window)
    update_progress(window)


def _restyle_pages(window: Any) -> None:
    pv = window.pdf.made_page_view
    if pv is not None:
        pv.clear_cache()


def _fits_now(window: Any, scroll_max: int) -> None:
    if scroll_max <= 0 or window.view.verticalScrollBar().value() == 0:
        save_place_when_all_shown(window)
        update_progress(window)


def save_place_when_all_shown(window: Any) -> None:
    """A text whose end shows on its first screen is read to its end once shown (no scroll ever says so; its
    page's bottom margin may be off screen): the place saved says so too, so the Library shows the 100% the
    status bar shows (one notion of progress)."""
    view = window.view
    session = window.controller.session
    if window.current_view is view and session is not None and view.doc is session.doc and \
            view.verticalScrollBar().value() == 0 and view.whole_end_shown():
        window.controller.save_position(view.reading_offset())


def update_progress(window: Any) -> None:
    """'42% · Chapter III' or 'Page 5 of 14 · 31%' in the status bar."""
    label: QLabel = window.progress_label
    doc = window.doc
    pages = window.controller.pdf_pages
    if pages is not None and window.pdf.page_mode and (doc is None or doc.path != pages.path):
        # a PDF's pages are up and its text is still being read: its page, never the last document's place
        pv = window.pdf.made_page_view
        label.setText(f"Page {pv.current_page() + 1} of {pages.count}" if pv is not None else "")
        return
    if doc is None or not doc.text:
        label.setText("")
        return
    view = window.current_view
    top = view.top_offset()
    if view is window.view:  # as the place is saved and the Library shows it: the end once it is on screen
        pct = round(100 * min(1.0, window.view.reading_offset() / max(1, len(doc.text))))
    else:
        pct = round(100 * top / max(1, len(doc.text)))
    parts = [f"{pct}%"]
    if doc.kind == "pdf" and doc.page_count:
        page = doc.page_at(top)
        if page is not None:
            parts.insert(0, f"Page {page + 1} of {doc.page_count}")
            if view is window.view:  # the page box follows the text too (the page view sets it itself)
                box = window.pdf.page_box
                box.blockSignals(True)
                box.setValue(page + 1)
                box.blockSignals(False)
    else:
        from reader.contents import contents

        entries = getattr(window, "_progress_entries", None)
        if entries is None or entries[0] is not doc:
            found = contents(doc)
            entries = (doc, found, [e.offset for e in found], _parents_of_repeated(found))
            window._progress_entries = entries
        # The chapter on screen: a heading in the top half of the screen names it (the last lines of the one
        # before may still show above it), and at the end of the text the last heading shown.
        at = top
        if view is window.view:
            vp = window.view.viewport().rect()
            bar = window.view.verticalScrollBar()
            y = vp.height() - 1 if bar.maximum() > 0 and bar.value() >= bar.maximum() else vp.height() // 2
            seen = window.view.offset_at(QPoint(vp.width() // 2, y))
            # Below what Qt has laid out so far (a long book just opened), Qt answers the end of the text:
            # its last heading (the Gutenberg licence's) is not on screen. A point on screen is never further
            # from the top line than the bottom right corner is.
            at_end = bar.value() >= bar.maximum()
            if seen <= window.view.offset_at(QPoint(vp.width() - 1, vp.height() - 1)) and (
                    at_end or seen < len(doc.text)):
                at = max(top, seen)
        i = bisect.bisect_right(entries[2], at)
        if i:
            title = entries[1][i - 1].title
            title = title if len(title) <= 40 else title[:39] + "…"
            parent = entries[3].get(i - 1)
            if parent is not None:  # "CHAPTER IV" comes in every book: say which
                up = entries[1][parent].title
                title = f"{up if len(up) <= 24 else up[:23] + '…'} › {title}"
            parts.append(title)
    label.setText(" · ".join(parts))


def _parents_of_repeated(entries: list[Any]) -> dict[int, int]:
    """For each heading whose title comes more than once ("CHAPTER IV" in every book of War and Peace),
    the index of the heading above it (its book), so the status bar can say which one is on screen."""
    from collections import Counter

    seen = Counter(e.title for e in entries)
    out: dict[int, int] = {}
    above: list[int] = []  # indices of the open headings, by level
    for k, e in enumerate(entries):
        while above and entries[above[-1]].level >= e.level:
            above.pop()
        if seen[e.title] > 1 and above:
            out[k] = above[-1]
        above.append(k)
    return out


# -- Help ------------------------------------------------------------------------------


def _build_help(window: Any) -> None:
    menu = window.menuBar().addMenu("&Help")
    window.help_menu = menu
    window.shortcuts_action = menu.addAction("&Keyboard Shortcuts", QKeySequence("F1"), lambda: show_shortcuts(window))
    window.sample_action = menu.addAction("Open &Sample Article", lambda: _open_sample(window))
    menu.addSeparator()  # About Reader (versions, licences) follows: reader/ui/library_actions.py


def _open_sample(window: Any) -> None:
    window.open_path(style.SAMPLE)


def shortcut_rows(window: Any) -> list[tuple[str, str, str]]:
    """(menu, command, keys) for every menu action with a shortcut: read from
    the actions themselves, so the list never goes stale."""
    rows: list[tuple[str, str, str]] = []

    def walk(menu: QMenu, path: str) -> None:
        for a in menu.actions():
            sub = a.menu()
            if isinstance(sub, QMenu):
                walk(sub, f"{path} › {sub.title().replace('&', '')}")
                continue
            keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in a.shortcuts()
                    if not k.isEmpty() and not _device_key(k)]
            if keys and a.text():
                rows.append((path, a.text().replace("&&", "\0").replace("&", "").replace("\0", "&"), ", ".join(keys)))

    for top in window.menuBar().actions():
        m = top.menu()
        if isinstance(m, QMenu):
            walk(m, m.title().replace("&", ""))
    seen: set[tuple[str, str]] = set()
    out = []
    for r in rows:
        if (r[1], r[2]) not in seen:
            seen.add((r[1], r[2]))
            out.append(r)
    return out


def _device_key(seq: QKeySequence) -> bool:
    """A platform's binding to a key of a multimedia or office keyboard ("Exit" for Quit, "Open" for Open):
    no key a person finds on their keyboard, so not listed (the action keeps it)."""
    combo = seq[0]  # type: ignore[index]  # (PySide6 stubs lack __getitem__)
    return seq.count() == 1 and combo.keyboardModifiers() == Qt.KeyboardModifier.NoModifier and \
        combo.key().value >= Qt.Key.Key_Back.value


#: Keys the widgets answer themselves (no menu action holds them), by where they work.
FIXED_KEYS: list[tuple[str, list[tuple[str, str]]]] = [
    ("In the text", [("Highlight the selection in a colour", "1 – 5"), ("Select by character", "Shift+Arrows"),
                     ("The very top / end of the text", "Ctrl+Home / Ctrl+End"),
                     ("Scroll a screen", "Space, Shift+Space, PgUp / PgDn")]),
    ("In the note editor", [("Save the note", "Ctrl+Enter"), ("Put back the note as saved", "Esc"),
                            ("Save the tags", "Enter (in Tags)")]),
    ("In the Find bar", [("Next find hit", "Enter"), ("Close Find", "Esc")]),
    ("In the Claims list", [("Show the entry in the text", "Enter or Space"),
                            ("Save a claim's review (in its note)", "Ctrl+Enter"),
                            ("Put back the review as saved", "Esc")]),
    ("On PDF pages", [("Previous / next page", "PgUp / PgDn"), ("First / last page", "Home / End"),
                      ("Scroll a screen", "Space, Shift+Space"), ("Zoom in / out", "Ctrl+mouse wheel"),
                      ("Copy the selection", "Ctrl+C"), ("Clear the selection", "Esc")]),
]


def show_shortcuts(window: Any) -> None:
    from PySide6.QtWidgets import QDialog, QTreeWidget, QTreeWidgetItem, QVBoxLayout

    dlg = QDialog(window)
    dlg.setWindowTitle("Keyboard Shortcuts")
    tree = QTreeWidget(dlg)
    tree.setObjectName("shortcuts")
    tree.setHeaderLabels(["Command", "Keys"])
    tree.setRootIsDecorated(True)
    groups: dict[str, QTreeWidgetItem] = {}
    for menu, command, keys in shortcut_rows(window):
        parent = groups.get(menu)
        if parent is None:
            parent = groups[menu] = QTreeWidgetItem([menu, ""])
            tree.addTopLevelItem(parent)
        QTreeWidgetItem(parent, [command, keys])
    for place, rows in FIXED_KEYS:  # keys of widgets, with no menu action to read them from
        extra = QTreeWidgetItem([place, ""])
        tree.addTopLevelItem(extra)
        for command, keys in rows:
            QTreeWidgetItem(extra, [command, keys])
    tree.expandAll()
    tree.resizeColumnToContents(0)
    lay = QVBoxLayout(dlg)
    lay.addWidget(tree)
    dlg.resize(560, 620)
    window.shortcuts_dialog = dlg
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.open()
