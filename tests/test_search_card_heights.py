"""Search result cards are as tall as their text at the list's width, all the way down (tryout 8,
item 5: on a 10k-note file each card after the first screenful had more blank space: its height
was the sizeHint() of a card not yet shown, which wraps its labels narrower)."""

from __future__ import annotations

from notes_db import NotesDB
from reader.ui.search_panel import SearchPanel


def test_cards_down_the_list_are_as_tall_as_the_first(qtbot, db_path):
    with NotesDB(db_path) as s:
        rec = s.register_document("a" * 64, "/books/war.txt", "War and Peace", "text", 100000)
        for i in range(40):
            s.add_highlight(rec.id, i * 100, i * 100 + 60,
                            f"carriage containing Pierre (who had been there {i:02d}) and more words to wrap here",
                            note=f"note {i:02d} pierre motif check", tags=["todo"])
    panel = SearchPanel(db_path)
    qtbot.addWidget(panel)
    panel.resize(400, 700)
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.keyClicks(panel.query, "pierre motif")
    qtbot.waitUntil(lambda: panel.list.count() == 40 and not panel.busy, timeout=10000)
    heights = [panel.list.item(i).sizeHint().height() for i in range(panel.list.count())]
    first = panel.list.itemWidget(panel.list.item(0))
    assert first.isVisible() and heights[0] <= first.sizeHint().height() + 4  # the first: its own height
    assert set(heights) == {heights[0]}, heights  # the same text, the same height, down to the last
    panel.list.scrollToBottom()  # and the last card, once shown, is laid out as the first: no blank band
    last = panel.list.itemWidget(panel.list.item(39))
    qtbot.waitUntil(last.isVisible)
    assert last.height() == first.height() and last.quote.height() == first.quote.height()
    panel.shutdown()


def test_the_previous_results_are_greyed_while_the_next_search_runs(qtbot, db_path):
    with NotesDB(db_path) as s:
        rec = s.register_document("a" * 64, "/books/war.txt", "War and Peace", "text", 100000)
        s.add_highlight(rec.id, 0, 40, "Pierre at the carriage", note="motif")
    panel = SearchPanel(db_path)
    qtbot.addWidget(panel)
    panel.resize(400, 600)
    panel.show()
    qtbot.keyClicks(panel.query, "pierre")
    qtbot.waitUntil(lambda: panel.list.count() == 1 and not panel.busy, timeout=10000)
    assert panel.list.isEnabled()
    panel.query.setText("motif")
    panel.run()  # as the typing pause runs it: the old card stays, greyed, under "Searching…"
    assert panel.status.text() == "Searching…" and not panel.list.isEnabled()
    qtbot.waitUntil(lambda: not panel.busy, timeout=10000)
    assert panel.list.isEnabled() and panel.list.count() == 1
    panel.shutdown()
