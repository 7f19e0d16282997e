"""A long text is laid out in short turns (reader/ui/layout_pacer.py): Qt's own lazy layout of a
book grows its steps to 200,000 characters a timer event, and the window was frozen for a third
of a second at a time, again and again, while the person read the first page (session 8's
benchmarks/highlights.py). The test counts what each turn of the event loop lays out, not how long
it takes; benchmarks/highlights.py prints the times."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer

from reader.ui import controller, layout_pacer, reading_view, text_layout

CHAPTERS = 60
PARAGRAPHS = 60


def _laid_out_to(view) -> int:
    """The position up to which Qt has laid the (freshly built) text out: the end of the last
    block with lines, found by halving (Qt lays a text out from its start)."""
    qdoc = view.document()
    lo, hi = 0, qdoc.blockCount() - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lay = qdoc.findBlockByNumber(mid).layout()
        if lay is not None and lay.lineCount() > 0:
            lo = mid
        else:
            hi = mid - 1
    block = qdoc.findBlockByNumber(lo)
    return block.position() + block.length()


@pytest.fixture
def book(tmp_path):
    """A 1.7 MB plain text of chapters (read in the background, as War and Peace is)."""
    parts = []
    for c in range(CHAPTERS):
        parts.append(f"CHAPTER {c + 1}")
        for p in range(PARAGRAPHS):
            parts.append(f"Paragraph {p} of chapter {c + 1}. " + " ".join(
                f"The regiment marched past the village of Borodino{k} at dawn, and the rain went on." for k in range(5)))
    path = tmp_path / "long-book.txt"
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    assert path.stat().st_size > controller.SYNC_LOAD_BYTES
    return path


def test_a_long_text_is_laid_out_a_little_at_a_time(qtbot, window, book, monkeypatch):
    taken: list[object] = []

    def take(doc):
        pre = text_layout.take_prebuilt(doc)
        taken.append(pre)
        return pre

    monkeypatch.setattr(reading_view, "take_prebuilt", take)  # (a spy: the view's own call, recorded)
    w = window
    qtbot.waitUntil(lambda: w.controller.store is not None)
    steps: list[int] = []
    last = [0]

    def tick() -> None:  # after each turn of the event loop: how much more of the text is laid out
        if w.doc is None or w.doc.path != book or w.view.doc is not w.doc:
            return
        now = _laid_out_to(w.view)
        steps.append(now - last[0])
        last[0] = now

    ticker = QTimer()
    ticker.setInterval(0)
    ticker.timeout.connect(tick)
    ticker.start()
    w.open_path(book)
    qtbot.waitUntil(lambda: w.doc is not None and w.doc.path == book and w.view.doc is w.doc, timeout=30000)
    qtbot.waitUntil(lambda: w.view._laid_out(), timeout=60000)
    ticker.stop()
    tick()
    qdoc = w.view.document()
    total = qdoc.characterCount()
    assert total > 1_500_000 and sum(steps) >= total - 1
    # no turn laid out more than a few pieces of Qt's (without the pacer: 200,000 characters at a time)
    assert max(steps) <= 3 * layout_pacer.TURN_CHARS, sorted(steps)[-5:]
    # the pacer finished too (its last turn may come a moment after Qt laid the last block out for another
    # reason: the full suite on a loaded machine saw the last block before the pacer's end)
    qtbot.waitUntil(lambda: w.view.pacer.done, timeout=10000)
    assert w.view.pacer.turns > 10
    # the text is whole and formatted (it was built while it loaded), the scroll bar spans all of it
    assert qdoc.toPlainText().startswith("CHAPTER 1\nParagraph 0 of chapter 1.")
    assert [pre.doc for pre in taken if pre is not None] == [w.doc]  # built off the GUI thread, while it loaded
    assert qdoc.findBlockByNumber(0).blockFormat().headingLevel() > 0  # a chapter heading
    bar = w.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() >= qdoc.size().height() - w.view.viewport().height() - 2)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bar.value() == bar.maximum() and w.view.top_offset() > len(w.doc.text) - 5000)


def test_a_new_width_is_laid_out_in_short_turns_too(qtbot, window, book):
    w = window
    qtbot.waitUntil(lambda: w.controller.store is not None)
    w.open_path(book)
    qtbot.waitUntil(lambda: w.doc is not None and w.doc.path == book and w.view.doc is w.doc, timeout=30000)
    qtbot.waitUntil(lambda: w.view._laid_out(), timeout=60000)
    before = w.view.pacer.turns
    w.resize(w.width() - 300, w.height())  # the text is wrapped anew, from its start
    qtbot.waitUntil(lambda: w.view.pacer.turns > before + 10, timeout=60000)
    qtbot.waitUntil(lambda: w.view.pacer.done, timeout=60000)


def test_the_same_width_set_again_is_paced_too(qtbot, window, book):
    """Qt lays the whole text out again from its start whenever its page size is set, even to the
    same size (the width alone does not tell): those steps are paced as well."""
    w = window
    qtbot.waitUntil(lambda: w.controller.store is not None)
    w.open_path(book)
    qtbot.waitUntil(lambda: w.doc is not None and w.doc.path == book and w.view.doc is w.doc, timeout=30000)
    qtbot.waitUntil(lambda: w.view.pacer.done, timeout=60000)
    before = w.view.pacer.turns
    qdoc = w.view.document()
    qdoc.setPageSize(qdoc.pageSize())
    qtbot.waitUntil(lambda: w.view.pacer.turns > before + 10, timeout=60000)
    qtbot.waitUntil(lambda: w.view.pacer.done and w.view._laid_out(), timeout=60000)
