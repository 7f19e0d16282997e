"""Documents read before come back from the cache: the same document, never a stale one."""

from __future__ import annotations

from pathlib import Path

from reader import doc_cache, loaders


def _entries(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").glob("*.bin"))


def _same(a, b) -> None:
    assert (a.kind, a.title, a.text, a.fingerprint, a.encoding) == (b.kind, b.title, b.text, b.fingerprint, b.encoding)
    assert a.blocks == b.blocks
    assert a.segments == b.segments and a.repairs == b.repairs
    assert (a.raw is None) == (b.raw is None)
    if a.raw is not None:
        assert a.raw.text == b.raw.text and a.raw.blocks == b.raw.blocks


def test_a_text_read_again_is_the_same_document(specimen, tmp_path):
    book = specimen("text/entre-nous_44157-8_latin1.txt")
    first = doc_cache.load(book)
    doc_cache.wait_written()
    assert len(_entries(tmp_path)) == 1
    again = doc_cache.load(book)
    _same(again, loaders.load(book))
    _same(again, first)
    assert again.path == book


def test_markdown_with_spans_read_again(tmp_path):
    md = tmp_path / "a.md"
    md.write_text("# Title\n\nSome *emphasis* and a [link](https://example.org).\n\n- one\n- two\n", encoding="utf-8")
    doc_cache.load(md)
    doc_cache.wait_written()
    _same(doc_cache.load(md), loaders.load(md))


def test_an_edited_file_is_read_anew(tmp_path):
    f = tmp_path / "notes.txt"
    f.write_text("The first version of this text.\n", encoding="utf-8")
    doc_cache.load(f)
    doc_cache.wait_written()
    f.write_text("A second version, changed in place.\n", encoding="utf-8")
    again = doc_cache.load(f)
    assert "second version" in again.text
    _same(again, loaders.load(f))


def test_a_damaged_entry_is_ignored(tmp_path):
    f = tmp_path / "notes.txt"
    f.write_text("Some text worth keeping.\n", encoding="utf-8")
    doc_cache.load(f)
    doc_cache.wait_written()
    (entry,) = _entries(tmp_path)
    entry.write_bytes(b"\x00garbage")
    _same(doc_cache.load(f), loaders.load(f))


def test_a_chosen_encoding_is_never_cached(tmp_path):
    f = tmp_path / "old.txt"
    f.write_bytes("Caf\xe9 cr\xe8me.\n".encode("latin-1"))
    loaders.choose_encoding(f, "cp1252")
    try:
        assert "Café crème." in doc_cache.load(f).text
        doc_cache.wait_written()
        assert _entries(tmp_path) == []
    finally:
        loaders.choose_encoding(f, None)


def test_the_same_text_under_another_name_keeps_its_own_title(tmp_path):
    body = "Not a title line at all, because this opening sentence runs on far too long to be one. " * 3 + "\n"
    a, b = tmp_path / "first-name.txt", tmp_path / "second-name.txt"
    a.write_text(body, encoding="utf-8")
    b.write_text(body, encoding="utf-8")
    doc_cache.load(a)
    doc_cache.wait_written()
    assert doc_cache.load(b).title == loaders.load(b).title
