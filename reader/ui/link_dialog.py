"""Asking before a link leaves the document.

Web links open in the browser after a yes. Files never open: a PDF's launch
action, a link to another PDF, a ``file:`` URI or a relative path all get
"Reader does not run files" with an offer to show the file's folder (a file
manager window, which runs nothing). Other schemes (``javascript:``,
``ms-word:``...) would start another program: refused, the link can be copied.

The box is modal but not blocking (``open()``): tests and people click its
buttons alike.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from reader.links import LinkTarget, classify

log = logging.getLogger("reader.links")

_ACTION_TEXT = {
    "launch": "This PDF asks to start a program or open a file:",
    "remote": "This link opens another PDF:",
    "uri": "This link points to a file on your computer:",
    "path": "This link points to a file on your computer:",
}


def link_box(parent: QWidget, href: str, base: Path) -> QMessageBox | None:
    """Show the question for ``href`` (from a document in folder ``base``);
    None for links inside the document, which the caller follows."""
    target = classify(href, base)
    if target.kind == "internal":
        return None
    box = QMessageBox(parent)
    box.setObjectName("linkBox")
    box.setWindowTitle("Open link")
    if target.kind == "web":
        box.setIcon(QMessageBox.Icon.Question)
        box.setText(f"Open this link in your browser?\n\n{href}")
        yes = box.addButton("Open in Browser", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.buttonClicked.connect(lambda b: _open_web(href) if b is yes else None)
    elif target.kind == "file":
        _file_box(box, target)
    else:
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(f"This link would start another program ({target.scheme}:). Reader does not open it.\n\n{href}")
        copy = box.addButton("Copy Link", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.buttonClicked.connect(lambda b: QGuiApplication.clipboard().setText(href) if b is copy else None)
    box.finished.connect(box.deleteLater)
    box.open()
    return box


def _file_box(box: QMessageBox, target: LinkTarget) -> None:
    box.setIcon(QMessageBox.Icon.Warning)
    where = str(target.path) if target.path is not None else "(no file named)"
    exists = target.path is not None and target.path.exists()
    box.setText(
        f"{_ACTION_TEXT.get(target.action, _ACTION_TEXT['path'])}\n\n{where}"
        + ("" if exists else "\n(there is no such file)")
        + "\n\nReader does not run files."
    )
    folder = target.folder
    if folder is not None:
        box.setInformativeText("You can look at it in its folder." if exists else f"You can look in {folder}.")
        show: QAbstractButton = box.addButton("Show Folder", QMessageBox.ButtonRole.AcceptRole)
        box.buttonClicked.connect(lambda b: _show_folder(folder) if b is show else None)
    box.addButton(QMessageBox.StandardButton.Cancel)


def _open_web(href: str) -> None:
    QDesktopServices.openUrl(QUrl(href))


def _show_folder(folder: Path) -> None:
    """A folder opens in the file manager; nothing in it is run."""
    log.info("showing folder %s", folder)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
