"""An encrypted PDF asks for its password; a wrong one asks again, saying so."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QLineEdit

from reader.ui import messages

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


def ask_password(w: MainWindow, path: Path, wrong: bool) -> None:
    dlg = QInputDialog(w)
    dlg.setWindowTitle("Password required")
    dlg.setLabelText(f"Wrong password. Try again for {path.name}:" if wrong else f"{path.name} is encrypted. Password:")
    dlg.setTextEchoMode(QLineEdit.EchoMode.Password)
    dlg.textValueSelected.connect(lambda pw: w.open_path(path, pw))
    dlg.rejected.connect(lambda: messages.warning(f"{path.name} was not opened: it needs its password."))
    dlg.finished.connect(dlg.deleteLater)
    if wrong:
        messages.error(f"Wrong password for {path.name}.")
    w.password_dialog = dlg
    dlg.open()
