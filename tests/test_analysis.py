"""The claims and quotes engine: the sample article against its gold file, and
rules on sentences the engine was not written for."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from reader.analysis import analyse, sentences
from reader.analysis.claims import classify, load_model
from reader.analysis.quotes import find_direct, find_indirect, quote_spans, speaker_group, valid_speaker
from reader.loaders import load
from tests.conftest import SAMPLE, SHARED


def test_extract_passes_the_gold_scorer(tmp_path, db_path):
    gold = SHARED / "eval" / "seed-article.gold.json"
    scorer = SHARED / "eval" / "score_extraction.py"
    if not scorer.exists():
        pytest.skip("the scorer is not beside the project")
    out = tmp_path / "out.json"
    r = subprocess.run([sys.executable, "-m", "reader", "extract", str(SAMPLE), "--json", "--db", str(db_path)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    out.write_text(r.stdout, encoding="utf-8")
    data = json.loads(r.stdout)
    for q in data["quotes"]:
        assert set(q) >= {"text", "speaker", "cue", "kind", "start", "end"}
    for c in data["claims"]:
        assert set(c) >= {"text", "kind", "score", "start", "end"}
    s = subprocess.run([sys.executable, str(scorer), str(gold), str(out), "--min-recall", "0.95",
                        "--min-precision", "0.85", "--min-speaker", "0.95"], capture_output=True, text=True)
    assert s.returncode == 0, s.stdout


def test_offsets_point_at_the_text():
    doc = load(SAMPLE)
    a = analyse(doc)
    for item in [*a.quotes, *a.claims, *a.terms]:
        assert doc.text[item.start:item.end].replace("\u2028", " ") == item.text


def test_sample_groups_and_terms():
    a = analyse(load(SAMPLE))
    groups = {}
    for q in a.quotes:
        groups[q.extra["group"]] = groups.get(q.extra["group"], 0) + 1
    assert groups["Xi Jinping"] == 7  # Q1, Q2, Q5, Q8, Q11, Q15, Q17 in the gold file
    assert {t.text for t in a.terms} >= {"people first", "import", "like-minded", "debt trap diplomacy"}
    assert next(t for t in a.terms if t.text == "debt trap diplomacy").speaker == "certain politicians"
    split = a.quotes[0]
    assert split.kind == "direct" and split.cue == "proclaimed" and split.speaker == "General Secretary Xi Jinping"


@pytest.mark.parametrize(
    ("sentence", "speaker", "cue"),
    [
        ("As the finance minister put it, the budget will be balanced by 2027.", "the finance minister", "put it"),
        ("According to police officials, three people were injured in the blast.", "police officials", "according to"),
        ("Three people were injured in the blast, according to Sarah Jones.", "Sarah Jones", "according to"),
        ("In the words of the Secretary-General, the crisis is far from over.", "the Secretary-General", "in the words of"),
        ("The company's chief executive said that profits had doubled.", "The company's chief executive", "said"),
        ("Angela Merkel has repeatedly stressed that Europe must stand together.", "Angela Merkel", "stressed"),
        ("Local residents told reporters that the water had been brown for weeks.", "Local residents", "told"),
    ],
)
def test_reported_speech(sentence, speaker, cue):
    q = find_indirect(sentence, 0)
    assert q is not None and q.speaker == speaker and q.cue == cue and q.kind == "indirect"


@pytest.mark.parametrize(
    "sentence",
    [
        "It should be noted that the river flooded twice.",
        "According to a 2020 report by the ministry, exports rose by 5%.",
        "History has repeatedly shown that empires fall.",
        "He wanted to say that nothing mattered.",
    ],
)
def test_not_reported_speech(sentence):
    assert find_indirect(sentence, 0) is None


def test_direct_quotes_before_after_and_split():
    text = ('“We will not back down,” the mayor said. Critics called it “a disaster for the city”. '
            'She replied: “Nobody asked you.” “This,” said Dr. Ruth Okafor, “is the turning point.”')
    quotes, terms = find_direct(text, 0)
    by_speaker = {q.speaker: q for q in quotes}
    assert "the mayor" in by_speaker and by_speaker["the mayor"].cue == "said"
    assert "She" in by_speaker and by_speaker["She"].cue == "replied"
    assert by_speaker["Dr. Ruth Okafor"].text.startswith("“This,” said")
    assert [t.text for t in terms] == [] or all(len(t.text.split()) < 5 for t in terms)


def test_scare_quotes_are_terms():
    quotes, terms = find_direct('The plan was called "unbreakable" by nobody, and its "fixes" failed.', 0)
    assert not quotes and [t.text for t in terms] == ["unbreakable", "fixes"]


def test_speaker_grouping_and_validity():
    assert speaker_group("General Secretary Xi Jinping") == "Xi Jinping"
    assert speaker_group("Many political parties and their leaders") == "Political parties and their leaders"
    assert valid_speaker("police officials") and not valid_speaker("a recent report")
    assert not valid_speaker("it") and not valid_speaker("An")


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Unemployment fell to 3.5% in March, the lowest rate since 1969.", "figure"),
        ("The bridge is the longest sea crossing in the world.", "record"),
        ("The company was founded in 1998 by two students.", "figure"),
        ("Crime is now higher than it was a decade ago in most cities.", "comparison"),
    ],
)
def test_checkable_claims(sentence, kind):
    verdict = classify(sentence, load_model())
    assert verdict is not None and verdict[0] == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "We must stand together and build a brighter future for our children.",
        "Thank you all very much for coming tonight.",
        "BOOK SIX: 1808 - 10",
        "See J. Smith et al., Journal of Things 12 (2001) 1-33.",
        "China's response to the recent outbreak COVID-19 speaks volumes about its philosophy.",
    ],
)
def test_not_claims(sentence):
    assert classify(sentence, load_model()) is None


def test_sentence_splitting_keeps_abbreviations_and_fixes_rare_words():
    text = "Mr. Smith paid $3.5 million in Jan. 2020. The world changed in a century. Certain things stayed."
    spans = [text[a:b].strip() for a, b in sentences(text)]
    assert spans == ["Mr. Smith paid $3.5 million in Jan. 2020.", "The world changed in a century.",
                     "Certain things stayed."]


def test_shipped_model_reports_its_dev_scores():
    data = json.loads((SAMPLE.parent / "claims_model.json").read_text())
    assert data["dev"]["f1"] >= 0.85


def test_claim_engine_on_the_dev_sentences():
    """The classifier decides; the rules (kind thresholds, filters, value talk) cut at most 0.05 of its
    recall on the dev sentences (issue 10), and the engine keeps F1 >= 0.85."""
    import csv

    path = SHARED / "data" / "checkworthy" / "CT24_checkworthy_english_dev.tsv"
    if not path.exists():
        pytest.skip("the training data is not beside the project")
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    model = load_model()
    assert model is not None
    gold = [r["class_label"] == "Yes" for r in rows]
    alone = [model.score(r["Text"]) >= model.threshold for r in rows]
    pred = [classify(r["Text"], model) is not None for r in rows]
    tp = sum(p and g for p, g in zip(pred, gold, strict=True))
    precision, recall = tp / sum(pred), tp / sum(gold)
    recall_alone = sum(p and g for p, g in zip(alone, gold, strict=True)) / sum(gold)
    assert recall_alone - recall <= 0.05, (recall_alone, recall)
    assert 2 * precision * recall / (precision + recall) >= 0.85, (precision, recall)


def test_value_talk_is_not_a_claim_but_a_figure_in_it_is():
    """An essay's slogans read like facts to a debate-trained classifier; the rule keeps them out
    unless they carry something checkable."""
    from reader.analysis.claims import rhetoric

    assert rhetoric("Political parties of many countries speak highly of the effort.")
    assert rhetoric("The party is committed to settling disputes through dialogue.")
    assert rhetoric("It has always shared weal and woe with the people.")
    assert not rhetoric("Justice Breyer voted against the bill in 2005.")  # a person, not an ideal
    assert not rhetoric("Senator Jones voted against the farm bill twice.")
    assert classify("Over 240 political parties from over 120 countries have stood up for its stance.", load_model())


@pytest.mark.parametrize(
    ("sentence", "speaker", "cue", "content"),
    [
        ("The minister said the plan would cost $2 billion over five years.", "The minister", "said",
         "the plan would cost $2 billion over five years"),
        ("Officials say the fire was started deliberately.", "Officials", "say", "the fire was started deliberately"),
        ("Critics argue the law is unconstitutional.", "Critics", "argue", "the law is unconstitutional"),
        ("Jones, who chairs the committee, warned that the deadline could slip.", "Jones", "warned",
         "the deadline could slip"),
        ("Jones, a spokesman for the firm, said the figures were wrong.", "Jones", "said", "the figures were wrong"),
        ("Prime Minister Anna Berg said on Monday that taxes would not rise.", "Prime Minister Anna Berg", "said",
         "taxes would not rise"),
        ("The company said in a statement that it had fired the manager.", "The company", "said",
         "it had fired the manager"),
    ],
)
def test_news_reported_speech(sentence, speaker, cue, content):
    q = find_indirect(sentence, 0)
    assert q is not None and (q.speaker, q.cue, q.text) == (speaker, cue, content)


@pytest.mark.parametrize("sentence", ["He said nothing for a while.", "She said goodbye to her friends.",
                                      "It was said that the river flooded."])
def test_said_without_a_clause_is_not_a_quote(sentence):
    assert find_indirect(sentence, 0) is None


def test_a_quoted_sentence_after_an_attributed_one_continues_it():
    quotes, terms = find_direct('"This is a dark day," he said. "We will rebuild."', 0)
    assert [(q.speaker, q.cue) for q in quotes] == [("he", "said"), ("he", "said")] and not terms
    quotes, _ = find_direct('"This is a dark day," he said. He looked at the river. "We will rebuild."', 0)
    assert [(q.speaker, q.cue) for q in quotes] == [("he", "said"), ("he", "continued")]


def test_both_halves_of_a_quotation_split_by_a_pronoun_and_said_are_kept(tmp_path):
    # a new user's tryout: the learned model's clause over '“A,” she said. “B”' met the rules' second quotation,
    # gave way to it, and took the first quotation with it
    path = tmp_path / "split.txt"
    path.write_text("“The vote was a disgrace,” she said. “I cannot serve in a body that ignores its own rules.”\n\n"
                    "“We lost by three votes,” Lopez said. “Next year we will win.”\n", encoding="utf-8")
    quotes = [(q.text, q.speaker, q.cue) for q in analyse(load(path)).quotes]
    assert quotes == [("“The vote was a disgrace,”", "she", "said"),
                      ("“I cannot serve in a body that ignores its own rules.”", "she", "said"),
                      ("“We lost by three votes,”", "Lopez", "said"), ("“Next year we will win.”", "Lopez", "said")]


# -- issue 10: news attributions, debate claims, speakers --------------------------------------------------


def _scorer_summary(stdout: str) -> dict[str, float]:
    return json.loads(stdout.strip().splitlines()[-2])


def test_attribution_scorer_on_news_articles_it_was_not_trained_on():
    """PolNeAR dev articles (never trained on), scored by the shared scorer through the CLI.
    A fixed subset (the first 20 in name order: R 0.84 P 0.92 F1 0.88 speaker 0.85) keeps the test
    under a minute; the whole dev folder reads R 0.808 P 0.904 F1 0.853 speaker 0.852 (news read at the
    news operating point: before it, R 0.745 P 0.93 F1 0.83 speaker 0.86; the linear models
    alone, before the CRF: R 0.68 P 0.95 F1 0.79 speaker 0.85; before the verifier and clause ends:
    R 0.60 P 0.95 F1 0.73 speaker 0.86; before the learned model: R 0.31 P 0.97 F1 0.47 speaker 0.67)."""
    scorer = SHARED / "eval" / "score_attribution.py"
    dev = SHARED / "data" / "attribution" / "dev"
    if not scorer.exists() or not dev.exists():
        pytest.skip("the scorer or the data is not beside the project")
    r = subprocess.run([sys.executable, str(scorer), str(dev), f"{sys.executable} -m reader extract --json",
                        "--limit", "20"], capture_output=True, text=True, timeout=600)
    s = _scorer_summary(r.stdout)
    assert s["failed_runs"] == 0
    assert s["precision"] >= 0.9 and s["recall"] >= 0.82 and s["f1"] >= 0.86 and s["speaker"] >= 0.82, r.stdout


def test_news_is_read_at_the_news_operating_point_and_an_essay_is_not():
    """News reports speech ("said", "told", "according to"); the sample essay hardly does, and keeps the
    stricter operating point that holds its quote precision."""
    from reader.analysis import attribution

    dev = SHARED / "data" / "attribution" / "dev"
    if not dev.exists():
        pytest.skip("the data is not beside the project")
    news = sorted(dev.glob("*.txt"))[:20]
    assert sum(attribution.reads_like_news(load(p).text) for p in news) >= 18
    assert not attribution.reads_like_news(load(SAMPLE).text)
    # the same paragraphs read as news: more is found than at the stricter point
    model = attribution.load_model()
    blocks = [b.text for p in news for b in load(p).blocks]
    looser = sum(len(attribution.find_block(t, sentences(t), quote_spans(t), model, news=True)) for t in blocks)
    strict = sum(len(attribution.find_block(t, sentences(t), quote_spans(t), model)) for t in blocks)
    assert looser > strict * 1.05, (looser, strict)


def test_checkworthy_scorer_on_debate_sentences():
    scorer = SHARED / "eval" / "score_checkworthy.py"
    tsv = SHARED / "data" / "checkworthy" / "CT24_checkworthy_english_dev.tsv"
    if not scorer.exists() or not tsv.exists():
        pytest.skip("the scorer or the data is not beside the project")
    r = subprocess.run([sys.executable, str(scorer), str(tsv), f"{sys.executable} -m reader extract --json",
                        "--min-f1", "0.85"], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr


def test_first_person_figures_are_claims_in_a_debate():
    assert classify("We created 15 million jobs in the last eight years.", load_model()) is not None


def test_news_attributions_before_after_and_positions():
    from reader.document import Block, Document

    text = ("Secret Service protocol called for the nominee to be taken to a trauma center, sources said.\n"
            "Mayor Jane Porter told reporters on Monday that the bridge would reopen in May.\n"
            "Porter wants the city to pay for the repairs.")
    blocks = [Block("paragraph", t) for t in text.split("\n")]
    doc = Document.from_blocks(SAMPLE, "text", "t", blocks, "x")
    a = analyse(doc)
    by_start = {doc.text[q.start:q.end][:20]: q for q in a.quotes}
    assert any(q.speaker == "sources" and q.text.startswith("Secret Service protocol") for q in a.quotes), by_start
    assert any(q.speaker and "Porter" in q.speaker and "bridge would reopen" in q.text for q in a.quotes), by_start
    wants = [q for q in a.quotes if "pay for the repairs" in q.text]
    assert wants and wants[0].kind == "position" and wants[0].extra["group"] == "Jane Porter"


def test_unseen_cues_and_web_page_speakers():
    """Cues the training articles never used as one ('lambasted') are found from their context; 'via USA Today'
    is no speaker (found by a tryout). A relative pronoun the model takes for the source stays the speaker as the
    text writes it ("who": the annotators mark the mention) and the name it follows is the person."""
    from reader.analysis import junk_source
    from reader.document import Block, Document

    text = ("Senator Maria Lopez lambasted the proposal, arguing that it would raise taxes on working families.\n"
            "The plan drew fire from Governor Tom Hale, who said the state could not afford it.\n"
            "“We are not going anywhere,” the mayor told supporters on Friday, via USA Today.")
    blocks = [Block("paragraph", t) for t in text.split("\n")]
    doc = Document.from_blocks(SAMPLE, "text", "t", blocks, "x")
    quotes = analyse(doc).quotes
    said = {doc.text[q.start:q.end][:30]: q.speaker for q in quotes}
    assert any(q.speaker and "Lopez" in q.speaker and "raise taxes" in q.text for q in quotes), said
    # ('Governor Tom Hale, who said': the source ranker takes "who", the mention the annotators mark; the person
    # is Hale either way)
    assert any(q.speaker and "Hale" in str(q.extra.get("group")) and "could not afford" in q.text
               for q in quotes), said
    from reader.analysis import learned_quotes, sentences
    from reader.analysis.attribution import load_model
    from reader.analysis.speakers import assign_people

    hale = text.split("\n")[1]
    found = learned_quotes(hale, 0, sentences(hale), load_model())
    assign_people(hale, found)
    assert [(q.speaker, q.extra["group"]) for q in found] == [("who", "Tom Hale")]
    assert not any((q.speaker or "").lower().startswith("via ") for q in quotes), said
    assert junk_source("via USA Today") and not junk_source("USA Today")


def test_pronouns_resolve_to_the_nearest_named_person_of_their_gender():
    from reader.analysis.quotes import Quote
    from reader.analysis.speakers import UNNAMED, assign_people

    text = ("General Secretary Xi Jinping opened the meeting; he spoke for an hour. Anna Pávlovna Schérer said she "
            "was tired. Later Xi said the plan would work. She said nothing more. They said it was late.")
    def q(speaker: str, at: str) -> Quote:
        i = text.index(at)
        return Quote(at, speaker, "said", "indirect", i, i + len(at))

    quotes = [q("General Secretary Xi Jinping", "opened the meeting"), q("Xi", "the plan would work"),
              q("She", "nothing more"), q("They", "it was late")]
    quotes[2].extra["speaker_start"] = text.index("She said")
    assign_people(text, quotes)
    assert [x.extra["group"] for x in quotes] == ["Xi Jinping", "Xi Jinping", "Anna Pávlovna Schérer", UNNAMED]


def test_panel_shows_positions_apart_and_speakers_by_full_name(qtbot, tmp_path):
    """A news article from the dev folder: positions have their own tab, quotes by 'he' sit under the
    person's full name, and no group is a pronoun."""
    import shutil

    from PySide6.QtCore import Qt

    from reader.ui.analysis_panel import POSITIONS, QUOTES, AnalysisPanel

    src = SHARED / "data" / "attribution" / "dev" / "nyt_2016-10-02_a-curious-plan-to-fight-climate-.txt"
    if not src.exists():
        pytest.skip("the data is not beside the project")
    path = tmp_path / "article.txt"
    shutil.copy(src, path)
    result = analyse(load(path))
    panel = AnalysisPanel()
    qtbot.addWidget(panel)
    panel.resize(420, 700)
    panel.show()
    panel.set_analysis(result, {}, [])
    tops = [panel.tree.topLevelItem(i).text(0) for i in range(panel.tree.topLevelItemCount())]
    assert tops[0].startswith("Tom Clarke (")
    assert not any(t.split(" (")[0].lower() in ("he", "she", "they", "mr", "mr.") for t in tops)
    quotes = [panel.tree.topLevelItem(i).child(k).data(0, Qt.ItemDataRole.UserRole)
              for i in range(panel.tree.topLevelItemCount()) for k in range(panel.tree.topLevelItem(i).childCount())]
    assert quotes and all(result.quotes[i].kind != "position" for _, i in quotes)
    tab = panel.sections.tabRect(POSITIONS)
    qtbot.mouseClick(panel.sections, Qt.MouseButton.LeftButton, pos=tab.center())
    assert panel.sections.currentIndex() == POSITIONS
    shown = [panel.tree.topLevelItem(i).child(k).data(0, Qt.ItemDataRole.UserRole)
             for i in range(panel.tree.topLevelItemCount()) for k in range(panel.tree.topLevelItem(i).childCount())]
    assert shown and all(result.quotes[i].kind == "position" for _, i in shown)
    # the count, once the panel's layout has given the section row its width (the row shows counts when they fit)
    qtbot.waitUntil(lambda: panel.sections.tabText(POSITIONS) == f"Positions ({len(shown)})")
    he = [q for q in result.quotes if q.speaker in ("he", "He")]
    assert he and sum(q.extra["group"] == "Tom Clarke" for q in he) >= len(he) // 2
    assert panel.sections.tabText(QUOTES).startswith("Quotes (")


