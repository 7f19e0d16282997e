"""The Claims panel and the Speakers window count the same speakers for one document (tryout 10: the sample's
panel said "from 8 speakers", the Speakers window "7 people": the panel counted "Speaker not named")."""

from __future__ import annotations

import re

from tests.test_gui import _wait_analysis


def test_the_panel_and_the_speakers_window_count_the_same_people(qtbot, open_window):
    from reader.ui import library_actions

    w = open_window()
    panel = _wait_analysis(qtbot, w)
    said = re.search(r"from ([\d,]+) speakers?", panel.status.text())
    assert said, panel.status.text()
    library_actions.show_speakers(w)
    win = library_actions._window(w, "speakers")
    qtbot.waitUntil(lambda: win.people_model.rowCount() > 0, timeout=20000)
    listed = re.match(r"(\d+) people(?: and (\d+) polls, documents or media)?", win.summary.text())
    assert listed, win.summary.text()
    assert int(said.group(1)) == int(listed.group(1)) + int(listed.group(2) or 0)
