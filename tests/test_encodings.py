"""Text files in the encoding they were written in, never as mojibake.

The corpus's text/ folder names each file's encoding at the end of its name
(``greek.ru_koi8_r.xml.txt`` is KOI8-R): Reader must find the same one.
"""

from __future__ import annotations

import codecs
import re
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt

from reader.cli import main as cli_main
from reader.loaders import choose_encoding, decode_text, encoding_name, load
from tests.conftest import CORPUS, ROOT

_SUFFIXES = re.compile(r"(\.(txt|xml|htm|md))+$")


def expected_encoding(name: str) -> str | None:
    """The encoding a file's name ends with, if any: ``..._koi8_r.xml.txt`` -> koi8-r."""
    stem = _SUFFIXES.sub("", name)
    tokens = re.split(r"[_.]", stem)
    for n in (2, 1):
        if len(tokens) <= n - 1:
            continue
        word = "_".join(tokens[-n:])
        if word == "utf8bom":
            return "utf-8-sig"
        if not re.fullmatch(r"(cp|latin|koi8|euc|gb|big|shift|iso|utf|mac|windows)[\w-]*", word):
            continue
        try:
            return encoding_name(codecs.lookup(word).name)
        except LookupError:
            continue
    return None


NAMED = sorted(
    (p.name, enc) for p in (CORPUS / "text").glob("*") if (enc := expected_encoding(p.name)) is not None
) if (CORPUS / "text").is_dir() else []
LEGACY = [(n, e) for n, e in NAMED if e not in ("utf-8", "utf-8-sig", "cp1252", "iso8859-1")]


def test_the_corpus_names_eight_legacy_encodings():
    assert len(LEGACY) >= 8, NAMED
    assert {"koi8-r", "euc_jp", "gb2312", "cp949", "cp1255", "cp1256"} <= {e for _n, e in LEGACY}


@pytest.mark.parametrize(("name", "expected"), NAMED)
def test_each_named_file_is_read_in_its_encoding(specimen, name, expected):
    path = specimen(f"text/{name}")
    data = path.read_bytes()
    text, found = decode_text(data, name)
    assert found == expected
    truth = data.decode(expected).removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    assert text == truth
    doc = load(path)
    assert doc.encoding == expected and "\ufffd" not in doc.text


@pytest.mark.parametrize(
    ("source", "encoding", "found"),
    [
        ("manana.moo.jp_euc_jp.xml.txt", "shift_jis", "cp932"),  # Microsoft's Shift_JIS: same text here
        ("manana.moo.jp_euc_jp.xml.txt", "iso2022_jp", "iso2022_jp"),
        ("greek.ru_koi8_r.xml.txt", "mac_cyrillic", "mac-cyrillic"),
        ("greek.ru_koi8_r.xml.txt", "cp1251", "cp1251"),
        ("greek.ru_koi8_r.xml.txt", "iso8859_5", "iso8859-5"),
        ("w3cn.org_gb2312.xml.txt", "gb18030", "gb18030"),
    ],
)
def test_real_text_in_other_legacy_encodings(specimen, tmp_path, source, encoding, found):
    """A corpus text re-encoded (its XML declaration removed, so only the bytes tell)."""
    text = specimen(f"text/{source}").read_bytes().decode(expected_encoding(source) or "utf-8")
    data = re.sub(r'encoding="[^"]+"', "", text).encode(encoding, errors="ignore")
    p = tmp_path / f"re-encoded-{encoding}.txt"
    p.write_bytes(data)
    doc = load(p)
    assert doc.encoding == found
    truth = data.decode(encoding).replace("\r\n", "\n")
    assert decode_text(data)[0] == truth


def test_big5_traditional_chinese(tmp_path):
    """Big5 has no specimen in the corpus: a paragraph of Traditional Chinese written here."""
    text = ("中華民國的國語是以北京話為基礎的標準漢語，使用正體字書寫。臺灣的教育部負責制定國語的標準，"
            "包括讀音、詞彙與文法。許多人在日常生活中也會說臺灣閩南語、客家語或原住民族語言。") * 3
    p = tmp_path / "big5.txt"
    p.write_bytes(text.encode("big5"))
    doc = load(p)
    assert doc.encoding == "big5" and doc.text == text


def test_reader_info_names_the_encoding(specimen, capsys):
    path = specimen("text/greek.ru_koi8_r.xml.txt")
    assert cli_main(["info", str(path)]) == 0
    assert "encoding: koi8-r" in capsys.readouterr().out


def test_long_ascii_preamble_does_not_hide_the_encoding(specimen, tmp_path):
    """The detector reads a bounded prefix, taken from the first non-ASCII byte."""
    body = specimen("text/sample-hebrew-3_cp1255.txt").read_bytes()
    p = tmp_path / "preamble.txt"
    p.write_bytes(b"An English preamble, repeated to be long.\n" * 12000 + b"\n" + body)
    doc = load(p)
    assert doc.encoding == "cp1255"
    assert body.decode("cp1255").split()[0] in doc.text


