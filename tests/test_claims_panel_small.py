"""The Claims panel in an 800 x 600 window (tryout 9, item 7): its list had room for part of one
claim under a three-line summary, the section tabs, the filters and the review form. A short
panel keeps its summary to one line (the whole sentence in its tooltip)."""

from __future__ import annotations

from tests.test_comfort import window  # noqa: F401 (the fixture)
from tests.test_theme_panel_lists import claims_list


def _whole_rows(panel) -> int:
    """How many of the list's entries are wholly in sight."""
    tree, vp = panel.tree, panel.tree.viewport().rect()
    return sum(1 for i in range(tree.topLevelItemCount())
               if vp.contains(tree.visualItemRect(tree.topLevelItem(i))))


def test_the_claims_list_keeps_room_in_a_small_window(qtbot, window, tmp_path):  # noqa: F811
    w = window()
    panel = claims_list(qtbot, w)
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))  # a claim chosen: its review form shows
    qtbot.waitUntil(lambda: panel.detail.isVisible())
    summary = panel.status.text()
    assert summary.count(" ") > 12  # a sentence that takes lines in a narrow panel

    w.resize(800, 600)
    qtbot.waitUntil(lambda: panel.height() < 560)
    line = panel.status.fontMetrics().lineSpacing()
    qtbot.waitUntil(lambda: panel.status.height() < 2 * line)
    assert panel.status.toolTip() == summary  # one line; the rest on hover
    assert _whole_rows(panel) >= 1 and panel.tree.viewport().height() >= 150
    bar = panel.sections  # every section can still be chosen (one row of tabs, none outside the bar)
    qtbot.waitUntil(lambda: all(bar.rect().contains(bar.tabRect(i)) for i in range(bar.count())))
    w.grab().save(str(tmp_path / "claims_800.png"))

    w.resize(1400, 900)  # a tall panel: the whole sentence again
    qtbot.waitUntil(lambda: panel.height() > 700)
    qtbot.waitUntil(lambda: panel.status.height() >= panel.status.heightForWidth(panel.status.width()) > 1.5 * line)
    assert panel.status.toolTip() == ""


def test_the_last_documents_speaker_filter_goes_with_it(qtbot, window, tmp_path):  # noqa: F811
    """Tryout 9: "Barack Obama (3)" stayed chosen in the speaker filter while the next document was
    analysed, its list empty; the filter is the new document's, all its speakers, from the start."""
    w = window()
    qtbot.waitUntil(lambda: w.controller.analysis is not None, timeout=60000)
    w.panels.build()
    panel = w.panels.analysis
    w.tabs.setCurrentWidget(panel)
    panel.sections.setCurrentIndex(0)  # Quotes
    qtbot.waitUntil(lambda: panel.facet.count() > 2)
    panel.facet.setCurrentIndex(2)  # one speaker's quotes
    speaker = panel.facet.currentText()
    assert not speaker.startswith("All")
    other = tmp_path / "other.txt"
    other.write_text("A short note on the harbour wall.\n\nThe council met again, and nobody spoke.\n", encoding="utf-8")
    w.open_path(other)
    qtbot.waitUntil(lambda: w.doc is not None and w.doc.path == other)
    assert panel.facet.currentText() == "All speakers" and panel.facet.count() == 1
    qtbot.waitUntil(lambda: w.controller.analysis is not None and panel.result is w.controller.analysis, timeout=60000)
    assert panel.facet.currentText().startswith("All speakers")


def test_a_cue_that_is_only_punctuation_is_not_shown(qtbot, window, tmp_path):  # noqa: F811
    """Tryout 9: quotes introduced by a colon or signed with a dash read "— direct, :" and
    "— direct, —" in the Quotes list; a cue is shown when it is a word ("said")."""
    path = tmp_path / "harbour.md"
    path.write_text('# Harbour wall\n\nThe mayor spoke on Monday.\n\nMayor Jane Smith: "We will rebuild the wall '
                    'before winter, whatever it costs."\n\n"The council has the money," said Tom Jones, the '
                    'treasurer.\n', encoding="utf-8")
    w = window(path)
    qtbot.waitUntil(lambda: w.controller.analysis is not None, timeout=60000)
    assert {q.cue for q in w.controller.analysis.quotes} >= {":", "said"}
    w.panels.build()
    panel = w.panels.analysis
    w.tabs.setCurrentWidget(panel)
    panel.sections.setCurrentIndex(0)  # Quotes
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() >= 2)
    entries = [panel.tree.topLevelItem(i).child(j) for i in range(panel.tree.topLevelItemCount())
               for j in range(panel.tree.topLevelItem(i).childCount())]
    labels = [e.text(0).rsplit("\n", 1)[-1] for e in entries]
    assert "— direct, said" in labels and not any(", :" in t for t in labels), labels
    colon = next(e for e in entries if "rebuild" in e.text(0))
    panel.tree.setCurrentItem(colon)
    assert "(:)" not in panel.detail_title.text() and panel.detail_title.text().startswith("Direct quote")
