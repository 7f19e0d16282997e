"""An encrypted PDF asks for its password; a wrong one asks again, saying so."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QLineEdit
from shiboken6 import isValid

from reader.ui import messages

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


def ask_password(w: MainWindow, path: Path, wrong: bool) -> None:
    """One question per file: the same file handed over again while its question is up (a second
    ``reader FILE``) brings that question forward instead of asking twice (tryout s12)."""
    shown = w.password_dialog
    if not wrong and shown is not None and isValid(shown) and shown.isVisible() and \
            shown.property("path") == str(path.resolve()):
        shown.raise_()
        shown.activateWindow()
        return
    dlg = QInputDialog(w)
    dlg.setProperty("path", str(path.resolve()))
    dlg.setWindowTitle("Password required")
    dlg.setLabelText(f"Wrong password. Try again for {path.name}:" if wrong else f"{path.name} is encrypted. Password:")
    dlg.setTextEchoMode(QLineEdit.EchoMode.Password)
    dlg.textValueSelected.connect(lambda pw: w.open_path(path, pw))
    dlg.rejected.connect(lambda: _not_opened(w, path, dlg))
    ctl = w.controller
    shown_then = ctl.pdf_pages or ctl.doc  # its text may still arrive: that is not another document
    left = {path.resolve(), *([Path(shown_then.path).resolve()] if shown_then and shown_then.path else [])}

    def another(what: object, *_rest: object) -> None:
        """Another document came up behind the question (handed over meanwhile): the person moved on,
        and the question goes (it would open this file over that one)."""
        other = getattr(what, "path", None)
        if isValid(dlg) and dlg.isVisible() and (other is None or Path(other).resolve() not in left):
            dlg.setProperty("superseded", True)
            dlg.reject()

    def finished(_result: int) -> None:
        ctl.pagesOpened.disconnect(another)
        ctl.documentOpened.disconnect(another)

    ctl.pagesOpened.connect(another)
    ctl.documentOpened.connect(another)
    dlg.finished.connect(finished)
    dlg.finished.connect(dlg.deleteLater)
    if wrong:
        messages.error(f"Wrong password for {path.name}.")
    w.password_dialog = dlg
    dlg.open()


def _not_opened(w: MainWindow, path: Path, dlg: QInputDialog) -> None:
    """The question was cancelled: said unless that very file is the one open (no banner over it) or
    another document took its place."""
    if dlg.property("superseded"):
        return
    pages = w.controller.pdf_pages
    if pages is not None and pages.path is not None and pages.path.resolve() == path.resolve():
        return
    messages.warning(f"{path.name} was not opened: it needs its password.")