def test_an_epigraph_signed_with_a_dash_has_its_author_as_speaker():
    quotes, _ = find_direct("“Maybe, we can build a wall around the whole town.” ― Steve Quinlan.", 0)
    assert [(q.speaker, q.kind) for q in quotes] == [("Steve Quinlan", "direct")]
    quotes, terms = find_direct("He went “there and back” — Paris was nice.", 0)
    assert not quotes and [t.text for t in terms] == ["there and back"]


def test_sources_are_tidied_and_junk_is_nobody():
    from reader.analysis import tidy_source

    assert tidy_source("and reality") == "reality"
    assert tidy_source("“Trump") == "Trump"
    assert tidy_source("the Roper Center (Cornell)") == "the Roper Center (Cornell)"
    assert tidy_source("The") is None and tidy_source("’") is None and tidy_source("1995") is None


def test_a_reported_clause_holding_a_short_quotation_is_one_quote():
    from reader.document import Block, Document

    text = "Donald Trump says he has “big plans” for the final month of the campaign."
    doc = Document.from_blocks(SAMPLE, "text", "t", [Block("paragraph", text)], "x")
    quotes = analyse(doc).quotes
    assert len(quotes) == 1, quotes
    assert quotes[0].text.startswith("he has “big plans” for the final month") and "Trump" in quotes[0].speaker


