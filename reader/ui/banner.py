"""Where messages are seen: a banner over the text (info, warnings, errors) and
the status bar (everything, passing hints included). Both only listen to
:data:`reader.ui.messages.bus`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QStatusBar, QToolButton, QWidget

from reader.ui import messages
from reader.ui.status_message import show_cut


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
        # a close button at the right (a click anywhere on the banner closes it too, which nothing said: the
        # damaged-PDF banner looked as if it would stay, tryout 11)
        self.close_button = QToolButton(self)
        self.close_button.setObjectName("bannerClose")
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Close this message")
        self.close_button.setAccessibleName("Close message")
        self.close_button.clicked.connect(self.hide)
        self.setContentsMargins(0, 0, self.close_button.sizeHint().width() + 8, 0)  # the text stops before it
        messages.bus.shown.connect(self.show_message)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        b = self.close_button
        size = b.sizeHint()
        b.setGeometry(self.width() - size.width() - 8, (self.height() - size.height()) // 2, size.width(), size.height())

    @Slot(str, str)
    def show_message(self, level: str, text: str) -> None:
        if level == "status":
            show_cut(self.status_bar, text, 4000)
            return
        self.setText(text)
        self.setProperty("level", level)
        self.style().unpolish(self)
        self.style().polish(self)
        self.show()
        show_cut(self.status_bar, text, 8000)
        if level == "info":
            self._timer.start(8000)
        else:
            self._timer.stop()

    def eventFilter(self, obj: QObject, ev: QEvent) -> bool:  # noqa: N802
        if obj is self and ev.type() == QEvent.Type.MouseButtonPress:
            self.hide()
            return True
        return super().eventFilter(obj, ev)
