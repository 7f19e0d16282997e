"""One window per person and notes file, whatever it was started on (tryout 8, item 1): a Reader
started on a PDF takes a second ``reader PATH`` too (it used to start listening only once its
text view painted, which a PDF's first frame never is), and a file the window cannot open
makes the second ``reader`` exit 1 with the window's one-line message, as a missing file does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from reader.ui.instance import serve_once_shown
from reader.ui.main_window import MainWindow


def second_reader(qtbot, target: str, db_path: Path) -> subprocess.CompletedProcess[str]:
    """`reader TARGET` in another process while this window's event loop runs."""
    with subprocess.Popen([sys.executable, "-m", "reader", target, "--db", str(db_path)],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as proc:
        try:
            qtbot.waitUntil(lambda: proc.poll() is not None, timeout=60000)
        finally:
            if proc.poll() is None:  # it opened a second window: the bug
                proc.kill()
        out, err = proc.communicate()
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def test_a_window_started_on_a_pdf_takes_the_next_files_and_says_which_it_cannot_open(
        qtbot, db_path, specimen, tmp_path):
    pdf = specimen("normal/tracemonkey.pdf")
    text = tmp_path / "docs" / "later.md"
    text.write_text("# Later\n\nA text handed over to the open window.\n", encoding="utf-8")
    bad = tmp_path / "docs" / "bad.pdf"
    bad.write_bytes(pdf.read_bytes()[:3000])  # cut short: no pages

    w = MainWindow(db_path)  # as `reader tracemonkey.pdf` makes it (reader/ui/app.py: run)
    qtbot.addWidget(w)
    serve_once_shown(w, db_path)
    w.resize(1000, 700)
    w.show()
    w.open_path(pdf)
    qtbot.waitUntil(lambda: w.pdf.made_page_view and w.pdf.page_view.painted, timeout=20000)
    assert not w.view.painted  # its first frame was the PDF's pages

    done = second_reader(qtbot, str(text), db_path)
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: w.doc is not None and w.doc.path == text)

    refused = second_reader(qtbot, str(bad), db_path)
    assert refused.returncode == 1
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and "damaged" in lines[0] and lines[0].startswith("reader: bad.pdf"), refused.stderr
    missing = second_reader(qtbot, str(tmp_path / "docs" / "gone.pdf"), db_path)
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1  # the same: one line, exit 1
    assert w.doc is not None and w.doc.path == text  # the window kept what it had
