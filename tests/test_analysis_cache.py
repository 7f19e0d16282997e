"""Claims and quotes kept between runs: the same text is not analysed twice; any change is."""

from __future__ import annotations

import reader.analysis
from reader import loaders
from reader.analysis_cache import cache_dir
from reader.workers import analyse_text, analysis_args
from tests.conftest import SAMPLE


def _counting(monkeypatch) -> list[int]:
    calls: list[int] = []
    real = reader.analysis.analyse

    def analyse(doc, progress=None):
        calls.append(1)
        return real(doc, progress)

    monkeypatch.setattr(reader.analysis, "analyse", analyse)
    return calls


def test_the_same_text_is_analysed_once_and_a_changed_one_again(monkeypatch):
    calls = _counting(monkeypatch)
    args = analysis_args(loaders.load(SAMPLE))
    first = analyse_text(*args)
    again = analyse_text(*args)
    assert len(calls) == 1 and len(list(cache_dir().glob("*.pickle"))) == 1
    assert again.to_json() == first.to_json() and first.quotes and first.claims

    path, kind, title, fingerprint, text, table = args
    changed = text.replace("56.1%", "57.3%")
    other = analyse_text(path, kind, title, fingerprint + "x", changed, table)
    assert len(calls) == 2
    assert any("57.3%" in c.text for c in other.claims) and not any("57.3%" in c.text for c in first.claims)


def test_a_damaged_entry_is_analysed_again(monkeypatch):
    calls = _counting(monkeypatch)
    args = analysis_args(loaders.load(SAMPLE))
    first = analyse_text(*args)
    (entry,) = cache_dir().glob("*.pickle")
    entry.write_bytes(b"not a pickle")
    assert analyse_text(*args).to_json() == first.to_json()
    assert len(calls) == 2
