"""Links back to a passage (reader://), one window per person, Copy as Quote, install-desktop."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from reader.deeplinks import DeepLink, LinkError, parse_link
from reader.ui.instance import serve
from reader.ui.linking import handle_target
from reader.ui.main_window import MainWindow
from tests.conftest import SAMPLE
from tests.gui_helpers import select_text

PASSAGE = "56.1% are Party members"


@pytest.fixture
def docs(tmp_path: Path) -> dict[str, Path]:
    d = tmp_path / "docs"
    d.mkdir()
    shutil.copyfile(SAMPLE, d / "sample-article.md")
    (d / "other.md").write_text("# Another article\n\nNothing to see here.\n", encoding="utf-8")
    return {"sample": d / "sample-article.md", "other": d / "other.md"}


@pytest.fixture
def window(qtbot, db_path, docs):
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    qtbot.waitExposed(w)
    w.open_path(docs["sample"])
    qtbot.waitUntil(lambda: w.session is not None and w.session.doc is w.doc)
    return w


def highlight(qtbot, w: MainWindow, passage: str) -> int:
    s = w.doc.text.index(passage)
    select_text(qtbot, w.view, s, s + len(passage))
    qtbot.keyClick(w.view, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: any(h.exact == passage for h in w.session.highlights))
    return next(h.id for h in w.session.highlights if h.exact == passage)


def open_doc(qtbot, w: MainWindow, path: Path) -> None:
    w.open_path(path)
    qtbot.waitUntil(lambda: w.doc is not None and w.doc.path == path and w.session is not None
                    and w.session.doc is w.doc)


def test_parse_links():
    sha = "ab" * 32
    assert parse_link(f"reader://open?doc={sha}&highlight=12") == DeepLink(sha, 12)
    link = DeepLink(sha, quote="56.1% are “Party” members & more")
    assert parse_link(link.url()) == link
    for bad in ("http://x", "reader://open?doc=xyz", f"reader://open?doc={sha}&highlight=x", f"reader://close?doc={sha}"):
        with pytest.raises(LinkError):
            parse_link(bad)


def test_a_link_opens_the_document_at_the_highlight_in_the_running_window(qtbot, window, docs):
    w = window
    hid = highlight(qtbot, w, PASSAGE)
    link = DeepLink(w.doc.fingerprint, highlight=hid).url()
    open_doc(qtbot, w, docs["other"])
    handle_target(w, link)
    qtbot.waitUntil(lambda: w.doc is not None and w.doc.path == docs["sample"] and w.session is not None)
    qtbot.waitUntil(lambda: w.panel.current_id() == hid)
    # by quote, when the highlight id means nothing here
    open_doc(qtbot, w, docs["other"])
    handle_target(w, DeepLink(w.session.store.document_by_path(str(docs["sample"])).fingerprint,
                              quote="More than 39 million Party members").url())
    qtbot.waitUntil(lambda: w.doc is not None and w.doc.path == docs["sample"] and w.session is not None)
    # a link to a document this notes file has never seen says so
    handle_target(w, DeepLink("cd" * 32, highlight=1).url())
    assert "not in this notes file" in w.banner.text()


def test_a_second_reader_process_hands_the_link_to_the_running_window(qtbot, window, docs, db_path):
    w = window
    hid = highlight(qtbot, w, PASSAGE)
    link = DeepLink(w.doc.fingerprint, highlight=hid).url()
    open_doc(qtbot, w, docs["other"])
    server = serve(w, db_path)
    assert server is not None

    def second_reader(target: str) -> None:
        """`reader TARGET` in another process, while this window's event loop runs."""
        with subprocess.Popen([sys.executable, "-m", "reader", target, "--db", str(db_path)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as proc:
            try:
                qtbot.waitUntil(lambda: proc.poll() is not None, timeout=60000)
            finally:
                if proc.poll() is None:
                    proc.kill()
            _out, err = proc.communicate()
        assert proc.returncode == 0, err

    second_reader(link)
    qtbot.waitUntil(lambda: w.doc is not None and w.doc.path == docs["sample"] and w.panel.current_id() == hid)
    second_reader(str(docs["other"]))  # a plain path is handed over too
    qtbot.waitUntil(lambda: w.doc is not None and w.doc.path == docs["other"])
    server.close()


def test_copy_as_quote_puts_the_passage_citation_and_link_on_the_clipboard(qtbot, window):
    w = window
    s = w.doc.text.index(PASSAGE)
    select_text(qtbot, w.view, s, s + len(PASSAGE))
    qtbot.keyClick(w.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    text = QGuiApplication.clipboard().text()
    lines = text.splitlines()
    assert lines[0] == f"“{PASSAGE}”"
    assert lines[1] == ("— Song Tao, “Working Hard to Bring Happiness to the Chinese People and Promote Progress of all "
                        "Mankind”")  # the author named atop the article's header
    assert parse_link(lines[2]) == DeepLink(w.doc.fingerprint, quote=PASSAGE)
    assert "<blockquote>" in QGuiApplication.clipboard().mimeData().html()
    hid = highlight(qtbot, w, "More than 39 million Party members")
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert parse_link(QGuiApplication.clipboard().text().splitlines()[2]).highlight == hid


def test_install_desktop_writes_freedesktop_files(tmp_path, db_path):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    cfg = tmp_path / "config" / "mimeapps.list"
    cfg.parent.mkdir()
    cfg.write_text("[Default Applications]\napplication/pdf=okular.desktop\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "reader", "install-desktop", "--db", str(db_path)], env=env,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    entry = tmp_path / "data" / "applications" / "reader.desktop"
    icon = tmp_path / "data" / "icons" / "hicolor" / "scalable" / "apps" / "reader.svg"
    assert r.stdout.splitlines() == [f"wrote {entry}", f"wrote {icon}", f"wrote {cfg}"]
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read_string(entry.read_text(encoding="utf-8"))
    e = parser["Desktop Entry"]
    assert (e["Type"], e["Name"], e["Icon"], e["Terminal"]) == ("Application", "Reader", "reader", "false")
    assert e["Exec"].endswith(" %u") and Path(e["TryExec"]).exists()
    mimes = e["MimeType"].rstrip(";").split(";")
    assert {"x-scheme-handler/reader", "application/pdf", "text/markdown", "text/plain"} <= set(mimes)
    assert icon.read_text(encoding="utf-8").startswith("<svg")
    apps = configparser.ConfigParser(interpolation=None)
    apps.optionxform = str
    apps.read(cfg)
    assert apps["Default Applications"]["x-scheme-handler/reader"] == "reader.desktop"
    assert apps["Default Applications"]["application/pdf"] == "okular.desktop"  # nobody else's choice is changed
    validator = shutil.which("desktop-file-validate")
    if validator:
        v = subprocess.run([validator, str(entry)], capture_output=True, text=True)
        assert v.returncode == 0 and "error" not in v.stdout.lower(), v.stdout
    r = subprocess.run([sys.executable, "-m", "reader", "install-desktop", "--uninstall", "--db", str(db_path)],
                       env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and not entry.exists() and not icon.exists()
    apps = configparser.ConfigParser(interpolation=None)
    apps.optionxform = str
    apps.read(cfg)
    assert "x-scheme-handler/reader" not in apps["Default Applications"]
    assert apps["Default Applications"]["application/pdf"] == "okular.desktop"


def test_about_names_the_licences_and_the_claim_data(qtbot, window):
    from PySide6.QtWidgets import QMessageBox

    from tests.conftest import ROOT

    w = window
    help_menu = next(a.menu() for a in w.menuBar().actions() if a.text().replace("&", "") == "Help")
    next(a for a in help_menu.actions() if a.text().replace("&", "") == "About Reader").trigger()
    box = w.findChild(QMessageBox, "aboutBox")
    qtbot.waitUntil(lambda: box.isVisible())
    text = box.informativeText()
    assert "AGPL-3.0-or-later" in text and "PyMuPDF" in text and "LGPL-3.0" in text
    assert "ClaimBuster" in text and "CC BY 4.0" in text
    box.close()
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("GNU AFFERO GENERAL PUBLIC LICENSE\nVersion 3, 19 November 2007")
    assert "AGPL-3.0-or-later" in (ROOT / "README.md").read_text(encoding="utf-8")
