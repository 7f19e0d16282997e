"""A highlight's style goes out with it and comes back (and `reader notes` lists it): W3C (the styleClass
"red-underline", read back by import, export -> import -> export byte-identical), JSON and CSV (a style field),
Markdown (a strike-out's words struck through, the style said in words) and the annotated PDF (an Underline,
Squiggly or StrikeOut annotation, which Reader reads back as that style)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from reader.cli import main as cli_main
from tests.test_export import ok, reader, sample  # noqa: F401  (the sample fixture)

UNDER, STRUCK, WAVY, BAND = "56.1% are Party members", "Song Tao", "Hubei", "Xi Jinping"


def _styled(doc: Path, db: Path) -> None:
    for text, color, style in ((UNDER, "red", "underline"), (STRUCK, "blue", "strikeout"), (WAVY, "green", "squiggly"),
                               (BAND, "yellow", "highlight")):
        out = ok(reader("highlight", str(doc), "--text", text, "--occurrence", "1", "--color", color, "--style", style,
                        db=db))
        assert out.rstrip().endswith(f"{color}" if style == "highlight" else f"{color} {style}")


def test_w3c_says_the_style_in_its_style_class_and_a_round_trip_keeps_it_byte_for_byte(sample, db_path, tmp_path):  # noqa: F811
    _styled(sample, db_path)
    first = tmp_path / "first.jsonld"
    ok(reader("export", str(sample), "-f", "w3c", "-o", str(first), db=db_path))
    data = json.loads(first.read_text(encoding="utf-8"))
    classes = {a["target"]["selector"][0]["exact"]: a["target"]["styleClass"] for a in data["first"]["items"]}
    assert classes == {UNDER: "red-underline", STRUCK: "blue-strikeout", WAVY: "green-squiggly", BAND: "yellow"}
    css = data["stylesheet"]["value"]
    assert ".red-underline { text-decoration: underline #ff6666; }" in css
    assert ".green-squiggly { text-decoration: underline wavy #5fb236; }" in css
    assert ".blue-strikeout { text-decoration: line-through #2ea8e5; }" in css and ".yellow { background-color" in css

    empty = tmp_path / "empty.sqlite"
    assert ok(reader("import", str(first), db=empty)).startswith("added 4 highlights to ")
    got = json.loads(ok(reader("export", str(sample), "-f", "json", db=empty)))["highlights"]
    assert {h["text"]: (h["color"], h["style"]) for h in got} == {
        UNDER: ("red", "underline"), STRUCK: ("blue", "strikeout"), WAVY: ("green", "squiggly"), BAND: ("yellow", "highlight")}
    second = tmp_path / "second.jsonld"
    ok(reader("export", str(sample), "-f", "w3c", "-o", str(second), db=empty))
    assert second.read_bytes() == first.read_bytes()


def test_json_csv_and_markdown_hold_the_style(sample, db_path):  # noqa: F811
    _styled(sample, db_path)
    hs = json.loads(ok(reader("export", str(sample), "-f", "json", db=db_path)))["highlights"]
    assert {h["text"]: h["style"] for h in hs} == {UNDER: "underline", STRUCK: "strikeout", WAVY: "squiggly",
                                                   BAND: "highlight"}
    rows = list(csv.DictReader(io.StringIO(ok(reader("export", str(sample), "-f", "csv", db=db_path)))))
    assert {r["text"]: r["style"] for r in rows} == {UNDER: "underline", STRUCK: "strikeout", WAVY: "squiggly",
                                                     BAND: "highlight"}
    listed = ok(reader("notes", str(sample), db=db_path))  # the terminal's list says it after the place
    assert f" underlined “{UNDER}”" in listed and f" struck out “{STRUCK}”" in listed and f" squiggly “{WAVY}”" in listed
    assert f"“{BAND}”" in listed and f"highlight “{BAND}”" not in listed
    md = ok(reader("export", str(sample), "-f", "markdown", db=db_path))
    assert f"> ~~{STRUCK}~~\n" in md  # struck through, as GitHub shows it
    assert f"> {UNDER}\n" in md and f"> {BAND}\n" in md
    lines = md.splitlines()  # each quote, an empty line, then where, its colour and style, and its link
    meta = {lines[i][2:].strip("~"): lines[i + 2] for i, line in enumerate(lines) if line.startswith("> ")}
    assert meta[UNDER].startswith("red · underlined · [open in Reader]")
    assert meta[STRUCK].startswith("blue · struck out · ") and meta[WAVY].startswith("green · squiggly · ")
    assert meta[BAND].startswith("yellow · [open in Reader]")


def plain_pdf(path: Path) -> Path:
    import pymupdf

    with pymupdf.open() as d:
        page = d.new_page()
        page.insert_text((72, 100), "Harbours and ships fill the old port every morning.", fontsize=12)
        page.insert_text((72, 130), "Gulls follow the boats out past the breakwater.", fontsize=12)
        d.save(path)
    return path


def test_the_annotated_pdf_has_an_annotation_of_each_highlights_kind_and_reader_reads_it_back(capsys, tmp_path,
                                                                                            db_path):
    import pymupdf

    pdf = plain_pdf(tmp_path / "port.pdf")
    for text, style in (("Harbours", "underline"), ("old port", "squiggly"), ("Gulls", "strikeout"),
                        ("breakwater", "highlight")):
        assert cli_main(["highlight", str(pdf), "--text", text, "--style", style, "--db", str(db_path)]) == 0
    out = tmp_path / "exported.pdf"
    capsys.readouterr()
    assert cli_main(["export", str(pdf), "--format", "pdf", "-o", str(out), "--db", str(db_path)]) == 0
    # said by kind, as the import says them (tryout s14: "4 highlight annotations" for underlines too)
    assert capsys.readouterr().out == f"wrote {out} with annotations: 1 underline, 1 squiggle, 1 strike-out and 1 highlight\n"
    with pymupdf.open(out) as d:
        kinds = sorted(a.type[1] for a in d[0].annots())
    assert kinds == ["Highlight", "Squiggly", "StrikeOut", "Underline"]
    other = tmp_path / "other.sqlite"  # the exported copy opened by a Reader that has never seen it
    capsys.readouterr()
    assert cli_main(["notes", str(out), "--json", "--db", str(other)]) == 0
    back = {h["text"].rstrip("."): h["style"] for h in json.loads(capsys.readouterr().out)["highlights"]}
    assert back == {"Harbours": "underline", "old port": "squiggly", "Gulls": "strikeout", "breakwater": "highlight"}
