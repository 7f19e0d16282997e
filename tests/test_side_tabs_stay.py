"""The side panel's tabs keep their places from document to document: the Contents tab is there, greyed, for a
text without headings (tryout 10: "Claims sits at x≈1056 in one document and x≈975 in the next, so the same click
opens Repairs or Contents instead")."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_the_claims_tab_stays_put_between_a_document_with_headings_and_one_without(qtbot, open_window, tmp_path):
    plain = tmp_path / "docs" / "plain.txt"
    plain.parent.mkdir(parents=True, exist_ok=True)
    plain.write_text("A short note with no headings at all.\n\nIt says little more than that.\n", encoding="utf-8")
    w = open_window()  # the sample article: headings, a Contents tab to use
    w.panels.build()
    bar = w.tabs.tabBar()
    claims = w.tabs.indexOf(w.panels.analysis)
    contents = w.tabs.indexOf(w.pdf.contents)
    assert contents >= 0 and w.tabs.isTabEnabled(contents)
    at = bar.tabRect(claims)
    w.open_path(plain)
    qtbot.waitUntil(lambda: w.doc is not None and w.doc.path == plain and w.session is not None)
    qtbot.waitUntil(lambda: not w.tabs.isTabEnabled(w.tabs.indexOf(w.pdf.contents)))
    assert w.tabs.indexOf(w.panels.analysis) == claims and bar.tabRect(claims) == at  # the same place
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=at.center())  # the same click, the same tab
    assert w.tabs.currentWidget() is w.panels.analysis
    w.tabs.setCurrentIndex(0)
    for _ in range(w.tabs.count()):  # Ctrl+PgDown goes round the tabs it can show, never to the greyed one
        w.menus.next_tab_action.trigger()
        assert w.tabs.currentWidget() is not w.pdf.contents
    w.grab().save(str(tmp_path / "tabs-plain.png"))