def test_transcript_turns_are_quotes_of_their_speakers():
    from reader.document import Block, Document

    paras = ["Partial transcript as follows:",
             "WALLACE: Let’s start with the debate. Why would he do that? And will she be there tomorrow?",
             "PENCE: Well, look, this is serious business. The people have an important choice to make.",
             "WALLACE: If I may, sir, because we have limited time.",
             "PENCE: She will not be attending the debate tomorrow night.",
             "CORRECTION: An earlier version misspelled a name."]
    doc = Document.from_blocks(SAMPLE, "text", "t", [Block("paragraph", p) for p in paras], "x")
    quotes = analyse(doc).quotes
    turns = [(q.speaker, q.text) for q in quotes if q.cue == ":"]
    assert turns == [("Wallace", paras[1][len("WALLACE: "):]), ("Pence", paras[2][len("PENCE: "):]),
                     ("Wallace", paras[3][len("WALLACE: "):]), ("Pence", paras[4][len("PENCE: "):])]
    assert all(q.kind == "direct" for q in quotes if q.cue == ":")
    one = Document.from_blocks(SAMPLE, "text", "t", [Block("paragraph", paras[5]), Block("paragraph", paras[0])], "x")
    assert not [q for q in analyse(one).quotes if q.cue == ":"]


def test_a_closing_mark_typed_for_an_opening_one_still_opens_a_quotation():
    text = "”Fear. I am truly afraid that he will win.” ― Edwin G. Monroy ”It is the end of it.” ― Nell Grey"
    quotes, _ = find_direct(text, 0)
    assert [(q.text, q.speaker) for q in quotes] == [("”Fear. I am truly afraid that he will win.”", "Edwin G. Monroy"),
                                                     ("”It is the end of it.”", "Nell Grey")]
    quotes, terms = find_direct("He called it “fine” and left.", 0)
    assert not quotes and [t.text for t in terms] == ["fine"]


