"""View > Encoding: see which encoding a text file was read in, reopen it in another.

Self-contained: the window adds the menu and says how to reopen a path; the
menu reads the open document's encoding each time it is shown. The choice
is kept in the person's settings (``encodings/chosen``: file path -> codec) and
given to the loader at start (``loaders.choose_encoding``), so the file opens
in it next time too; the notes re-anchor by their quoted text as for any
edited file.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from reader import loaders
from reader.document import Document

log = logging.getLogger("reader.ui.encoding")
SETTINGS_KEY = "encodings/chosen"


def remembered() -> dict[str, str]:
    """The encodings a person chose, by file path."""
    from reader.ui.comfort import settings

    raw = settings().value(SETTINGS_KEY, "")
    try:
        found = json.loads(raw) if isinstance(raw, str) and raw else {}
    except ValueError:
        log.warning("the remembered encodings in the settings are not readable; starting afresh")
        return {}
    return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}


def remember(path: Path, codec: str | None) -> None:
    from reader.ui.comfort import settings

    chosen = remembered()
    key = str(Path(path).expanduser().resolve())
    if codec:
        chosen[key] = codec
    else:
        chosen.pop(key, None)
    s = settings()
    s.setValue(SETTINGS_KEY, json.dumps(chosen, ensure_ascii=False))
    s.sync()


class EncodingMenu(QMenu):
    """The encodings a text file can be read in, the one in use ticked."""

    def __init__(
        self, current: Callable[[], Document | None], reopen: Callable[[Path], None], parent: QWidget | None = None
    ) -> None:
        super().__init__("&Encoding", parent)
        self.setObjectName("encodingMenu")
        self._current = current
        self._reopen = reopen
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.detect_action = self.addAction("&Detect Automatically")
        self.detect_action.setCheckable(True)
        self.detect_action.triggered.connect(lambda: self.choose(None))
        self.group.addAction(self.detect_action)
        self.addSeparator()
        self.codec_actions: dict[str, QAction] = {}
        for label, codec in loaders.ENCODINGS:
            a = self.addAction(label)
            a.setCheckable(True)
            a.setData(codec)
            a.triggered.connect(lambda _checked=False, c=codec: self.choose(c))
            self.group.addAction(a)
            self.codec_actions[codec] = a
        self.aboutToShow.connect(self.refresh)
        for path, codec in remembered().items():
            loaders.choose_encoding(path, codec)
        self.refresh()

    def refresh(self) -> None:
        """Tick the encoding of the open document; only text files have one."""
        doc = self._current()
        is_text = doc is not None and doc.kind in ("text", "markdown")
        for a in self.actions():
            a.setEnabled(is_text)
        if not is_text or doc is None:
            return
        chosen = loaders.chosen_encoding(doc.path)
        self.detect_action.setChecked(chosen is None)
        self.detect_action.setText(f"&Detect Automatically ({loaders.encoding_label(doc.encoding)})" if chosen is None
                                   else "&Detect Automatically")
        if chosen is not None and chosen in self.codec_actions:
            self.codec_actions[chosen].setChecked(True)

    def choose(self, codec: str | None) -> None:
        doc = self._current()
        if doc is None or doc.kind not in ("text", "markdown"):
            return
        loaders.choose_encoding(doc.path, codec)
        remember(doc.path, codec)
        self._reopen(doc.path)
