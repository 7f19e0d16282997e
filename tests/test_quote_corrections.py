"""A reader corrects the quotes panel: the analysis named the wrong person ("Wrong speaker…"), or the passage is no
quote ("Not a quote"). The correction is stored in the notes file, lists the quote where it belongs, reaches the
library's speakers, survives opening the document again, and can be undone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from notes_db import NotesDB
from notes_db.corrections import correct_quote, quote_corrections, undo_correction
from notes_db.reviews import speaker_quotes
from reader.analysis import Analysis, Quote
from reader.quote_fixes import apply, kept
from reader.speaker_labels import DISMISSED, NON_PEOPLE
from reader.ui.analysis_panel import ROLE
from tests.test_gui import _click_entry, _wait_analysis


def _groups(panel) -> dict[str, list[int]]:
    """The panel's speaker headings, each with the numbers of the quotes listed under it."""
    tree = panel.tree
    out: dict[str, list[int]] = {}
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        name = top.text(0).rsplit(" (", 1)[0]
        out[name] = [top.child(j).data(0, ROLE)[1] for j in range(top.childCount())]
    return out


def _a_named_quote(panel) -> tuple[str, int]:
    """A person's heading and the first quote under it."""
    for name, items in _groups(panel).items():
        if name not in NON_PEOPLE and items:
            return name, items[0]
    raise AssertionError("no person quoted in the sample")


def _on_a_named_quote(qtbot, open_window):
    """The sample open, the Claims tab shown, a person's first quote clicked: (window, panel, person, index, fix)."""
    w = open_window()
    panel = _wait_analysis(qtbot, w)
    w.tabs.setCurrentWidget(panel)
    found, index = _a_named_quote(panel)
    _click_entry(qtbot, panel, "quote", index)
    return w, panel, found, index, w.panels.quote_fix


# (the field offers the document's speakers as you type: their list pops up)
@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing the keyboard")
def test_a_wrong_speaker_is_corrected_in_the_panel_and_the_library_and_stays(qtbot, open_window, db_path):
    w, panel, found, index, fix = _on_a_named_quote(qtbot, open_window)
    q = w.controller.analysis.quotes[index]
    assert fix.wrong_button.isVisible() and fix.dismiss_button.isVisible()
    assert not fix.undo_button.isVisible()  # nothing to undo yet
    qtbot.mouseClick(fix.wrong_button, Qt.MouseButton.LeftButton)
    assert fix.who.isVisible() and fix.who.hasFocus()
    assert fix.who.text() == found  # the name as it stands, to be typed over
    qtbot.keyClicks(fix.who, "Ada Lovelace")
    qtbot.keyClick(fix.who, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: index in _groups(panel).get("Ada Lovelace", []))
    assert index not in _groups(panel).get(found, [])
    assert panel.tree.currentItem().data(0, ROLE) == ("quote", index)  # still the one chosen
    assert "corrected by you" in panel.detail_title.text() and found in panel.detail_title.text()
    assert fix.undo_button.isVisible()
    title = panel.detail_title  # whole, however many lines it wraps to
    qtbot.waitUntil(lambda: title.height() >= title.heightForWidth(title.width()))
    item = panel.tree.currentItem()
    assert "· corrected by you · found: " in item.text(0)  # the list says so too
    w.grab().save(str(db_path.parent / "quote-corrected.png"))
    with NotesDB(db_path) as store:  # the library knows her as its speaker (the Speakers window, the CLI)
        assert [f.start for f in speaker_quotes(store, "Ada Lovelace")] == [q.start]
        (c,) = quote_corrections(store, w.session.doc_id)
        assert (c.start, c.end, c.speaker, c.dismissed) == (q.start, q.end, "Ada Lovelace", False)

    w.close()
    w = open_window()  # Reader started again: the document analysed again, and corrected again
    panel = _wait_analysis(qtbot, w)
    w.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: index in _groups(panel).get("Ada Lovelace", []))

    _click_entry(qtbot, panel, "quote", index)
    qtbot.mouseClick(w.panels.quote_fix.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: index in _groups(panel).get(found, []))
    assert "Ada Lovelace" not in _groups(panel)
    with NotesDB(db_path) as store:
        assert speaker_quotes(store, "Ada Lovelace") == []
        assert quote_corrections(store, w.session.doc_id) == []