def test_speaker_groups_by_the_name_in_the_source():
    from reader.analysis.quotes import Quote
    from reader.analysis.speakers import assign_people, core_name

    assert core_name("Kevin Barrett, a lawyer at Bailey & Glasser, who represents the state") == "Kevin Barrett"
    assert core_name("which Mr. Clarke") == "Mr. Clarke"
    assert core_name("State officials") == "State officials"
    text = ("Kevin Barrett spoke first. In Petersburg people talked. Petersburg was cold. Petersburg slept. "
            "In Petersburg Pierre said the war was near. Pierre laughed. Barrett said the plan would fail.")

    def q(speaker: str, at: str) -> Quote:
        i = text.index(at)
        return Quote(at, speaker, "said", "indirect", i, i + len(at))

    quotes = [q("Kevin Barrett, a lawyer at the firm,", "spoke first"), q("Barrett", "the plan would fail"),
              q("Pierre", "the war was near")]
    assign_people(text, quotes)
    assert [x.extra["group"] for x in quotes] == ["Kevin Barrett", "Kevin Barrett", "Pierre"]


def test_a_pronoun_does_not_stand_for_a_people_or_an_exclamation():
    from reader.analysis.quotes import Quote
    from reader.analysis.speakers import assign_people

    text = ("Prince Andrew rode on; he was silent. The French fired, he saw. “Great God!” he cried. "
            "Then he said the battle was lost.")
    i = text.index("the battle was lost")
    q = Quote("the battle was lost", "he", "said", "indirect", i, i + 19)
    q.extra["speaker_start"] = text.index("he said")
    assign_people(text, [q])
    assert q.extra["group"] == "Andrew"


