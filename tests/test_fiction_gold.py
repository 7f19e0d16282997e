"""The fiction gold (benchmarks/fiction_gold) stays sound: every .ann matches its excerpt, and the files are what
annotations.in and the excerpt rule make. No engine runs here; the lead's engine thresholds live elsewhere."""

from __future__ import annotations

import shutil

import pytest

from benchmarks.fiction_gold import make_ann
from tests.conftest import CORPUS

GOLD = make_ann.HERE


def test_every_excerpt_has_a_sound_ann_file():
    names = sorted(p.stem for p in GOLD.glob("wp_*.txt"))
    assert names == [f"wp_{i:02d}" for i in range(1, make_ann.SETS * make_ann.COUNT + 1)] == [f"wp_{i:02d}" for i in range(1, 25)]
    assert make_ann.check_all(GOLD) == []


def test_ann_files_are_what_annotations_txt_makes():
    built = make_ann.build(make_ann.read_annotations(GOLD / "annotations.in"))
    assert sorted(built) == sorted(p.stem for p in GOLD.glob("wp_*.ann"))
    for name, ann in built.items():
        assert (GOLD / f"{name}.ann").read_text(encoding="utf-8") == ann, name


def test_excerpts_are_the_books_text_at_the_readme_offsets():
    book_path = CORPUS / "big" / "war-and-peace_2600-0.txt"
    if not book_path.exists():
        pytest.skip("the shared corpus is not here")
    excerpts = make_ann.cut_excerpts(book_path.read_text(encoding="utf-8"))
    readme = (GOLD / "README.md").read_text(encoding="utf-8")
    for i, (offset, start, end, text) in enumerate(excerpts, 1):
        assert start > 1_000_516, "the benchmark's part of the book is not used"
        assert f"| wp_{i:02d} | {offset:,} | {start:,} | {end:,} |" in readme
        assert (GOLD / f"wp_{i:02d}.txt").read_text(encoding="utf-8") == text


def _broken_copy(tmp_path, old, new):
    shutil.copy(GOLD / "wp_01.txt", tmp_path / "wp_01.txt")
    ann = (GOLD / "wp_01.ann").read_text(encoding="utf-8")
    assert old in ann
    (tmp_path / "wp_01.ann").write_text(ann.replace(old, new, 1), encoding="utf-8")
    return make_ann.check_all(tmp_path)


def test_checker_finds_a_t_text_that_differs_from_the_excerpt(tmp_path):
    errors = _broken_copy(tmp_path, "\tSource 2273 2286\tPrince Andrew", "\tSource 2273 2286\tPrince Andrei")
    assert any("T text 'Prince Andrei'" in e for e in errors)


def test_checker_finds_overlapping_contents_a_missing_part_and_a_range_outside(tmp_path):
    first = next(line for line in (GOLD / "wp_01.ann").read_text(encoding="utf-8").splitlines() if "\tContent " in line)
    errors = _broken_copy(tmp_path, first, first + "\nT999\tContent 870 880\tX")
    assert any("overlap" in e for e in errors)
    errors = _broken_copy(tmp_path, "Content:T3 ", "Content:T998 ")
    assert any("T998 does not exist" in e for e in errors)
    errors = _broken_copy(tmp_path, "T1\tSource 855 857\tHe", "T1\tSource 855 99999\tHe")
    assert any("outside the text" in e for e in errors)

