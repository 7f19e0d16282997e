"""Where messages are seen: a banner over the text (info, warnings, errors) and
the status bar (everything, passing hints included). Both only listen to
:data:`reader.ui.messages.bus`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Slot
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from reader.ui import messages


class MessageBanner(QLabel):
    def __init__(self, status_bar: QStatusBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setWordWrap(True)
        self.hide()
        self.status_bar = status_bar
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.installEventFilter(self)
        messages.bus.shown.connect(self.show_message)

    @Slot(str, str)
    def show_message(self, level: str, text: str) -> None:
        if level == "status":
            self.status_bar.showMessage(text, 4000)
            return
        self.setText(text)
        self.setProperty("level", level)
        self.style().unpolish(self)
        self.style().polish(self)
        self.show()
        self.status_bar.showMessage(text, 8000)
        if level == "info":
            self._timer.start(8000)
        else:
            self._timer.stop()

    def eventFilter(self, obj: QObject, ev: QEvent) -> bool:  # noqa: N802
        if obj is self and ev.type() == QEvent.Type.MouseButtonPress:
            self.hide()
            return True
        return super().eventFilter(obj, ev)
