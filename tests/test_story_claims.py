"""A novel's claims panel lists what can be checked in it (its real dates and figures), not its narration
and dialogue; news, essays and debates keep every claim (reader/analysis/genre.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.analysis import PROSE, analyse, attribution, genre
from reader.analysis.quotes import quote_spans
from reader.loaders import load
from reader.ui.analysis_panel import CLAIMS
from tests.conftest import CORPUS, SAMPLE, SHARED

BOOK = CORPUS / "big" / "war-and-peace_2600-0.txt"
NEWS = SHARED / "data" / "attribution"


@pytest.fixture
def novel(tmp_path: Path) -> Path:
    """War and Peace's first 250 KB, as a text file of its own."""
    if not BOOK.exists():
        pytest.skip("the corpus is not beside the project")
    raw = BOOK.read_bytes()
    path = tmp_path / "novel.txt"
    path.write_bytes(raw[:raw.index(b"\r\n\r\n", 250_000)] if b"\r\n" in raw[:1000] else
                     raw[:raw.index(b"\n\n", 250_000)])
    return path


def test_a_novel_lists_only_the_dates_and_figures_of_its_narration(novel: Path, monkeypatch) -> None:
    doc = load(novel)
    a = analyse(doc)
    assert a.story
    assert a.claims and {c.kind for c in a.claims} <= {"figure", "history"}
    assert any("1805" in c.text for c in a.claims)
    for c in a.claims:  # never what a character says, nor the sentence that reports it
        block = next(b for b in doc.blocks if b.start <= c.start < b.end)
        assert not any(block.start + s < c.end and c.start < block.start + e for s, e in quote_spans(block.text))
    assert len(a.claims) * 50 < a.sentences
    # the same text read as an article: the narration floods the panel
    monkeypatch.setattr(genre, "MIN_TURNS", 1 << 30)
    # a story is never read at the news operating point (attribution.reads_like_news); read as an article,
    # this narration's "said" would make it news: compare the quotes at the same operating point
    assert attribution.reads_like_news(doc.text)
    monkeypatch.setattr(attribution, "reads_like_news", lambda text: False)
    flooded = analyse(doc)
    assert not flooded.story and len(flooded.claims) > 10 * len(a.claims)
    # the same quotes (who says them may differ: in a story a new paragraph is the other person's turn, in news
    # the same person going on; reader/analysis/sources.py), less those a text that is neither news nor a story
    # does not take (assign_people(strict=True): a source that cannot speak, a cue that reports a deed)
    story_quotes = [(q.text, q.start, q.end, q.kind) for q in a.quotes]
    flooded_quotes = [(q.text, q.start, q.end, q.kind) for q in flooded.quotes]
    # (and in a story, a reported 'clause' that is a deed, not speech, is dropped: speakers._story_mention and
    # quotes.reports_clause; and a quotation with its own attribution inside a clause the model read stays the
    # quotation's: so each reading holds a few the other does not)
    assert len(set(story_quotes) & set(flooded_quotes)) >= 0.9 * len(story_quotes)  # 901 of 952 (s11)


def test_news_essays_and_interviews_are_not_stories(tmp_path: Path) -> None:
    if not NEWS.exists():
        pytest.skip("the attribution data is not beside the project")
    # the news article with the most paragraphs opening with a quotation (a round-up of leaders' words)
    roundup = NEWS / "train" / "breitbart_2016-01-19_long-time-leaders-of-conservativ.txt"
    texts = [SAMPLE, roundup, *sorted((NEWS / "dev").glob("*.txt"))]
    for path in texts:
        copy = tmp_path / path.name
        shutil.copyfile(path, copy)
        doc = load(copy)
        assert not genre.is_story(b.text for b in doc.blocks if b.kind in PROSE), path.name
    turns, total = genre.dialogue_turns(b.text for b in load(tmp_path / roundup.name).blocks if b.kind in PROSE)
    assert turns >= 30 and turns > total / 2  # many quoted paragraphs, yet an article


def test_the_panel_says_a_story_is_read_as_one(qtbot, window, novel: Path) -> None:
    w = window
    w.open_path(novel)
    qtbot.waitUntil(lambda: w.session is not None and w.doc is not None and w.doc.path == novel
                    and w.controller.analysis is not None, timeout=60000)
    w.panels.build()
    panel = w.panels.analysis
    w.tabs.setCurrentWidget(panel)
    assert "Read as a story: only the dates and figures of its narration are claims." in panel.status.text()
    claims = w.controller.analysis.claims
    assert claims and panel.sections.tabText(CLAIMS) == f"Claims ({len(claims)})"
    assert f"{len(claims)} check-worthy claim" in panel.status.text()


def test_a_story_asks_only_for_the_kinds_it_keeps() -> None:
    """In a story ``claim_kind`` stops early on a sentence that cannot be a figure or a date: whether a
    sentence's kind is a story kind is what it is when every kind is asked (debate sentences, a novel's)."""
    import csv

    from reader.analysis.claims import STORY_KINDS, claim_kind

    tsv = SHARED / "data" / "checkworthy" / "CT24_checkworthy_english_dev.tsv"
    if not tsv.exists() or not BOOK.exists():
        pytest.skip("the data are not beside the project")
    with tsv.open(encoding="utf-8") as fh:
        texts = [r["Text"] for r in csv.DictReader(fh, delimiter="\t")]
    texts += BOOK.read_text(encoding="utf-8")[:200_000].split(".")
    kinds = [claim_kind(t) for t in texts]
    assert [claim_kind(t, story=True) in STORY_KINDS for t in texts] == [k in STORY_KINDS for k in kinds]
    assert {"figure", "history", "record", "comparison", None} <= set(kinds)
