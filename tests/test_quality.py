"""The codebase stays ruff-clean and the layering holds: notes_db never imports Qt."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def test_ruff_clean():
    ruff = shutil.which("ruff") or str(ROOT / ".venv" / "bin" / "ruff")
    if not shutil.which(ruff):
        pytest.skip("ruff is not installed")
    r = subprocess.run([ruff, "check", "--output-format", "concise", str(ROOT)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_notes_db_has_no_qt_and_reader_writes_no_sql():
    for f in (ROOT / "notes_db").rglob("*.py"):
        assert not re.search(r"^\s*(from|import)\s+PySide6", f.read_text(), re.M), f
    for f in (ROOT / "reader").rglob("*.py"):
        text = f.read_text()
        assert not re.search(r"\b(INSERT INTO|DELETE FROM|UPDATE \w+ SET|CREATE TABLE)\b", text), f


def test_cli_starts_without_qt_or_pymupdf():
    code = ("import sys; from reader import cli; "
            "assert 'PySide6' not in sys.modules and 'pymupdf' not in sys.modules and 'fitz' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_search_marks_agree_between_storage_and_ui():
    from notes_db import search
    from reader.ui import search_panel

    assert (search.MARK_OPEN, search.MARK_CLOSE) == (search_panel.MARK_OPEN, search_panel.MARK_CLOSE)


def test_mypy_clean_on_reader_and_notes_db():
    mypy = shutil.which("mypy") or str(ROOT / ".venv" / "bin" / "mypy")
    if not shutil.which(mypy):
        pytest.skip("mypy is not installed (pip install -e '.[test]')")
    r = subprocess.run([mypy, "reader", "notes_db"], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stdout[-4000:] + r.stderr[-2000:]


def test_gui_modules_stay_small():
    """One module per concern: the window is where the parts meet, not where the work is."""
    sizes = {f.name: len(f.read_text(encoding="utf-8").splitlines()) for f in (ROOT / "reader" / "ui").glob("*.py")}
    assert sizes["main_window.py"] < 300
    assert {name: n for name, n in sizes.items() if n >= 500} == {}


def test_nothing_outside_the_store_reaches_into_its_private_methods():
    """notes_db's modules (search, reviews, library, sync) and the rest of Reader use the
    store's public API (read_rows, transaction, highlights_from_rows, ...), never ``store._x``."""
    private_call = re.compile(r"\b(store|self\.store|db)\._[a-z]\w*\(")
    offenders = [
        f"{f.relative_to(ROOT)}:{n}"
        for top in ("notes_db", "reader", "benchmarks")
        for f in (ROOT / top).rglob("*.py")
        if f.name != "store.py"
        for n, line in enumerate(f.read_text().splitlines(), 1)
        if private_call.search(line)
    ]
    assert not offenders, offenders
