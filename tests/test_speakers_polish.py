"""Speakers a reader would reject (issue 10, session 7): titles and initials cut a name, headlines and section
labels taken for speakers, sources that are no persons, cues that are no cues. Each on real text."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.analysis.quotes import find_direct

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = SHARED / "data" / "attribution" / "dev"


def _dev(name: str, tmp_path: Path) -> Path:
    src = DEV / name
    if not src.exists():
        pytest.skip("the shared data is not beside the project")
    path = tmp_path / name
    shutil.copy(src, path)
    return path


def _extract(path: Path) -> list[dict[str, str]]:
    out = subprocess.run([sys.executable, "-m", "reader", "extract", "--json", str(path)],
                         capture_output=True, text=True, check=True)
    return list(json.loads(out.stdout)["quotes"])


def test_a_title_or_initials_after_the_cue_do_not_end_the_name(tmp_path):
    """'“This is a disgusting day,” said Rep. G.K. Butterfield (D-N.C.)' was 'Rep' / 'The rep'."""
    quotes = _extract(_dev("huff-post_2016-09-16_black-lawmakers-rip-donald-trump.txt", tmp_path))
    day = next(q for q in quotes if "disgusting day" in q["text"])
    assert day["speaker"] == "Rep. G.K. Butterfield" and day["person"] == "G.K. Butterfield", day
    fraud = next(q for q in quotes if q["text"].startswith("“Donald Trump is a disgusting fraud"))
    assert fraud["person"] == "G.K. Butterfield", fraud
    assert not any(q["person"] in ("The rep", "Rep") for q in quotes)
    for text, speaker in (("“We will win,” said Sen. Bernie Sanders (I-Vt.) on Friday.", "Sen. Bernie Sanders"),
                          ("“It works,” said Dr. J.R. Smith Jr., a surgeon.", "Dr. J.R. Smith Jr."),
                          ("“Enough,” said Gov. Mike Pence.", "Gov. Mike Pence")):
        found, _ = find_direct(text, 0)
        assert [q.speaker for q in found] == [speaker], text


def test_a_quotation_that_ends_its_sentence_is_not_given_to_the_next_sentences_subject(tmp_path):
    """'… said "the question is the timing." Gov. Pat McCrory (R) said it would be …': McCrory said the next
    sentence, not the quotation before it; and '“Fox News Sunday,” Gov. Mike Pence said his running mate …' is a
    programme's name, not something Pence said."""
    found, terms = find_direct('Roberts said "the question is the timing." Gov. Pat McCrory (R) said it would be '
                               '"improper" for him to speak.', 0)
    assert not any(q.speaker and "McCrory" in q.speaker and "timing" in q.text for q in found)
    found, terms = find_direct("On this weekend’s broadcast of “Fox News Sunday,” Republican vice-presidential nominee "
                               "Gov. Mike Pence (R-IN) said his running mate’s tweet was only a joke.", 0)
    assert not any(q.speaker for q in found) and [t.text for t in terms] == ["Fox News Sunday,"]
    # an attribution after the quotation with a time or an object after its cue is still one
    found, _ = find_direct("“We are not going anywhere,” Gov. Pat McCrory said this week.", 0)
    assert [q.speaker for q in found] == ["Gov. Pat McCrory"]
    quotes = _extract(_dev("wash-post_2016-09-25_phone-video-is-first-public-look.txt", tmp_path))
    timing = next(q for q in quotes if "the question is the timing" in q["text"])
    assert timing["person"] != "Pat McCrory", timing


def test_a_headline_verb_is_not_part_of_its_speaker(tmp_path):
    """'Black Lawmakers Rip Donald Trump As A ‘Disgusting Fraud.’': the headline's source is 'Black Lawmakers'
    (the annotated source), not the headline read as a name up to its cue and past it."""
    quotes = _extract(_dev("huff-post_2016-09-16_black-lawmakers-rip-donald-trump.txt", tmp_path))
    head = [q for q in quotes if q["start"] < 60]
    assert head and all(q["speaker"] == "Black Lawmakers" for q in head if q["speaker"]), head
    assert not any("Rip" in (q["person"] or "") for q in quotes)


def test_a_technical_paper_has_no_subordinator_figure_or_section_for_a_speaker(tmp_path):
    """tracemonkey.pdf listed 'Although', 'Figure 7', 'This section', 'function' as speakers: none can speak or
    hold a position. Its named sources (TraceMonkey, Andreas Gal) and its authors' 'we' stay."""
    src = SHARED / "corpus" / "normal" / "tracemonkey.pdf"
    if not src.exists():
        pytest.skip("the shared corpus is not beside the project")
    path = tmp_path / "tracemonkey.pdf"
    shutil.copy(src, path)
    quotes = _extract(path)
    speakers = {q["speaker"] for q in quotes if q["speaker"]}
    persons = {q["person"] for q in quotes}
    for bad in ("Although", "Figure 7", "Figure 10", "This section", "This figure", "Dividing", "function",
                "external function", "temporary", "Every"):
        assert bad not in speakers and bad.capitalize() not in persons, bad
    assert {"TraceMonkey", "Andreas Gal"} <= persons
    assert sum(q["speaker"] in ("we", "We") for q in quotes) >= 10
    # in news, 'each' is a speaker ('each touting their own experience and saying the other lacks …')
    news = _extract(_dev("usa-today_2016-09-08_candidates-vie-for-vets-support-.txt", tmp_path))
    assert any(q["speaker"] == "each" for q in news)


def test_the_sample_has_no_quote_cued_by_an_adjective_or_a_deed(tmp_path):
    """'certain countries have been busy scapegoating others' and 'organisations have issued a joint open letter'
    were quotes (cues 'busy', 'issued'): outside news, a cue that is no verb of saying or holding a view must be
    followed by a clause. 'their leaders offered to inform China …' (a clause) stays."""
    from tests.conftest import SAMPLE

    path = tmp_path / "sample.md"
    shutil.copy(SAMPLE, path)
    quotes = _extract(path)
    cues = {q["cue"] for q in quotes}
    assert not cues & {"busy", "issued"}, cues
    assert any(q["cue"] == "offered" and q["text"].startswith("to inform China") for q in quotes)
    scorer = SHARED / "eval" / "score_extraction.py"
    if scorer.exists():
        out = tmp_path / "out.json"
        out.write_text(json.dumps({"quotes": quotes, "claims": []}), encoding="utf-8")
        r = subprocess.run([sys.executable, str(scorer), str(SHARED / "eval" / "seed-article.gold.json"), str(out),
                            "--min-recall", "1.0", "--min-precision", "0.95", "--min-speaker", "1.0"],
                           capture_output=True, text=True)
        assert "quotes R=1.00 P=0.95" in r.stdout, r.stdout
