"""The Claims & Quotes panel follows the open document: emptied with a reading line while
another document opens, and shown from its top when its findings come."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.ui.analysis_panel import CLAIMS
from tests.conftest import SAMPLE
from tests.test_comfort import window  # noqa: F401 (the fixture)


def test_claims_panel_clears_on_a_new_document_and_starts_at_the_top(qtbot, window, tmp_path):  # noqa: F811
    w = window()
    w.panels.build()
    panel = w.panels.analysis
    qtbot.waitUntil(lambda: w.controller.analysis is not None, timeout=20000)
    w.tabs.setCurrentWidget(panel)
    qtbot.mouseClick(panel.sections, Qt.MouseButton.LeftButton, pos=panel.sections.tabRect(CLAIMS).center())
    assert panel.sections.currentIndex() == CLAIMS
    bar = panel.tree.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())  # read down the list

    other = tmp_path / "another-article.md"
    other.write_text(SAMPLE.read_text(encoding="utf-8").replace("The world today", "The world this year")
                     + "\n\nA closing line of the second article.\n", encoding="utf-8")
    seen: list[tuple[int, str]] = []
    w.controller.documentOpened.connect(
        lambda _doc: seen.append((panel.tree.topLevelItemCount(), panel.status.text())))
    w.open_path(other)
    qtbot.waitUntil(lambda: bool(seen))
    count, status = seen[0]
    assert count == 0 and "Reading" in status  # not the previous document's claims
    qtbot.waitUntil(lambda: w.controller.analysis is not None and w.doc.path == other, timeout=20000)
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() > 0)
    assert bar.value() == 0  # the new list from its top
