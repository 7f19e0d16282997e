"""File > Export… and File > Import Notes… driven from the menu of a real window."""

from __future__ import annotations

import json
import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from reader.ui.main_window import MainWindow
from tests.conftest import SAMPLE
from tests.gui_helpers import select_text, shown_window
from tests.test_export import ok, reader


@pytest.fixture
def window(qtbot, db_path, tmp_path):
    doc = tmp_path / "docs" / "sample-article.md"
    doc.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SAMPLE, doc)
    w = shown_window(qtbot, db_path)
    w.open_path(doc)
    qtbot.waitUntil(lambda: w.session is not None and w.session.doc is w.doc)
    return w


def menu_action(w: MainWindow, menu: str, label: str):
    m = next(a.menu() for a in w.menuBar().actions() if a.text().replace("&", "") == menu)
    return next(a for a in m.actions() if a.text().replace("&", "") == label)


def test_file_export_offers_every_format_and_writes_the_chosen_one(qtbot, window, tmp_path, monkeypatch):
    w = window
    s = w.doc.text.index("56.1% are Party members")
    select_text(qtbot, w.view, s, s + len("56.1% are Party members"))
    qtbot.keyClick(w.view, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: len(w.session.highlights) == 1)
    asked = {}
    out = tmp_path / "notes.jsonld"

    def save_dialog(parent, caption, default, filters):
        asked["filters"] = filters.split(";;")
        return str(out), next(f for f in asked["filters"] if f.startswith("W3C"))

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_dialog))
    menu_action(w, "File", "Export…").trigger()
    # a Markdown file is not a PDF: no annotated-PDF choice
    assert [f.split(" (")[0] for f in asked["filters"]] == ["Markdown", "JSON", "W3C Web Annotation", "CSV",
                                                                "ClaimReview"]
    data = json.loads(out.read_text(encoding="utf-8"))
    (a,) = data["first"]["items"]
    assert a["target"]["selector"][0]["exact"] == "56.1% are Party members" and a["target"]["styleClass"] == "red"
    assert "Exported 1 highlight as W3C Web Annotation" in w.banner.text()

    # the same file, imported into a second window's empty notes file, shows the highlight
    w.close()
    other_db = tmp_path / "other.sqlite"
    w2 = MainWindow(other_db)
    qtbot.addWidget(w2)
    w2.show()
    w2.open_path(w.doc.path)
    qtbot.waitUntil(lambda: w2.session is not None and w2.session.doc is w2.doc)
    assert w2.session.highlights == []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(out), "")))
    menu_action(w2, "File", "Import Notes…").trigger()
    qtbot.waitUntil(lambda: w2.panel.count() == 1)
    (h,) = w2.session.highlights
    assert (h.exact, h.color, h.start) == ("56.1% are Party members", "red", s)
    assert w2.banner.text().startswith("added 1 highlight to Working Hard")



def test_an_import_the_notes_file_refuses_says_so_once(qtbot, window, db_path, tmp_path, monkeypatch):
    """Review s12, finding 5: the import's own "nothing was imported" (it names what came in, when a PDF it
    opened brought its own highlights) was prefixed again by the window: "Nothing was imported: nothing was
    imported: …"."""
    import sqlite3

    w3c = tmp_path / "one.jsonld"
    first = tmp_path / "first.sqlite"
    ok(reader("highlight", str(window.doc.path), "--text", "56.1% are Party members", db=first))
    ok(reader("export", "--all", "-f", "w3c", "-o", str(w3c), db=first))
    with sqlite3.connect(db_path) as con:  # a notes file that refuses the imported highlight (a full disk)
        con.execute("CREATE TRIGGER refuse BEFORE INSERT ON highlights "
                    "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
    con.close()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(w3c), "")))
    menu_action(window, "File", "Import Notes…").trigger()
    qtbot.waitUntil(lambda: "imported" in window.banner.text())
    said = window.banner.text()
    assert said.startswith("Nothing was imported: That change was not saved") and said.lower().count("imported") == 1
    assert said.endswith("Your other notes are safe.")
    assert window.session.highlights == []
