"""Ctrl+F ignores accents and case as notes search does: "Borodino" finds "Borodinó" (a new user
found nothing in War and Peace), with the hits on the right characters."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.find import find_all, find_first, iter_find


def test_find_bar_finds_borodino_without_its_accent(qtbot, open_window, tmp_path):
    book = tmp_path / "chapter.txt"
    book.write_text("CHAPTER XIX\n\nOn the twenty-fourth of August the battle of the Shevárdino Redoubt was "
                    "fought. Napoleon rode to Borodinó; the Cafe\u0301 by the river burned. BORODINÓ again, "
                    "and borodino in lower case.\n", encoding="utf-8")
    w = open_window(book)
    qtbot.keyClick(w.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(w.find_bar.field, "Borodino")
    qtbot.waitUntil(lambda: not w.find_bar.searching)
    assert [w.doc.text[s:e] for s, e in w.find_bar.hits] == ["Borodinó", "BORODINÓ", "borodino"]
    assert w.find_bar.count.text() == "1 of 3"
    w.find_bar.field.clear()
    qtbot.keyClicks(w.find_bar.field, "cafe by")  # a decomposed accent (e + U+0301) is skipped too
    qtbot.waitUntil(lambda: not w.find_bar.searching)
    assert [w.doc.text[s:e] for s, e in w.find_bar.hits] == ["Cafe\u0301 by"]
    w.find_bar.field.clear()
    qtbot.keyClicks(w.find_bar.field, "shevardino redoubt")
    qtbot.waitUntil(lambda: not w.find_bar.searching)
    assert [w.doc.text[s:e] for s, e in w.find_bar.hits] == ["Shevárdino Redoubt"]


def test_folding_keeps_offsets_across_slices_and_exact_search_stays_exact():
    text = ("é" * 7 + " word ") * 5000 + "Ünïcödé Straße " + "x" * 300
    hits = find_all(text, "unicode strasse")
    assert hits == []  # ß is one letter, not "ss": folding never changes lengths
    hits = find_all(text, "unicode straße")
    assert [text[s:e] for s, e in hits] == ["Ünïcödé Straße"]
    small = find_all(text, "EEEEEEE WORD", limit=100_000)
    assert len(small) == 5000 and all(text[s:e] == "ééééééé word" for s, e in small)
    in_slices = [h for batch in iter_find(text, "ünicode STRASSE straße", chunk=997) for h in batch]
    assert in_slices == [] and [h for batch in iter_find(text, "ÜNICODÉ strasse", chunk=997) for h in batch] == []
    assert [h for batch in iter_find(text, "eeeeeee word", limit=100_000, chunk=997) for h in batch] == small
    assert find_first("Borodinó", "borodino", ignore_case=False) is None
    assert find_first("Borodinó", "borodino") == (0, 8)
