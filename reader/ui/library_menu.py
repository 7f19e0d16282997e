"""The Library's row menu (right click on a row): Open, Show in Folder, Copy Path, Locate…, Remove…

Copies of one document look alike in the table (tryout 12: five "Two-Column Document with Lorem Ipsum"):
the title names the file when titles repeat, the tooltip gives the whole path, and this menu shows the
file where it is (Zotero's "Show File") or puts its path on the clipboard.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu

from reader.ui import messages

if TYPE_CHECKING:
    from reader.ui.library import LibraryWindow

log = logging.getLogger("reader.ui.library_menu")


def install(lib: LibraryWindow) -> None:
    """Right click on a row of the Library's table: the row becomes current and its menu opens."""
    lib.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    lib.table.customContextMenuRequested.connect(lambda pos: row_menu(lib, pos))
    lib.table.selectionModel().currentRowChanged.connect(lambda *_a: lib.said.setText(""))  # (said of that row)


def row_menu(lib: LibraryWindow, pos: QPoint) -> QMenu | None:
    """The menu of the row at ``pos`` (viewport coordinates), popped up there; None off the rows."""
    index = lib.table.indexAt(pos)
    if not index.isValid():
        return None
    lib.table.setCurrentIndex(index)
    e = lib.current_entry()
    if e is None:
        return None
    missing = lib.model.missing(e)
    menu = QMenu(lib)
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    menu.addAction("Open", lib.open_button.click).setEnabled(not missing)
    show = menu.addAction("Show in Folder", lambda: show_in_folder(e.path, lambda: not_shown(lib, e.path)))
    show.setEnabled(bool(e.path) and os.path.isdir(os.path.dirname(e.path)))
    copy = menu.addAction("Copy Path", lambda: QGuiApplication.clipboard().setText(e.path))
    copy.setEnabled(bool(e.path))
    menu.addSeparator()
    menu.addAction("Locate…", lib.locate_current)
    menu.addAction("Remove from Library…", lib.remove_current)
    lib.row_menu = menu  # (for tests and scripts: the menu open now)
    menu.popup(lib.table.viewport().mapToGlobal(pos))
    return menu


def show_in_folder(path: str, failed: Callable[[], None] | None = None) -> bool:
    """The file in the desktop's file manager, selected in its folder (reader/ui/show_file.py)."""
    from reader.ui.show_file import show_in_folder as show

    return show(path, failed)


def not_shown(lib: LibraryWindow, path: str) -> None:
    """No file manager (nor xdg-open) showed the file: the person is told, and has its path to paste."""
    QGuiApplication.clipboard().setText(path)
    text = f"No file manager found to show {os.path.basename(path)}: its path is copied ({path})."
    lib.said.setText(text)  # in the Library, where the person asked (it has no status bar of its own)
    messages.status(text)  # and in the window's status bar