def test_utf8_takes_the_fast_path_without_the_detector(specimen):
    """UTF-8 (and BOM) files never import charset-normalizer."""
    path = specimen("text/sample-spanish_crlf_longlines.txt")
    code = (
        "import sys; from reader.loaders import load; "
        f"d = load({str(path)!r}); "
        "print(d.encoding, 'charset_normalizer' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert out.split() == ["utf-8", "False"]


@pytest.mark.parametrize("padding", [(4096, 0), (17, 0), (0, 2048), (512, 512)])
def test_nul_padding_around_text_is_not_binary(specimen, tmp_path, padding):
    before, after = padding
    body = specimen("text/sample-spanish_crlf_longlines.txt").read_bytes()
    p = tmp_path / "padded.txt"
    p.write_bytes(b"\x00" * before + body + b"\x00" * after)
    doc = load(p)
    assert doc.text.startswith("La creación")
    assert "\x00" not in doc.text and doc.encoding == "utf-8"


def test_only_nul_bytes_is_no_text(tmp_path):
    from reader.errors import DocumentError

    p = tmp_path / "zeros.txt"
    p.write_bytes(b"\x00" * 5000)
    with pytest.raises(DocumentError, match="no text"):
        load(p)


def test_a_chosen_encoding_overrides_detection(specimen):
    path = specimen("text/greek.ru_koi8_r.xml.txt")
    assert load(path, encoding="cp1251").encoding == "cp1251"
    choose_encoding(path, "iso8859-5")
    try:
        assert load(path).encoding == "iso8859-5"
    finally:
        choose_encoding(path, None)
    assert load(path).encoding == "koi8-r"


def _cyrillic(text: str) -> int:
    return sum(1 for ch in text if "\u0400" <= ch <= "\u04ff")


def test_status_bar_shows_encoding_and_view_encoding_reopens(qtbot, open_window, specimen):
    path = specimen("text/greek.ru_koi8_r.xml.txt")
    w = open_window(path)
    assert w.doc_info.text().endswith("KOI8-R")
    assert _cyrillic(w.view.toPlainText()) > 500
    menu = w.menus.encoding_menu
    menu.refresh()
    assert menu.detect_action.isChecked() and "KOI8-R" in menu.detect_action.text()
    # a person picks another encoding: the file comes back in it, ticked, named in the status bar
    menu.codec_actions["cp1252"].trigger()
    qtbot.waitUntil(lambda: w.doc is not None and w.doc.encoding == "cp1252")
    assert w.doc_info.text().endswith("Windows-1252")
    assert _cyrillic(w.view.toPlainText()) == 0
    menu.refresh()
    assert menu.codec_actions["cp1252"].isChecked()
    # and back to what was detected
    menu.detect_action.trigger()
    qtbot.waitUntil(lambda: w.doc is not None and w.doc.encoding == "koi8-r")
    assert _cyrillic(w.view.toPlainText()) > 500


def test_encoding_menu_is_disabled_for_pdf(qtbot, open_window, specimen):
    w = open_window(specimen("normal/pdflatex-outline.pdf"))
    qtbot.waitUntil(lambda: w.doc is not None and w.doc.kind == "pdf", timeout=10000)
    w.menus.encoding_menu.refresh()
    assert not w.menus.encoding_menu.detect_action.isEnabled()
    assert all(not a.isEnabled() for a in w.menus.encoding_menu.codec_actions.values())
    _ = Qt  # the menu is exercised through its actions, as a person's click triggers them


def test_central_european_hungarian(tmp_path):
    """The issue's "Mûvelõdés" for "Művelődés": ISO-8859-2 read as Windows-1252. No corpus
    specimen; a paragraph written here. Windows-1250 gives the same letters, so either is right."""
    text = (
        "Magyarország közép-európai ország, a Kárpát-medencében. Fővárosa és legnépesebb városa Budapest. "
        "A Művelődési Ház a város kulturális életének központja: itt működik a könyvtár, a zeneiskola és a "
        "helytörténeti gyűjtemény. Az épületet a huszadik század elején emelték, és azóta többször felújították. "
        "A hétvégi előadásokon gyerekek és felnőttek egyaránt részt vesznek; a népszerű író-olvasó találkozók "
        "mellett kiállítások, hangversenyek és táncházak is várják a látogatókat. Ősszel megrendezik a szüreti "
        "fesztivált, tavasszal pedig a könyvhetet, amelyen a környék szerzői mutatják be új műveiket."
    )
    p = tmp_path / "muvelodes.txt"
    p.write_bytes(text.encode("iso8859_2"))
    doc = load(p)
    assert doc.encoding in ("iso8859-2", "cp1250")
    assert "Művelődési" in doc.text and "Mûvelõdés" not in doc.text
