"""An encrypted PDF handed to the open window (tryout s12, section 1 item 3): ``reader FILE`` says the
window took it and asks for its password (exit 0; it used to print "reader: it could not be opened"
with no file name and exit 1 while the window asked); the same file handed over again never opens a
second question, and once it is open it is opened again without one, with no "needs its password"
banner over it."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QInputDialog

from reader.ui.instance import serve_once_shown
from reader.ui.main_window import MainWindow
from tests.conftest import SAMPLE
from tests.test_handoff_pdf import second_reader

PASSWORD = "asdfasdf"


def questions(w: MainWindow) -> list[QInputDialog]:
    return [d for d in w.findChildren(QInputDialog) if d.isVisible()]


def _serving_window(qtbot, db_path) -> MainWindow:
    r"""A shown window on the sample that takes files handed over by a second \`reader\` (the instance server)."""
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    serve_once_shown(w, db_path)
    w.resize(1000, 700)
    w.show()
    w.open_path(SAMPLE)
    qtbot.waitUntil(lambda: w.session is not None and w.doc.path == SAMPLE and w.view.painted, timeout=20000)
    return w


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the question brought forward, offscreen
def test_an_encrypted_pdf_handed_over_is_taken_asked_once_and_reopened_without_asking(
        qtbot, db_path, specimen, messages, tmp_path):
    enc = specimen("nasty/enc_user_pr6531_2_asdfasdf.pdf")
    w = _serving_window(qtbot, db_path)

    done = second_reader(qtbot, str(enc), db_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{enc.name} is in the open Reader window, which asks for its password."
    assert done.stderr == ""
    qtbot.waitUntil(lambda: len(questions(w)) == 1)
    assert enc.name in questions(w)[0].labelText()

    again = second_reader(qtbot, str(enc), db_path)  # handed over again while its question is up
    assert again.returncode == 0, again.stderr
    qtbot.wait(100)
    (question,) = questions(w)  # the same one question, not a second
    w.grab().save(str(tmp_path / "asked_once.png"))
    question.setTextValue(PASSWORD)
    question.accept()
    qtbot.waitUntil(lambda: w.doc.path == enc and w.session is not None and w.session.doc is w.doc, timeout=20000)
    assert not w.banner.isVisible() or "password" not in w.banner.text()

    before = w.doc
    with qtbot.waitSignal(w.controller.documentOpened, timeout=20000):  # opened again, with no new question
        once_more = second_reader(qtbot, str(enc), db_path)
    assert once_more.returncode == 0 and once_more.stdout == "", once_more.stdout + once_more.stderr
    assert w.doc is not before and w.doc.path == enc and w.session is not None and w.session.doc is w.doc
    qtbot.wait(100)
    assert questions(w) == []
    assert not any("needs its password" in text for _level, text in messages)
    assert not w.banner.isVisible() or "password" not in w.banner.text()


def test_cancelling_the_question_of_a_pdf_that_is_open_leaves_no_banner(qtbot, open_window, specimen, messages):
    """Asked again about the very PDF that is open (its password not kept: the window was told it anew),
    cancelling says nothing about it not being opened."""
    from reader.ui.password import ask_password

    w = open_window()
    enc = specimen("nasty/enc_user_pr6531_2_asdfasdf.pdf")
    w.open_path(enc, PASSWORD)
    qtbot.waitUntil(lambda: w.doc.path == enc and w.session is not None and w.session.doc is w.doc, timeout=20000)
    ask_password(w, enc, False)
    (question,) = questions(w)
    question.reject()
    qtbot.wait(50)
    assert not any("needs its password" in text for _level, text in messages)
    assert not w.banner.isVisible() or "password" not in w.banner.text()


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_another_file_handed_over_while_the_question_is_up_takes_its_place(qtbot, db_path, specimen, messages):
    """Tryout s12: a scanned PDF handed over while the password question was up opened behind it, and the
    question (its OK would open the encrypted file over it) stayed."""
    enc = specimen("nasty/enc_user_pr6531_2_asdfasdf.pdf")
    other = specimen("normal/tracemonkey.pdf")
    w = _serving_window(qtbot, db_path)
    assert second_reader(qtbot, str(enc), db_path).returncode == 0
    qtbot.waitUntil(lambda: len(questions(w)) == 1)
    done = second_reader(qtbot, str(other), db_path)
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: w.doc.path == other and w.session is not None and w.session.doc is w.doc, timeout=20000)
    assert questions(w) == []
    assert not any("needs its password" in text for _level, text in messages)


def test_the_text_of_the_pdf_shown_arriving_behind_the_question_leaves_it_up(qtbot, window, tmp_path, monkeypatch,
                                                                              specimen, messages):
    """A long PDF's text still read when an encrypted one is opened: its arrival is not another document."""
    import threading

    from reader.ui import controller as controller_module
    from tests.test_pdf_reopen_place import make_pdf

    held, begun = threading.Event(), threading.Event()
    real = controller_module.load_in_background

    def slow(path, password, progress):
        begun.set()
        held.wait(60)
        return real(path, password, progress)

    monkeypatch.setattr(controller_module, "load_in_background", slow)
    long_pdf = make_pdf(tmp_path / "long.pdf", 6)
    enc = specimen("nasty/enc_user_pr6531_2_asdfasdf.pdf")
    w = window
    w.open_path(long_pdf)
    qtbot.waitUntil(lambda: w.controller.pdf_pages is not None and 0 in w.page_view.painted_pages, timeout=20000)
    qtbot.waitUntil(begun.is_set)  # its text read has begun (after the first page): held
    w.open_path(enc)
    qtbot.waitUntil(lambda: len(questions(w)) == 1)
    held.set()
    qtbot.waitUntil(lambda: w.doc is not None and w.doc.path == long_pdf, timeout=20000)
    qtbot.wait(100)
    assert len(questions(w)) == 1  # still asking
    questions(w)[0].setTextValue(PASSWORD)
    questions(w)[0].accept()
    qtbot.waitUntil(lambda: w.doc.path == enc and w.session is not None and w.session.doc is w.doc, timeout=20000)
