"""A place gone to while the reading view's new width settles stays on screen (CI-like run s14: the status bar
test went to Book One's Chapter II just as the side panel changed the view's width; the width's settling put
back the passage that was at the top before, Book Two's, and the status bar kept naming it)."""

from __future__ import annotations

PARA = ("The river ran high that spring and the town waited on the bank for the water to fall again, "
        "counting the boats that had gone and the ones that had come back. ")


def test_a_place_gone_to_while_a_new_width_settles_is_the_one_kept(qtbot, open_window, tmp_path):
    path = tmp_path / "docs" / "river.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"PART {n}\n\n" + PARA * 20 + "\n\n" for n in range(1, 9)), encoding="utf-8")
    w = open_window(path)
    view = w.view
    qtbot.waitUntil(view._laid_out)
    before, after = w.doc.text.index("PART 6"), w.doc.text.index("PART 3")
    view.scroll_to(before, top=True)
    qtbot.waitUntil(lambda: view._resize_keep is None and abs(view.top_offset() - before) < 120)
    view.resize(view.width() + 40, view.height())  # the width changes (a visible widget: at once) ...
    assert view._resize_keep is not None  # ... the passage at the top is kept while it settles
    view.scroll_to(after, top=True)  # the person goes elsewhere meanwhile (a heading in Contents, a claim)
    qtbot.waitUntil(lambda: view._resize_keep is None)  # settled
    qtbot.waitUntil(lambda: abs(view.top_offset() - after) < 120)
    assert view.top_offset() < before - 1000  # not taken back
