"""Speakers a reader would reject (issue 10, session 7): titles and initials cut a name, headlines and section
labels taken for speakers, sources that are no persons, cues that are no cues. Each on real text."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.analysis.quotes import find_direct
from tests.dev_articles import dev_article, extract_quotes

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = SHARED / "data" / "attribution" / "dev"






def test_a_title_or_initials_after_the_cue_do_not_end_the_name(tmp_path):
    """'“This is a disgusting day,” said Rep. G.K. Butterfield (D-N.C.)' was 'Rep' / 'The rep'."""
    quotes = extract_quotes(dev_article(tmp_path, "huff-post_2016-09-16_black-lawmakers-rip-donald-trump.txt"))
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
    quotes = extract_quotes(dev_article(tmp_path, "wash-post_2016-09-25_phone-video-is-first-public-look.txt"))
    timing = next(q for q in quotes if "the question is the timing" in q["text"])
    assert timing["person"] != "Pat McCrory", timing


def test_a_headline_verb_is_not_part_of_its_speaker(tmp_path):
    """'Black Lawmakers Rip Donald Trump As A ‘Disgusting Fraud.’': the headline's source is 'Black Lawmakers'
    (the annotated source), not the headline read as a name up to its cue and past it."""
    quotes = extract_quotes(dev_article(tmp_path, "huff-post_2016-09-16_black-lawmakers-rip-donald-trump.txt"))
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
    quotes = extract_quotes(path)
    speakers = {q["speaker"] for q in quotes if q["speaker"]}
    persons = {q["person"] for q in quotes}
    for bad in ("Although", "Figure 7", "Figure 10", "This section", "This figure", "Dividing", "function",
                "external function", "temporary", "Every"):
        assert bad not in speakers and bad.capitalize() not in persons, bad
    assert {"TraceMonkey", "Andreas Gal"} <= persons
    assert sum(q["speaker"] in ("we", "We") for q in quotes) >= 10
    # in news, 'each' is a speaker ('each touting their own experience and saying the other lacks …')
    news = extract_quotes(dev_article(tmp_path, "usa-today_2016-09-08_candidates-vie-for-vets-support-.txt"))
    assert any(q["speaker"] == "each" for q in news)


def test_the_sample_has_no_quote_cued_by_an_adjective_or_a_deed(tmp_path):
    """'certain countries have been busy scapegoating others' and 'organisations have issued a joint open letter'
    were quotes (cues 'busy', 'issued'): outside news, a cue that is no verb of saying or holding a view must be
    followed by a clause. 'their leaders offered to inform China …' (a clause) stays."""
    from tests.conftest import SAMPLE

    path = tmp_path / "sample.md"
    shutil.copy(SAMPLE, path)
    quotes = extract_quotes(path)
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
        m = re.search(r"quotes R=1\.00 P=(\d\.\d\d)", r.stdout)
        assert m is not None and float(m.group(1)) >= 0.95, r.stdout


def test_a_pronoun_never_stands_for_a_name_inside_a_quotation(tmp_path):
    """'“Look at how much African-American communities are suffering …,” he said in August. “… What do you have
    to lose?”': Trump's words were under 'African-American' (a name inside the quotation); the first quotation was
    lost (a learned span over both quotations took it and was then dropped)."""
    quotes = extract_quotes(dev_article(tmp_path, "huff-post_2016-09-16_black-lawmakers-rip-donald-trump.txt"))
    look = next(q for q in quotes if q["text"].startswith("“Look at how much"))
    lose = next(q for q in quotes if "What do you have to lose" in q["text"])
    assert look["person"] == lose["person"] == "Donald Trump", (look, lose)
    assert not any(q["person"] == "African-American" for q in quotes)


def test_two_people_with_one_first_name_are_two_groups(tmp_path):
    """War and Peace's Tíkhon, the old prince's valet, and Tíkhon Shcherbáty, the partisan introduced long after:
    the valet's quotes are 'Tíkhon', the partisan's 'Tíkhon Shcherbáty' (one group held both)."""
    from reader.analysis import analyse
    from reader.loaders import load

    src = SHARED / "corpus" / "big" / "war-and-peace_2600-0.txt"
    if not src.exists():
        pytest.skip("the corpus is not beside the project")
    text = src.read_text(encoding="utf-8-sig")
    valet, partisan = text.index("Tíkhon"), text.index("Tíkhon Shcherbáty")
    path = tmp_path / "tikhon.txt"  # the valet's chapters, then the partisan's
    path.write_text(text[valet - 2000:valet + 40000] + "\n\n" + text[partisan - 2000:partisan + 20000], encoding="utf-8")
    groups = [(q.start, q.extra["group"]) for q in analyse(load(path)).quotes if "Tíkhon" in q.extra["group"]]
    cut = 42000
    assert {g for at, g in groups if at < cut} == {"Tíkhon"}, groups
    assert {g for at, g in groups if at > cut} == {"Tíkhon Shcherbáty"}, groups
    assert sum(at > cut for at, _ in groups) >= 10


def test_polls_documents_and_media_are_listed_apart_from_people(qtbot, window, tmp_path):
    """'the poll', 'Twelve percent', 'Bloomberg' were listed as people in the Speakers window: they are sources,
    listed after the people under 'Polls, documents and media' (and after the people in the quotes panel)."""
    from PySide6.QtCore import Qt

    from reader.speaker_labels import DOCUMENTS, is_document
    from reader.ui.library_actions import _window
    from tests.test_claims_library import open_and_analyse

    sources = ["the poll", "Twelve percent", "58 percent", "The New York Times", "NBC News", "the ad", "New poll"]
    people = ["Bill Clinton", "Bill de Blasio", "Mike Pence", "20 people", "Black Lawmakers", "Group"]
    assert all(map(is_document, sources)) and not any(map(is_document, people))

    w = window
    poll = dev_article(tmp_path, "breitbart_2016-09-20_poll-wealthy-voters-abandon-repu.txt")
    for path in (dev_article(tmp_path, "huff-post_2016-09-16_black-lawmakers-rip-donald-trump.txt"), poll):
        open_and_analyse(qtbot, w, path)
    # the quotes panel: people first, the poll and its figures after them
    w.panels.build()
    panel = w.panels.analysis
    w.tabs.setCurrentWidget(panel)
    from reader.ui.analysis_panel import POSITIONS

    panel.sections.setCurrentIndex(POSITIONS)
    facet = [panel.facet.itemData(i) for i in range(1, panel.facet.count())]
    assert "Twelve percent" in facet and "Group" in facet, facet
    assert facet.index("Twelve percent") > facet.index("Group") and facet.index("Bloomberg poll") > facet.index("Group")
    view_menu = next(a.menu() for a in w.menuBar().actions() if a.text().replace("&", "") == "View")
    next(a for a in view_menu.actions() if a.text().replace("&", "") == "Speakers").trigger()
    sp = _window(w, "speakers")
    qtbot.waitUntil(lambda: sp.people_model.rowCount() > 0, timeout=20000)
    rows = [sp.people_model.item(r) for r in range(sp.people_model.rowCount())]
    texts = [it.text() for it in rows]
    assert DOCUMENTS in texts, texts
    head = texts.index(DOCUMENTS)
    people = [it.data(Qt.ItemDataRole.UserRole) for it in rows[:head]]
    # a poll's group is no name: its document's, listed with it ("Poll (in Poll: Wealthy…)")
    sources = [it.data(Qt.ItemDataRole.UserRole).split(" (in ")[0] for it in rows[head + 1:]]
    assert {"Twelve percent", "Poll"} <= set(sources) and not {"Twelve percent", "Poll", "Bloomberg"} & set(people)
    assert {"Donald Trump", "G.K. Butterfield"} <= set(people)
    assert not rows[head].flags() & Qt.ItemFlag.ItemIsSelectable
    assert sp.summary.text().startswith(f"{len(people)} people and {len(sources)} polls, documents or media")
    # the heading is no person: clicking it shows no page; a source's row shows its quotes
    qtbot.mouseClick(sp.people.viewport(), Qt.MouseButton.LeftButton,
                     pos=sp.people.visualRect(sp.people.model().index(head, 0)).center())
    assert sp.current == ""
    k = head + 1 + sources.index("Twelve percent")
    qtbot.mouseClick(sp.people.viewport(), Qt.MouseButton.LeftButton,
                     pos=sp.people.visualRect(sp.people.model().index(k, 0)).center())
    qtbot.waitUntil(lambda: sp.summary.text().startswith("Twelve percent (in "), timeout=20000)
    assert len(sp.quotes) >= 1


def test_first_person_positions_in_a_transcript_turn_are_the_turns_speaker(tmp_path):
    """'PENCE: Well, look, …' then, in the turn's next paragraphs, 'And I think his tweet yesterday was …': the
    positions were 'Speaker not named'; they are Pence's. The interviewer's turns stay his."""
    quotes = extract_quotes(dev_article(tmp_path, "breitbart_2016-09-25_pence-gennifer-flowers-won-t-be-.txt"))
    think = [q for q in quotes if q["speaker"] == "I" and q["cue"] == "think"]
    assert len(think) >= 2 and all(q["person"] == "Mike Pence" for q in think), think
    assert {q["person"] for q in quotes if q["cue"] == ":" and q["kind"] == "direct"} == {"Mike Pence", "Wallace"}


def test_according_to_someone_named_by_their_work_is_a_quote(tmp_path, monkeypatch):
    """An EPUB's 'According to the harbour master, the tide rose 3 metres.' was not found: 'the harbour master'
    names someone (a noun of someone who does something)."""
    from tests import epub_maker

    chapters = [*epub_maker.CHAPTERS[:1], ("chap2.xhtml", "Chapter Two: The Storm", """