def test_a_negated_cue_keeps_its_negation():
    """"We do not want to 'import' models ..." is a position against: the panel must not read "We (want)"."""
    from reader.analysis import negated_cue

    we = next(q for q in analyse(load(SAMPLE)).quotes if q.speaker == "We")
    assert we.kind == "position" and we.cue == "do not want" and we.text.startswith('to "import" models')
    text = "Officials did not say whether it would close. She doesn't believe it. They never said so. He said it."
    cues = [negated_cue(text, text.index(w), w.strip()) for w in ("say whether", "believe", "said so")]
    assert cues == ["did not say whether", "doesn't believe", "never said so"]
    assert negated_cue(text, text.rindex("said"), "said") == "said"


def test_a_passage_is_listed_once_however_many_readings_find_it():
    # on this dev article the rules, the models and the splits gave the same words twice, under two speakers
    path = SHARED / "data" / "attribution" / "dev" / "nyt_2016-10-04_in-avoiding-tax-trump-is-merely-.txt"
    quotes = analyse(load(path)).quotes
    spans = [(q.start, q.end) for q in quotes]
    assert len(quotes) > 20 and len(spans) == len(set(spans))


def test_the_collector_runs_rarely_while_a_text_is_analysed_and_as_before_after(monkeypatch):
    """``analyse`` raises the cyclic collector's threshold while it runs (its millions of short-lived objects
    would make it walk the paragraphs read so far again and again), and puts it back, also when it fails."""
    import gc

    import reader.analysis as analysis

    before = gc.get_threshold()
    seen: list[tuple[int, int, int]] = []
    real = analysis._analyse
    monkeypatch.setattr(analysis, "_analyse", lambda doc, progress=None: (seen.append(gc.get_threshold()),
                                                                       real(doc, progress))[1])
    found = analyse(load(SAMPLE))
    assert found.quotes and seen[0][0] >= 1_000_000 and seen[0][1:] == before[1:]
    assert gc.get_threshold() == before

    def fails(doc: object, progress: object = None) -> None:
        raise RuntimeError("a broken model")

    monkeypatch.setattr(analysis, "_analyse", fails)
    with pytest.raises(RuntimeError):
        analyse(load(SAMPLE))
    assert gc.get_threshold() == before


def test_what_the_analysis_leaves_alive_goes_to_the_oldest_generation_unwalked():
    """The findings and whatever else the analysis leaves alive are handed to the collector's oldest generation
    as they are, not walked by a collection of the young ones when the threshold is put back; objects something
    else set aside (``gc.freeze``) stay set aside."""
    import gc

    if gc.get_freeze_count():
        gc.unfreeze()  # (what another test's window set aside, handed back first: this test starts with nothing aside)
    found = analyse(load(SAMPLE))
    assert found.quotes and any(o is found.quotes for o in gc.get_objects(generation=2))
    gc.freeze()
    try:
        aside = gc.get_freeze_count()
        assert analyse(load(SAMPLE)).quotes
        assert gc.get_freeze_count() == aside
    finally:
        gc.unfreeze()
