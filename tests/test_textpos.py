"""Offsets across the Qt boundary: emoji, astral CJK and combining marks.

Reader counts code points, Qt UTF-16 units; a highlight after "😀" used to be
painted one character early per emoji. reader.textpos converts in one place.
"""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import Qt

from reader.cli import main as cli_main
from reader.textpos import TextPositions, qt_safe, utf16_len
from tests.gui_helpers import select_text

EMOJI_MD = "# E\n\n😀😀😀😀😀😀😀😀 Party 🎉🎉🎉🎉 time.\n\nThe quick brown fox jumps.\n"
# U+20BB7 and U+2000B are CJK Extension B (astral); "é" and "ñ" written with combining marks.
MIXED_MD = (
    "# Mixed scripts\n\n"
    "𠮷野家 served 𠀋 customers; the cafe\u0301 on the man\u0303ana shift 👩‍👩‍👧 was full.\n\n"
    "A second paragraph 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 with the words to highlight here.\n"
)


def _doc_file(tmp_path, text, name="e.md"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize(
    "text",
    ["plain ascii", "😀😀 Party 🎉 time", "𠮷野家 𠀋", "cafe\u0301 👩‍👩‍👧 𝔘𝔫", "", "😀"],
)
def test_every_offset_round_trips(text):
    pos = TextPositions(text)
    encoded = text.encode("utf-16-le")
    assert pos.length16 == utf16_len(text) == len(encoded) // 2
    for cp in range(len(text) + 1):
        u = pos.to_qt(cp)
        # the UTF-16 prefix of that many code points is exactly u units long
        assert encoded[: 2 * u].decode("utf-16-le") == text[:cp]
        assert pos.from_qt(u) == cp


def test_a_position_inside_a_surrogate_pair_takes_the_whole_character():
    pos = TextPositions("a😀b")
    assert pos.from_qt(2) == 1  # between the halves of 😀: its start
    assert pos.range_from_qt(1, 2) == (1, 2)  # half of 😀 selected: all of it
    assert pos.to_qt(99) == 4 and pos.from_qt(-3) == 0


def test_qt_breaks_are_spaces_of_the_same_length():
    assert qt_safe("a\rb\u2029c\ufdd0d") == "a b c d"
    assert qt_safe("no breaks") == "no breaks"


def _painted(view):
    """The words painted as highlighted, and the find hits marked over the text."""
    text = view.doc.text
    from reader.ui.highlight_overlay import HIGHLIGHT_ID

    marks = [sel.cursor.selectedText() for sel in view.extraSelections() if sel.format.property(HIGHLIGHT_ID) is None]
    return [text[s:e] for s, e, _id in view.painted_highlights()] + marks


def test_highlight_after_emoji_is_painted_on_its_words(qtbot, open_window, tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="reader")
    path = _doc_file(tmp_path, EMOJI_MD)
    assert cli_main(["highlight", str(path), "--text", "brown fox"]) == 0  # the repro
    w = open_window(path)
    qtbot.waitUntil(lambda: len(w.session.highlights) == 1)
    assert _painted(w.view) == ["brown fox"]
    # the view says what the text says: 81 code points, 93 UTF-16 units
    assert w.view.document().toRawText().replace("\u2029", "\n") == w.doc.text
    assert not [r for r in caplog.records if "view has" in r.getMessage() or "out of step" in r.getMessage()]


@pytest.mark.parametrize("passage", ["Party", "time.", "brown fox"])
def test_selecting_after_emoji_highlights_what_was_selected(qtbot, open_window, tmp_path, passage):
    w = open_window(_doc_file(tmp_path, EMOJI_MD))
    s = w.doc.text.index(passage)
    select_text(qtbot, w.view, s, s + len(passage))
    assert w.view.selection_range() == (s, s + len(passage))
    qtbot.keyClick(w.view, Qt.Key.Key_1)
    (h,) = w.session.highlights
    assert (h.start, h.end, h.exact) == (s, s + len(passage), passage)
    assert _painted(w.view) == [passage]


@pytest.mark.parametrize("passage", ["served", "customers", "shift", "was full.", "words to highlight", "man\u0303ana"])
def test_astral_cjk_and_combining_marks(qtbot, open_window, tmp_path, passage):
    w = open_window(_doc_file(tmp_path, MIXED_MD, "mixed.md"))
    s = w.doc.text.index(passage)
    select_text(qtbot, w.view, s, s + len(passage))
    qtbot.keyClick(w.view, Qt.Key.Key_2)
    (h,) = w.session.highlights
    assert h.exact == passage
    assert _painted(w.view) == [passage]
    w.close()
    # reopened, the highlight comes back on the same words
    w2 = open_window(_doc_file(tmp_path, MIXED_MD, "mixed.md"))
    qtbot.waitUntil(lambda: len(w2.session.highlights) == 1)
    assert _painted(w2.view) == [passage]


def test_find_marks_the_words_found_after_emoji(qtbot, open_window, tmp_path):
    w = open_window(_doc_file(tmp_path, EMOJI_MD))
    qtbot.keyClick(w.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(w.find_bar.field, "quick brown")
    qtbot.waitUntil(lambda: not w.find_bar.searching)  # the search runs between keystrokes
    assert w.find_bar.count.text() == "1 of 1"
    assert _painted(w.view) == ["quick brown"]