<h1>Chapter Two: The Storm</h1>
<p>The wind turned in the afternoon. According to the harbour master, the tide rose 3 metres.</p>
""")]
    monkeypatch.setattr(epub_maker, "CHAPTERS", chapters)
    path = epub_maker.make_epub(tmp_path / "harbour.epub")
    quotes = extract_quotes(path)
    tide = [q for q in quotes if q["text"] == "the tide rose 3 metres"]
    assert tide and tide[0]["speaker"] == "the harbour master" and tide[0]["cue"] == "according to", quotes


def test_she_after_a_womans_quote_is_her_though_a_he_follows_her_possessive(tmp_path):
    """'Warren told Stumpf, after he admitted under Warren’s grilling he hadn’t …' made Elizabeth Warren a man
    (the 'he' after her name is Stumpf's; after a possessive, the owner's), so the five 'she said' quotes right
    after 'Warren said' were 'Speaker not named'."""
    quotes = extract_quotes(dev_article(tmp_path, "huff-post_2016-09-20_elizabeth-warren-hammers-wells-f.txt"))
    she = [q for q in quotes if q["speaker"] == "she" and q["start"] < 2500]
    assert len(she) >= 3 and all(q["person"] == "Elizabeth Warren" for q in she), she
    assert next(q for q in quotes if q["speaker"] == "he" and "admitted" in q["cue"])["person"] == "John Stumpf"


def test_a_headline_in_capitals_is_no_ones_name(tmp_path):
    """'Obama Says African-American Museum Will Tell …' was read as a name holding 'Obama': twenty of Mr. Obama's
    quotes were grouped under the headline. A headline's run of capitals ends at a word the text writes in lower
    case ('Says'), is no fuller name for a shorter one, and a source that starts with a person's name in a headline
    ('Elizabeth Warren Hammers Wells Fargo CEO: …') is that person."""
    quotes = extract_quotes(dev_article(tmp_path, "nyt_2016-09-25_obama-says-african-american-muse.txt"))
    obama = [q for q in quotes if q["speaker"] in ("Mr. Obama", "President Obama", "Obama")]
    assert len(obama) >= 10 and {q["person"] for q in obama} == {"Obama"}, {q["person"] for q in obama}
    assert not any("Says" in (q["person"] or "") for q in quotes)
    warren = extract_quotes(dev_article(tmp_path, "huff-post_2016-09-20_elizabeth-warren-hammers-wells-f.txt"))
    assert warren[0]["speaker"] == "Elizabeth Warren Hammers Wells Fargo CEO" and warren[0]["person"] == "Elizabeth Warren"


def test_the_panel_shows_how_the_text_names_a_speaker_unless_the_group_says_it_word_for_word(qtbot, window, tmp_path):
    """Pence's 'I think …' positions sit under 'Mike Pence': the panel must say the text calls him 'I' (the label
    was hidden because the letter i occurs in 'Mike Pence'); 'Trump' under 'Donald Trump' needs no label."""
    from reader.speaker_labels import names_mention
    from reader.ui.analysis_panel import POSITIONS
    from tests.test_claims_library import open_and_analyse

    assert names_mention("Donald Trump", "Trump") and names_mention("Xi Jinping", "xi")
    assert not names_mention("Mike Pence", "I") and not names_mention("Donald Trump", "Trump’s")
    w = window
    open_and_analyse(qtbot, w, dev_article(tmp_path, "breitbart_2016-09-25_pence-gennifer-flowers-won-t-be-.txt"))
    w.panels.build()
    panel = w.panels.analysis
    w.tabs.setCurrentWidget(panel)
    panel.sections.setCurrentIndex(POSITIONS)
    tree = panel.tree
    groups = {tree.topLevelItem(i).text(0): tree.topLevelItem(i) for i in range(tree.topLevelItemCount())}
    pence = next(item for name, item in groups.items() if name.startswith("Mike Pence"))
    lines = [pence.child(k).text(0) for k in range(pence.childCount())]
    assert any(", think · “I”" in line for line in lines), lines
