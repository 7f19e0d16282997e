"""A card in the Notes tab gives its note the lines it has (tryout s15 1.2: a sticky note highlights a whole PDF
line, its quote takes two card lines, and the card still ran the note and its reply into one: "Sticky: is this
true? — Erin  ↵  Reply: yes…"). The card grows with its note (up to three note lines); a card without a note
keeps its height."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt

from tests.test_tryout14_left import card_text

LINE = "The harbour was closed for the whole winter, and the ships waited in the bay until the ice broke in spring."


def _sticky_on_a_long_line(path: Path) -> Path:
    import pymupdf

    with pymupdf.open() as d:
        page = d.new_page()
        page.insert_text((40, 100), LINE, fontsize=10)
        page.insert_text((40, 130), "Nobody wrote anything about this line.", fontsize=10)
        sticky = page.add_text_annot((300, 92), "Sticky: is this true?")
        sticky.set_info(title="Erin")
        sticky.update()
        reply = page.add_text_annot((330, 92), "Reply: yes, see Sec 6")
        reply.set_info(title="Frank")
        reply.set_irt_xref(sticky.xref)
        reply.update()
        d.save(path)
    return path


def test_a_sticky_with_a_two_line_quote_shows_its_note_and_reply_on_lines_of_their_own(qtbot, window, tmp_path):
    from tests.test_pdf_own_highlights_first_seen import open_pdf

    open_pdf(qtbot, window, _sticky_on_a_long_line(tmp_path / "notes.pdf"))
    window.tabs.setCurrentWidget(window.panel)
    lst = window.panel.list
    qtbot.waitUntil(lambda: lst.isVisible() and lst.model().rowCount() == 1)
    index = lst.model().index(0, 0)
    qtbot.waitUntil(lambda: "Frank" in index.data(Qt.ItemDataRole.ToolTipRole))  # the reply came in, in the note
    qtbot.waitUntil(lambda: lst.visualRect(index).height() > lst.itemDelegate().height)  # it grew for the reply
    said = card_text(lst, index)
    assert len(said) >= 4, said  # where and when, the quote's two lines, the note
    assert said[-2:] == ["Sticky: is this true? — Erin", "Reply: yes, see Sec 6 — Frank"], said
    out = os.environ.get("READER_SHOTS")
    if out:
        Path(out).mkdir(parents=True, exist_ok=True)
        window.grab().save(str(Path(out) / "note_card.png"))
