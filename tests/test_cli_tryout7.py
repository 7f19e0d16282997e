"""Command-line defects the seventh new-user tryout found (each test names what it was).
The real `reader` entry point on a notes file under tmp_path."""

from __future__ import annotations

from tests.test_export import ok, reader


def test_info_on_a_defused_pdf_says_nothing_on_stderr_unless_verbose(db_path, specimen):
    """`reader info nasty/bomb_giant.pdf` printed "reader.loaders: dropped 3 suspicious content streams"
    to stderr without -v."""
    bomb = specimen("nasty/bomb_giant.pdf")
    r = reader("info", str(bomb), db=db_path)
    assert "pages: 1" in ok(r)
    assert r.stderr == ""
    loud = reader("-v", "info", str(bomb), db=db_path)
    assert "dropped 3 suspicious content streams" in loud.stderr  # still there for whoever asks
