"""The Speakers window with the keyboard: the quotes follow the arrow keys as they follow a click, and a filter
box narrows thousands of names to those holding what was typed (tryout 9: "moving with the keyboard doesn't
update the quotes pane", "no filter box, with 1,400 people listed")."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reader.ui.speakers import ROLE, folded
from tests.gui_helpers import speakers_window

TEXT = ("Ministers met on Monday. "
        "“The budget is balanced,” said Natásha Rostóva, the finance minister. "
        "“We will cut taxes,” said Pierre Bezúkhov, the prime minister. "
        "“The schools need more,” said Andrew Bolkónski. "
        "“Rents are too high,” said Mary Bolkónskaya. "
        "Nobody else spoke.\n")


def _names(win) -> list[str]:
    m = win.people.model()
    return [m.index(r, 0).data(ROLE) for r in range(m.rowCount()) if m.index(r, 0).data(ROLE) is not None]


def _said(win) -> str:
    m = win.quote_model
    return m.index(0, 0, m.index(0, 0)).data()


def _speakers(qtbot, open_window, tmp_path):
    w, win = speakers_window(qtbot, open_window, tmp_path, TEXT)
    qtbot.waitUntil(lambda: len(_names(win)) >= 4, timeout=20000)
    return w, win


def test_the_quotes_follow_the_arrow_keys(qtbot, open_window, tmp_path):
    _w, win = _speakers(qtbot, open_window, tmp_path)
    names = _names(win)
    assert {"Natásha Rostóva", "Pierre Bezúkhov", "Andrew Bolkónski", "Mary Bolkónskaya"} <= set(names)
    win.people.setFocus()
    qtbot.keyClick(win.people, Qt.Key.Key_Down)  # the first name
    first = win.people.currentIndex().data(ROLE)
    qtbot.waitUntil(lambda: win.summary.text().startswith(f"{first}: 1 quote"), timeout=10000)
    said = _said(win)
    assert said in [f"“{q}”" for q in ("The budget is balanced", "We will cut taxes", "The schools need more",
                                       "Rents are too high")]
    qtbot.keyClick(win.people, Qt.Key.Key_Down)  # the next one: its quotes, not the first's
    second = win.people.currentIndex().data(ROLE)
    assert second != first
    assert win.summary.text() == f"Reading the quotes of {second}…" and win.quote_model.rowCount() == 0  # at once
    qtbot.waitUntil(lambda: win.summary.text().startswith(f"{second}: 1 quote"), timeout=10000)
    assert _said(win) != said
    qtbot.keyClick(win.people, Qt.Key.Key_Up)  # and back
    qtbot.waitUntil(lambda: win.summary.text().startswith(f"{first}: 1 quote"), timeout=10000)
    assert _said(win) == said
    win.grab().save(str(tmp_path / "speakers-keys.png"))
    opened: list[tuple[str, int, int]] = []
    win.openRequested.connect(lambda path, s, e: opened.append((path, s, e)))
    qtbot.keyClick(win.people, Qt.Key.Key_Tab)  # to the quotes, and Enter on one opens it in its document
    assert win.quote_view.hasFocus()
    m = win.quote_model
    win.quote_view.setCurrentIndex(m.index(0, 0, m.index(0, 0)))
    qtbot.keyClick(win.quote_view, Qt.Key.Key_Return)
    (path, s, e), = opened
    assert path.endswith("ministers.txt") and said.strip("“”") in TEXT[s:e]


def test_typing_part_of_a_name_narrows_the_list_and_escape_clears_it(qtbot, open_window, tmp_path):
    _w, win = _speakers(qtbot, open_window, tmp_path)
    everyone = _names(win)
    win.filter.setFocus()
    qtbot.keyClicks(win.filter, "bolkon")  # no accent, small letters
    assert sorted(_names(win)) == ["Andrew Bolkónski", "Mary Bolkónskaya"]
    win.grab().save(str(tmp_path / "speakers-filter.png"))
    qtbot.keyClicks(win.filter, " mar")  # every word typed, anywhere in the name
    assert _names(win) == ["Mary Bolkónskaya"]
    qtbot.keyClick(win.filter, Qt.Key.Key_Return)  # Enter: the first name that matches, and its quotes
    assert win.people.hasFocus() and win.people.currentIndex().data(ROLE) == "Mary Bolkónskaya"
    qtbot.waitUntil(lambda: win.summary.text().startswith("Mary Bolkónskaya: 1 quote"), timeout=10000)
    win.filter.setFocus()
    qtbot.keyClick(win.filter, Qt.Key.Key_Escape)  # clears the box; the window stays
    assert win.filter.text() == "" and _names(win) == everyone and win.isVisible()
    assert win.people.currentIndex().data(ROLE) == "Mary Bolkónskaya"  # still the one shown
    qtbot.keyClicks(win.filter, "nobody by that name")
    assert _names(win) == []
    win.filter.clear()
    qtbot.keyClick(win.filter, Qt.Key.Key_Escape)  # an empty box: Escape closes the window, as before
    assert not win.isVisible()
    assert QApplication.focusWidget() is not win.filter


def test_the_filter_keeps_pace_with_thousands_of_names(qtbot, open_window, tmp_path):
    """Thousands of names: each is folded once when the list comes, and the list narrows on each key."""
    _w, win = _speakers(qtbot, open_window, tmp_path)
    people = [(f"Person {n:05d} Ivánovich", 1, 1) for n in range(6000)] + [("Reuters", 3, 2)]
    win.set_people(people)
    assert len(_names(win)) == 6001
    qtbot.keyClicks(win.filter, "0599")
    wanted = [name for name, _n, _d in people if "0599" in name]
    assert len(wanted) == 11 and _names(win) == wanted
    assert win.people.model().rowCount() == 11  # the heading of the polls, documents and media goes with its names
    win.filter.setText("reut")
    assert _names(win) == ["Reuters"] and win.people.model().rowCount() == 2  # with its heading
    assert folded("Ivánovich") == "ivanovich"


def test_one_documents_repeated_words_are_not_said_nearly_the_same(qtbot, open_window, tmp_path):
    """A novel's hero says "Really?" a hundred times: the Speakers window grouped such lines of one document as
    "said nearly the same in other words" (a misquote signal, meant across documents) and took seconds for them."""
    from reader.ui import library_actions

    doc = tmp_path / "docs" / "novel.txt"
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text("The ball began at nine.\n\n“I feel so happy here tonight!” said Natásha Rostóva.\n\nThe music "
                   "played on.\n\n“Oh, I am so happy here tonight!” said Natásha Rostóva.\n", encoding="utf-8")
    w = open_window(doc)
    qtbot.waitUntil(lambda: w.controller.analysis is not None, timeout=60000)
    library_actions.show_speakers(w)
    win = library_actions._window(w, "speakers")
    qtbot.waitUntil(lambda: "Natásha Rostóva" in _names(win), timeout=20000)
    win.show_person("Natásha Rostóva")
    qtbot.waitUntil(lambda: win.summary.text().startswith("Natásha Rostóva: 2 quotes in 1 document"), timeout=10000)
    assert win.summary.text() == "Natásha Rostóva: 2 quotes in 1 document." and win.groups == []
    assert win.quote_model.rowCount() == 1  # the document's quotes only


def test_the_library_read_again_before_the_arrowed_to_quotes_are_read_still_reads_them(qtbot, open_window, tmp_path):
    """The arrow keys' person is read once the keys rest; a library read again in that moment (a document's
    findings written, which CI's loaded machine made likely: the summary said "Reading the quotes of …"
    forever) must not cancel it."""
    _w, win = _speakers(qtbot, open_window, tmp_path)
    people = [(p.name, p.quotes - p.positions, p.documents, p.positions) for p in win._persons.values()]
    win.people.setFocus()
    qtbot.keyClick(win.people, Qt.Key.Key_Down)
    first = win.people.currentIndex().data(ROLE)
    assert win.summary.text() == f"Reading the quotes of {first}…"
    win.set_people(people)  # the list made again while the keys rest
    assert win.people.currentIndex().data(ROLE) == first
    qtbot.waitUntil(lambda: win.summary.text().startswith(f"{first}: 1 quote"))
    assert win.quote_model.rowCount() > 0