def test_a_passage_that_is_no_quote_is_listed_apart_and_forgotten_by_the_library(qtbot, open_window, db_path):
    _w, panel, found, index, fix = _on_a_named_quote(qtbot, open_window)
    with NotesDB(db_path) as store:
        before = len(speaker_quotes(store, found))
    qtbot.mouseClick(fix.dismiss_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: index in _groups(panel).get(DISMISSED, []))
    assert list(_groups(panel))[-1] == DISMISSED  # below everyone quoted
    assert fix.undo_button.isVisible() and fix.undo_button.text() == "Restore"
    assert not fix.wrong_button.isVisible()
    with NotesDB(db_path) as store:
        assert len(speaker_quotes(store, found)) == before - 1

    qtbot.mouseClick(fix.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: index in _groups(panel).get(found, []))
    assert DISMISSED not in _groups(panel)
    with NotesDB(db_path) as store:
        assert len(speaker_quotes(store, found)) == before


# (the field offers the document's speakers as you type: their list pops up)
@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing the keyboard")
def test_escape_closes_the_name_field_and_changes_nothing(qtbot, open_window, db_path):
    w, panel, found, index, fix = _on_a_named_quote(qtbot, open_window)
    qtbot.mouseClick(fix.wrong_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(fix.who, "Nobody")
    qtbot.keyClick(fix.who, Qt.Key.Key_Escape)
    assert not fix.who.isVisible()
    assert index in _groups(panel)[found]
    with NotesDB(db_path) as store:
        assert quote_corrections(store, w.session.doc_id) == []


def _quote(text: str, start: int, speaker: str | None, group: str) -> Quote:
    q = Quote(text, speaker, "said", "indirect", start, start + len(text), text)
    q.extra["group"] = group
    return q


def test_a_correction_is_laid_again_and_never_on_other_words(db_path):
    result = Analysis(quotes=[_quote("the plan works", 10, "he", "India"), _quote("not a quote here", 40, None, "x")])
    with NotesDB(db_path) as store:
        doc = store.register_document("fp", "/a.txt", "A", "text", 100)
        correct_quote(store, doc.id, 10, 24, "the plan works", speaker="Ban Ki-moon")
        correct_quote(store, doc.id, 40, 56, "other words now", dismissed=True)  # the text changed since
        assert apply(result, quote_corrections(store, doc.id)) == 1
        a, b = result.quotes
        assert (a.speaker, a.extra["group"], b.extra["group"]) == ("he", "Ban Ki-moon", "x")
        assert apply(result, quote_corrections(store, doc.id)) == 1  # again: the same, not corrected twice
        assert a.extra["group"] == "Ban Ki-moon"
        correct_quote(store, doc.id, 10, 24, "the plan works", dismissed=True)
        apply(result, quote_corrections(store, doc.id))
        assert a.extra["group"] == DISMISSED and kept(result) == [b]
        assert undo_correction(store, doc.id, 10, 24)
        apply(result, quote_corrections(store, doc.id))
        assert (a.speaker, a.extra["group"]) == ("he", "India")  # the analysis's reading back
        assert not undo_correction(store, doc.id, 10, 24)


def test_an_empty_name_is_refused(db_path):
    with NotesDB(db_path) as store:
        doc = store.register_document("fp", "/a.txt", "A", "text", 100)
        with pytest.raises(ValueError):
            correct_quote(store, doc.id, 1, 5, "word", speaker="  ")
        assert quote_corrections(store, doc.id) == []


def test_a_version_16_notes_file_gets_the_corrections_table(db_path):
    import sqlite_utils

    from notes_db.store import SCHEMA_VERSION, migrations

    db_path.parent.mkdir(parents=True, exist_ok=True)
    old = sqlite_utils.Database(db_path)
    migrations.apply(old, stop_before="m017_quote_corrections")
    old.execute("PRAGMA user_version = 16")
    old["documents"].insert({"fingerprint": "fp", "path": "/a.md", "title": "A", "kind": "markdown", "chars": 9,
                             "pages": 0, "position": 5, "created": "x", "opened": "x"})
    old.conn.commit()
    old.close()
    with NotesDB(db_path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        correct_quote(store, 1, 0, 4, "word", speaker="Someone")
        assert [c.speaker for c in quote_corrections(store, 1)] == ["Someone"]
        store.db.execute("DELETE FROM documents WHERE id = 1")  # gone with its document
        assert quote_corrections(store, 1) == []


def test_a_correction_rewrites_only_its_quotes_row_in_the_library(db_path):
    from notes_db.reviews import record_findings
    from reader.quote_fixes import correct, row

    result = Analysis(quotes=[_quote("first words said", 0, "she", "Ana Ruiz"),
                              _quote("second words said", 30, "he", "India"),
                              _quote("third words said", 60, "they", "Officials")])
    with NotesDB(db_path) as store:
        doc = store.register_document("fp", "/a.txt", "A", "text", 100)
        record_findings(store, doc.id, [], [row(q) for q in result.quotes])

        def rows() -> dict[int, tuple[int, str]]:
            return {r["start"]: (r["id"], r["speaker_group"]) for r in store.read_rows(
                "SELECT id, start, speaker_group FROM findings WHERE doc_id = ?", [doc.id])}

        before = rows()
        assert correct(store, doc.id, result, result.quotes[1], speaker="Ban Ki-moon")
        after = rows()
        assert after[30][1] == "Ban Ki-moon" and [after[0], after[60]] == [before[0], before[60]]  # the others untouched
        assert [f.start for f in speaker_quotes(store, "Ban Ki-moon")] == [30]  # the library knows him
        assert correct(store, doc.id, result, result.quotes[1], dismissed=True)
        assert 30 not in rows()  # the library forgets it
        assert correct(store, doc.id, result, result.quotes[1], undo=True)
        assert rows()[30][1] == "India" and rows()[0] == before[0]
        assert not correct(store, doc.id, result, result.quotes[1], undo=True)  # nothing left to undo


def _seen(panel) -> tuple:
    """What a person sees of the quotes list: each heading (with its count) and the entries under it in order,
    the entry chosen, the detail box below it, the speakers offered and the counts above."""
    tree = panel.tree
    rows = [(top.text(0), top.isExpanded(), [top.child(j).text(0) for j in range(top.childCount())])
            for top in (tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))]
    item = tree.currentItem()
    chosen = (item.data(0, ROLE), item.text(0), item.parent().text(0) if item.parent() else None) if item else None
    facets = [panel.facet.itemText(i) for i in range(panel.facet.count())]
    return (rows, chosen, panel.detail.isVisible(), panel.detail_title.text(), facets, panel.facet.currentText(),
            panel.status.text())


# (the field offers the document's speakers as you type: their list pops up)
@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing the keyboard")
def test_a_correction_moves_one_entry_and_the_list_is_as_listed_again(qtbot, open_window, db_path):
    """Each correction moves the quote's entry (the other headings are the same items, not a list made again:
    War and Peace's 11,000 quotes took a second) and what is seen is exactly what listing them all again shows:
    headings, counts and their order, the entry's place, the choice and its detail box, the entry in view."""
    from shiboken6 import isValid

    w, panel, found, index, fix = _on_a_named_quote(qtbot, open_window)
    tree = panel.tree
    people = [g for g in _groups(panel) if g not in NON_PEOPLE]
    assert len(people) >= 3, people  # several speaker groups
    other = people[1]  # given one more quote, it may now come before `found`

    def corrected(act) -> None:
        untouched = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        untouched = [t for t in untouched if t.data(0, ROLE + 1) not in (found, other, DISMISSED, "Ada Lovelace")]
        act()
        qtbot.waitUntil(lambda: panel.tree.currentItem() is not None and fix.row.isVisible())
        assert all(isValid(t) and t.treeWidget() is tree for t in untouched)  # moved, not listed again
        item = tree.currentItem()
        assert item.data(0, ROLE) == ("quote", index)  # still the one chosen ...
        assert tree.viewport().rect().intersects(tree.visualItemRect(item))  # ... and in view
        moved = _seen(panel)
        panel.set_analysis(w.controller.analysis, panel.reviews, panel.highlighted)  # listed again, as it was
        assert _seen(panel) == moved

    def name(who: str):
        def act() -> None:
            qtbot.mouseClick(fix.wrong_button, Qt.MouseButton.LeftButton)
            fix.who.clear()
            qtbot.keyClicks(fix.who, who)
            qtbot.keyClick(fix.who, Qt.Key.Key_Return)
        return act

    corrected(name(other))
    assert index in _groups(panel)[other] and index not in _groups(panel).get(found, [])
    corrected(lambda: qtbot.mouseClick(fix.dismiss_button, Qt.MouseButton.LeftButton))
    assert index in _groups(panel)[DISMISSED]
    corrected(lambda: qtbot.mouseClick(fix.undo_button, Qt.MouseButton.LeftButton))  # "Restore"
    assert index in _groups(panel)[found] and DISMISSED not in _groups(panel)
    corrected(name("Ada Lovelace"))
    assert _groups(panel)["Ada Lovelace"] == [index]
    corrected(lambda: qtbot.mouseClick(fix.undo_button, Qt.MouseButton.LeftButton))
    assert "Ada Lovelace" not in _groups(panel) and index in _groups(panel)[found]

    panel.facet.setCurrentIndex(panel.facet.findData(found))  # only their quotes: one dismissed leaves the list
    _click_entry(qtbot, panel, "quote", index)
    qtbot.mouseClick(fix.dismiss_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: index not in _groups(panel).get(found, []))
    assert panel.facet.currentData() == found and tree.currentItem() is None and not panel.detail.isVisible()
    moved = _seen(panel)
    panel.set_analysis(w.controller.analysis, panel.reviews, panel.highlighted)
    assert _seen(panel) == moved
    w.grab().save(str(db_path.parent / "quote-moved.png"))
