"""A card in the Notes tab gives its note the lines it has (tryout s15 1.2: a sticky note highlights a whole PDF
line, its quote takes two card lines, and the card still ran the note and its reply into one: "Sticky: is this
true? — Erin  ↵  Reply: yes…"). The card grows with its note (up to three note lines); a card without a note
keeps its height."""

from __future__ import annotations

import os
from pathlib import Path

from tests.test_tryout14_left import card_text, sticky_and_reply, sticky_card

LINE = "The harbour was closed for the whole winter, and the ships waited in the bay until the ice broke in spring."


def _sticky_on_a_long_line(path: Path) -> Path:
    return sticky_and_reply(path, LINE, left=40, size=10, at=(300, 92))


def test_a_sticky_with_a_two_line_quote_shows_its_note_and_reply_on_lines_of_their_own(qtbot, window, tmp_path):
    lst, index = sticky_card(qtbot, window, _sticky_on_a_long_line(tmp_path / "notes.pdf"))
    qtbot.waitUntil(lambda: lst.visualRect(index).height() > lst.itemDelegate().height)  # it grew for the reply
    said = card_text(lst, index)
    assert len(said) >= 4, said  # where and when, the quote's two lines, the note
    assert said[-2:] == ["Sticky: is this true? — Erin", "Reply: yes, see Sec 6 — Frank"], said
    out = os.environ.get("READER_SHOTS")
    if out:
        Path(out).mkdir(parents=True, exist_ok=True)
        window.grab().save(str(Path(out) / "note_card.png"))
