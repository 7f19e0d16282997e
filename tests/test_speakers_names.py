"""One person, one name, the right person: the speaker defects a new user's tryout found (issue 10)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.analysis.quotes import Quote
from reader.analysis.speakers import NO_SPEAKER, UNNAMED, assign_people, name_words
from reader.speaker_labels import EXPLAINED, NON_PEOPLE

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = SHARED / "data" / "attribution" / "dev"


def quote(text: str, speaker: str | None, at: str, cue: str = "said", speaker_at: str | None = None) -> Quote:
    i = text.index(at)
    q = Quote(at, speaker, cue, "indirect", i, i + len(at))
    if speaker_at is not None:
        q.extra["speaker_start"] = text.index(speaker_at)
    return q


def test_a_name_is_shown_without_titles_job_or_party():
    assert name_words("Republican vice-presidential nominee\xa0Gov.\xa0Mike Pence (R-IN)") == ["Mike", "Pence"]
    assert name_words("New Jersey Gov. Chris Christie") == ["Chris", "Christie"]
    assert name_words("IMF chief economist Maury Obstfeld") == ["Maury", "Obstfeld"]
    assert name_words("Police chief Tom Brown") == ["Tom", "Brown"]
    assert name_words("Secretary of State John F. Kerry") == ["John", "F.", "Kerry"]
    assert name_words("the senator") == []
    assert name_words("Senate leaders") == ["Senate", "leaders"]


def test_one_person_under_one_name_in_a_news_story():
    text = ("Republican vice-presidential nominee Gov. Mike Pence (R-IN) said the ticket was strong. Later Pence "
            "said it again. New Jersey Gov. Chris Christie agreed. Christie said he would campaign. "
            "Rep. Jim Jordan (R-Ohio), an oversight panel member, said the deal was odd. Jordan said more. "
            "IMF chief economist Maury Obstfeld said growth was slow, and Obstfeld said it would stay slow. "
            "The International Monetary Fund said trade was weak. The IMF said it would cut its forecast.")
    qs = [quote(text, "Republican vice-presidential nominee Gov. Mike Pence (R-IN)", "the ticket was strong"),
          quote(text, "Pence", "it again"),
          quote(text, "New Jersey Gov. Chris Christie", "agreed", cue="agreed"),
          quote(text, "Christie", "he would campaign"),
          quote(text, "Rep. Jim Jordan (R-Ohio), an oversight panel member", "the deal was odd"),
          quote(text, "Jordan", "more"),
          quote(text, "IMF chief economist Maury Obstfeld", "growth was slow"),
          quote(text, "Obstfeld", "it would stay slow"),
          quote(text, "The International Monetary Fund", "trade was weak"),
          quote(text, "The IMF", "it would cut its forecast")]
    assign_people(text, qs)
    assert [q.extra["group"] for q in qs] == ["Mike Pence"] * 2 + ["Chris Christie"] * 2 + ["Jim Jordan"] * 2 + \
        ["Maury Obstfeld"] * 2 + ["International Monetary Fund"] * 2


def test_first_or_last_name_alone_joins_the_one_full_name_that_holds_it():
    text = ("Platón Karatáev sat by the fire. Platón laughed. Platón sang. Platón slept. Platón woke. Platón ate. "
            "Platón spoke; he smiled. Karatáev said the soldier was kind. Karatáev smiled.")
    qs = [quote(text, "Karatáev", "the soldier was kind")]
    assign_people(text, qs)
    assert qs[0].extra["group"] == "Platón Karatáev"


def test_a_name_cut_by_the_model_is_made_whole():
    text = ("Growth slowed. British Prime Minister Theresa May said this week that the country would leave. "
            "The International Monetary Fund announced Tuesday that it is lowering its forecast. "
            "Republican nominee Donald Trump, in particular, has sharply criticized long-standing free-trade deals.")
    may = quote(text, "British Prime Minister Theresa", "this week that the country would leave",
                speaker_at="British Prime")
    imf = quote(text, "Monetary Fund", "Tuesday that it is lowering its forecast", cue="announced",
                speaker_at="Monetary Fund")
    trump = quote(text, "Republican", "long-standing free-trade deals", cue="criticized", speaker_at="Republican")
    assign_people(text, [may, imf, trump])
    assert trump.speaker == "Republican nominee Donald Trump" and trump.extra["group"] == "Donald Trump"
    assert may.speaker == "British Prime Minister Theresa May" and may.extra["group"] == "Theresa May"
    assert imf.speaker == "International Monetary Fund"


def test_an_opening_adverb_or_a_time_is_not_the_speaker():
    text = ("The International Monetary Fund met. Investment was weak. "
            "Overall, the fund predicted that advanced economies will grow 1.6 percent. "
            "Still, the fund warned that the exit will raise many questions. Speaking to a veterans group, "
            "Trump said the plan was ready. British Prime Minister Theresa May said this week that the country "
            "would declare its intention by the end of March and suggested that it would withdraw from the market.")
    overall = quote(text, "Overall", "advanced economies will grow 1.6 percent", cue="predicted")
    still = quote(text, "Still", "the exit will raise many questions", cue="warned", speaker_at="Still")
    speaking = quote(text, "Speaking to a veterans group", "the plan was ready", speaker_at="Speaking")
    may = quote(text, "British Prime Minister Theresa May", "this week that the country would declare its "
                "intention by the end of March", speaker_at="British Prime")
    march = quote(text, "the end of March", "it would withdraw from the market", cue="suggested",
                  speaker_at="the end of March")
    assign_people(text, [overall, still, speaking, may, march])
    assert (overall.speaker, still.speaker, speaking.speaker) == ("the fund", "the fund", "Trump")
    assert march.speaker == may.speaker and march.extra["group"] == "Theresa May"
    assert overall.extra["group"] == still.extra["group"] == "International Monetary Fund"  # "the fund"


def test_a_pronoun_stands_for_the_speaker_just_quoted():
    text = ("Jane Smith, the mayor, said she opposed the plan; she spoke first. "
            "“It is reckless,” said council member Ana Lopez. She said the vote should wait.")
    qs = [quote(text, "Jane Smith, the mayor", "she opposed the plan"),
          quote(text, "council member Ana Lopez", "It is reckless"),
          quote(text, "She", "the vote should wait", speaker_at="She said")]
    assign_people(text, qs)
    assert [q.extra["group"] for q in qs] == ["Jane Smith", "Ana Lopez", "Ana Lopez"]


def test_places_are_not_speakers_and_a_title_alone_is_the_title():
    text = ("Count Rostóv came in. Count Bezúkhov sat. In Moscow the talk was of war; in Moscow he heard it. "
            "He rode to Moscow. In Moscow he stayed. “That is a capital joke,” said the count. "
            "Pierre was silent; he frowned. “They will fight,” he said.")
    joke = quote(text, "the count", "That is a capital joke")
    fight = quote(text, "he", "They will fight", speaker_at="he said.")
    assign_people(text, [joke, fight])
    assert joke.extra["group"] == "The count"  # two counts in the text: the title, not a guess
    assert fight.extra["group"] == "Pierre"  # not Moscow, though "he" follows it


def test_who_is_the_person_named_before_it_and_capitals_are_a_name():
    text = ("Marc H. Morial, the chief executive of the National Urban League, who suggested that it was late. "
            "WALLACE: Good evening. Chris Wallace asked the first question.")
    who = quote(text, "who", "that it was late", cue="suggested", speaker_at="who suggested")
    wallace = quote(text, "Wallace", "Good evening", cue=":")
    assign_people(text, [who, wallace])
    assert who.extra["group"] == "Marc H. Morial" and who.speaker == "who"
    assert wallace.extra["group"] == "Chris Wallace"
    alone = "WALLACE: Good evening. WALLACE: Thank you."
    w2 = quote(alone, "Wallace", "Good evening", cue=":")
    assign_people(alone, [w2])
    assert w2.extra["group"] == "Wallace"


def test_quotes_without_a_person_are_named_so_a_reader_tells_them_apart():
    text = "“Make it so” was on every sign. They said it was late. He said nothing."
    qs = [quote(text, None, "Make it so", cue=""), quote(text, "They", "it was late"),
          quote(text, "He", "nothing", speaker_at="He said")]
    assign_people(text, qs)
    assert [q.extra["group"] for q in qs] == [NO_SPEAKER, UNNAMED, UNNAMED]
    assert NO_SPEAKER != UNNAMED and all(g in EXPLAINED for g in (NO_SPEAKER, UNNAMED))
    from notes_db import reviews

    assert reviews.NON_PEOPLE == NON_PEOPLE  # the list of people leaves out the same names


def test_war_and_peace_no_place_is_he_or_she(tmp_path):
    """'he' never stands for Moscow or Petersburg (it stood for Moscow 116 times): the first megabyte."""
    from reader.analysis import analyse
    from reader.loaders import load

    src = SHARED / "corpus" / "big" / "war-and-peace_2600-0.txt"
    if not src.exists():
        pytest.skip("the corpus is not beside the project")
    part = tmp_path / "war-and-peace.txt"
    part.write_text(src.read_text(encoding="utf-8-sig")[:1_000_000], encoding="utf-8")
    quotes = analyse(load(part)).quotes
    by_pronoun = {q.extra["group"] for q in quotes if (q.speaker or "").lower() in ("he", "she")}
    assert "Pierre" in by_pronoun and "Natásha" in by_pronoun
    assert not by_pronoun & {"Moscow", "Petersburg", "Russia", "Vienna", "Russians", "French"}
    assert "Platón Karatáev" not in by_pronoun or "Karatáev" not in by_pronoun


STORY = """# Council votes on the plan

“It is reckless,” said council member Ana Lopez. She said the vote should wait.

Jane Smith, the mayor, said the plan would pass. “We have the votes,” Smith said.

Ana Lopez said the council had not read the plan. Lopez added that she would vote no.

“We will not pay for a plan that nobody has read” was written on every sign.

They said the hall was full.
"""


def test_speakers_window_list_and_detail_counts_agree(qtbot, window, tmp_path):
    """The Speakers window lists people only, and a person's count in the list is what their page shows."""
    from PySide6.QtCore import Qt

    from reader.ui.library_actions import _window
    from tests.test_claims_library import open_and_analyse

    path = tmp_path / "council.md"
    path.write_text(STORY, encoding="utf-8")
    w = window
    open_and_analyse(qtbot, w, path)
    groups = {q.extra["group"] for q in w.controller.analysis.quotes}
    assert NO_SPEAKER in groups and UNNAMED in groups
    view_menu = next(a.menu() for a in w.menuBar().actions() if a.text().replace("&", "") == "View")
    next(a for a in view_menu.actions() if a.text().replace("&", "") == "Speakers").trigger()
    sp = _window(w, "speakers")
    qtbot.waitUntil(lambda: sp.people_model.rowCount() > 0, timeout=20000)
    rows = [sp.people_model.item(r) for r in range(sp.people_model.rowCount())]
    names = [it.data(Qt.ItemDataRole.UserRole) for it in rows]
    assert sorted(names) == ["Ana Lopez", "Jane Smith"]  # no "Unattributed", "Unnamed", "They"
    for r, it in enumerate(rows):
        listed = int(it.text().split("(")[1].split()[0])
        idx = sp.people.model().index(r, 0)
        qtbot.mouseClick(sp.people.viewport(), Qt.MouseButton.LeftButton, pos=sp.people.visualRect(idx).center())
        qtbot.waitUntil(lambda n=names[r]: sp.summary.text().startswith(f"{n}:"), timeout=20000)
        assert sp.summary.text().startswith(f"{names[r]}: {listed} quote"), (it.text(), sp.summary.text())
        assert len(sp.quotes) == listed
    ana = rows[names.index("Ana Lopez")].text()
    assert ana.startswith("Ana Lopez  (4 quotes in 1 doc")  # "It is reckless", "She said", "said", "added"


def test_a_paper_that_carried_the_words_is_not_their_speaker():
    text = "Mason Rudolph left. Richardson, via USA Today, said that Rudolph “can't start a fight and then claim” harm."
    q = quote(text, "via USA Today", "Rudolph “can't start a fight", speaker_at="via USA")
    assign_people(text, [q])
    assert q.speaker == "Richardson" and q.extra["group"] == "Richardson"


def test_a_titled_first_name_is_the_titled_person_of_that_name():
    """'Prince Andrew' (nearly always with his title) is Prince Andrew Bolkónski, not Andrew Kaysárov; 'Nicholas'
    with two Nicholases of like weight stays as written."""
    text = ("Prince Andrew Bolkónski rode in; he was tired. Andrew Kaysárov followed; he was silent. "
            "Andrew Kaysárov rode on; he said nothing. Prince Andrew said the day was lost. Prince Andrew left. "
            "Nicholas Rostóv came; he laughed. Prince Nicholas Bolkónski came; he frowned. Nicholas said no more.")
    qs = [quote(text, "Prince Andrew", "the day was lost"), quote(text, "Nicholas", "no more")]
    assign_people(text, qs)
    assert [q.extra["group"] for q in qs] == ["Andrew Bolkónski", "Nicholas"]


def test_bodies_keep_their_whole_name_and_people_lose_their_place():
    assert name_words("The Republican National Committee") == ["Republican", "National", "Committee"]
    assert name_words("Department of Veterans Affairs") == ["Department", "of", "Veterans", "Affairs"]
    assert name_words("Gov. Earl Ray Tomblin of West Virginia") == ["Earl", "Ray", "Tomblin"]
    assert name_words("Mr. King") == ["King"]
    assert name_words("the chair of the DNC")[:1] == ["chair"]  # not the DNC
    text = ("Republicans met on Wednesday. Many Republicans said they would wait. Committee Republicans agreed. "
            "On Friday he said nothing.")
    qs = [quote(text, "Republicans", "they would wait"), quote(text, "he", "nothing", speaker_at="he said")]
    assign_people(text, qs)
    assert [q.extra["group"] for q in qs] == ["Republicans", UNNAMED]  # a day is not "he"


def test_an_opening_participle_gives_way_to_the_subject_even_after_an_auxiliary():
    text = ("Courting working-class voters, Trump has promised that he would bring back jobs. "
            "Johns Hopkins University ran the study; she led it. The chairman of the Conservative Party said "
            "the vote was fair.")
    courting = quote(text, "Courting working-class voters", "he would bring back jobs", cue="promised",
                     speaker_at="Courting")
    chair = quote(text, "The chairman of the Conservative Party", "the vote was fair")
    assign_people(text, [courting, chair])
    assert courting.speaker == "Trump"
    assert chair.extra["group"] == "Chairman of the Conservative Party"
    from reader.analysis.speakers import People

    assert People(text).person("Johns Hopkins University").not_a_person  # never "she"


def test_a_pronoun_with_words_the_model_took_with_it_is_still_the_pronoun():
    text = ("Pierre came in and he sat down. He alone said it was late. "
            "Anna came in later and she smiled. She rose and said the tea was cold.")
    qs = [quote(text, "He alone", "it was late", speaker_at="He alone said"),
          quote(text, "She rose", "the tea was cold", speaker_at="She rose")]
    assign_people(text, qs)
    assert [q.extra["group"] for q in qs] == ["Pierre", "Anna"]


def test_an_ambassador_named_three_ways_on_one_web_page_is_one_person(tmp_path):
    """The Hong Kong page: "China's ambassador to Britain", "China's ambassador to Britain Liu Xiaming" and "Liu"
    are one person, shown as Liu Xiaming (`reader extract --json`, as a user runs it)."""
    import json
    import shutil
    import subprocess
    import sys

    src = SHARED / "data" / "web-articles" / "624fcd903d56fc70.html"
    if not src.exists():
        pytest.skip("the shared data is not beside the project")
    page = tmp_path / "hong-kong.html"
    shutil.copy(src, page)
    out = subprocess.run([sys.executable, "-m", "reader", "extract", "--json", str(page)],
                         capture_output=True, text=True, check=True)
    quotes = json.loads(out.stdout)["quotes"]
    liu = [q for q in quotes if "Liu" in (q.get("person") or "") or "ambassador" in (q["speaker"] or "")]
    assert {q["speaker"] for q in liu} >= {"China’s ambassador to Britain Liu Xiaming", "Liu"}
    assert {q["person"] for q in liu} == {"Liu Xiaming"}, liu
    assert len(liu) >= 3


def test_a_word_put_before_a_name_is_not_part_of_it():
    """'the Frenchman Tíkhon' is Tíkhon, and 'the Frenchman' (many Frenchmen) is nobody's name; 'Crooked
    Hillary Clinton' once beside many 'Hillary Clinton' is Hillary Clinton, and so is 'Clinton ... she'."""
    text = ("The Frenchman looked up. A Frenchman ran. The Frenchman shouted. The Frenchman fell. "
            "Tíkhon came in. Tíkhon laughed and he sat down. Later the Frenchman Tíkhon had caught was led away. "
            "Tíkhon said they would go at dawn.\n"
            "Hillary Clinton spoke; she smiled. Hillary Clinton waved. Hillary Clinton left. "
            "Trump called her Crooked Hillary Clinton. Crooked Hillary lost, he said. Chelsea Clinton was there. "
            "Clinton said she was ready. Clinton said she would win.")
    qs = [quote(text, "Tíkhon", "they would go at dawn"), quote(text, "The Frenchman", "shouted", cue="shouted"),
          quote(text, "Clinton", "she was ready"), quote(text, "Clinton", "she would win")]
    assign_people(text, qs)
    assert [q.extra["group"] for q in qs] == ["Tíkhon", "Frenchman", "Hillary Clinton", "Hillary Clinton"]


def test_a_name_after_an_office_and_its_place_is_the_holders():
    assert name_words("China’s ambassador to Britain Liu Xiaming") == ["Liu", "Xiaming"]
    assert name_words("the governor of New York Andrew Cuomo") == ["Andrew", "Cuomo"]
    assert name_words("Supreme Court Justice Frank Nervo") == ["Frank", "Nervo"]
    # who they speak for, or a body, is not who speaks
    assert name_words("a spokesman for Hillary Clinton") == ["spokesman", "for", "Hillary", "Clinton"]
    assert name_words("an aide to President Barack Obama") == ["aide", "to", "President", "Barack", "Obama"]
    assert name_words("Chairman of the Congressional Black Caucus PAC") == ["Congressional", "Black", "Caucus", "PAC"]


def test_an_unnamed_source_is_nobody_not_the_last_name(tmp_path):
    """The dev article where '..., the source added' was grouped under Clinton: the source said it, and a
    source the text does not name is under UNNAMED, never under a person."""
    from reader.analysis import analyse
    from reader.loaders import load

    src = DEV / "breitbart_2016-09-12_stealth-over-health-hillary-clin.txt"
    if not src.exists():
        pytest.skip("the shared data is not beside the project")
    quotes = analyse(load(src)).quotes
    escort = next(q for q in quotes if "didn’t want the escort" in q.text)
    assert escort.speaker == "the source" and escort.extra["group"] == UNNAMED
    assert not escort.text.endswith("added")
    for q in quotes:
        if (q.speaker or "").lower() in ("a source", "another source", "sources", "the source"):
            assert q.extra["group"] == UNNAMED, (q.speaker, q.extra["group"])
    # a spokesman the text names before is that person
    text = ("Clinton campaign spokesman Brian Fallon said she was fine. Later the spokesman said she would return. "
            "A spokesman said more.")
    qs = [quote(text, "Clinton campaign spokesman Brian Fallon", "she was fine"),
          quote(text, "the spokesman", "she would return"), quote(text, "A spokesman", "more")]
    assign_people(text, qs)
    assert [q.extra["group"] for q in qs] == ["Brian Fallon", "Brian Fallon", UNNAMED]


LIBRARY = {
    "climate.md": "# Climate\n\nPresident Barack Obama said the trend was terrifying. He said the rules would stay.\n",
    "summit.md": "# Summit\n\nPresident Obama said the talks were useful. Obama said he would return in May.\n",
    "ledger.md": "# Records\n\nHillary Clinton said her plan was ready. Clinton said she would release it soon.\n",
    "speech.md": "# Speech\n\nBill Clinton said the law was crazy. He said the premiums had doubled.\n",
    "rally.md": "# Rally\n\nMrs. Clinton said the economy was rigged. She said wages had to rise.\n",
    "poll.md": "# Poll\n\nThe poll was close. Clinton said the race would tighten before November.\n",
}


def test_speakers_window_joins_one_person_across_the_library(qtbot, window, tmp_path):
    """'Obama' in an article that never gives his full name is Barack Obama of the other; 'Mrs. Clinton' is
    Hillary Clinton, not Bill; a bare 'Clinton' with nothing to tell which stays apart."""
    from PySide6.QtCore import Qt

    from reader.ui.library_actions import _window
    from tests.test_claims_library import open_and_analyse

    w = window
    for name, text in LIBRARY.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        open_and_analyse(qtbot, w, path)
    view_menu = next(a.menu() for a in w.menuBar().actions() if a.text().replace("&", "") == "View")
    next(a for a in view_menu.actions() if a.text().replace("&", "") == "Speakers").trigger()
    sp = _window(w, "speakers")
    qtbot.waitUntil(lambda: sp.people_model.rowCount() > 0, timeout=20000)
    shown = {sp.people_model.item(r).data(Qt.ItemDataRole.UserRole): sp.people_model.item(r).text()
             for r in range(sp.people_model.rowCount())}
    assert "Obama" not in shown and shown["Barack Obama"].startswith("Barack Obama  (4 quotes in 2 docs)"), shown
    assert shown["Hillary Clinton"].startswith("Hillary Clinton  (4 quotes in 2 docs)"), shown
    assert shown["Bill Clinton"].startswith("Bill Clinton  (2 quotes in 1 doc)"), shown
    assert shown["Clinton"].startswith("Clinton  (1 quote in 1 doc)"), shown
    row = list(shown).index("Barack Obama")
    idx = sp.people.model().index(row, 0)
    qtbot.mouseClick(sp.people.viewport(), Qt.MouseButton.LeftButton, pos=sp.people.visualRect(idx).center())
    qtbot.waitUntil(lambda: sp.summary.text().startswith("Barack Obama:"), timeout=20000)
    assert sp.summary.text().startswith("Barack Obama: 4 quotes in 2 documents")
    assert {q.doc_title for q in sp.quotes} == {"Climate", "Summit"}
    # the library read again (a document's findings written meanwhile): the person shown stays, with their summary
    # (CI s13: the library's summary came back over the person's while their quotes stayed)
    lists: list[int] = []
    real = sp.set_people
    sp.set_people = lambda people: (lists.append(len(people)), real(people))
    sp.reload()
    qtbot.waitUntil(lambda: bool(lists), timeout=20000)
    assert sp.summary.text().startswith("Barack Obama: 4 quotes in 2 documents"), sp.summary.text()


def test_claim_ledger_sizes_columns_to_content_on_refresh_and_the_note_takes_the_rest(qtbot, open_window, db_path):
    """After a refresh the Note column was cut (sized once, to the first rows) while empty columns kept
    their width: each refresh sizes the columns to what they hold and the note takes the rest."""
    from reader.ui import library_actions
    from tests.test_export import ok, reader

    w = open_window()
    ok(reader("review", str(w.doc.path), "--claim", "56.1% are Party members", "--status", "disputed", db=db_path))
    library_actions.show_ledger(w)
    win = library_actions._window(w, "ledger")
    qtbot.waitUntil(lambda: win.model.rowCount() == 1, timeout=20000)
    win.resize(1200, 500)
    note = "The ministry's own yearbook counts 50.2% for that year; the survey it cites was withdrawn in 2019"
    ok(reader("review", str(w.doc.path), "--claim", "56.1% are Party members", "--status", "disputed",
              "--note", note, db=db_path))
    qtbot.waitUntil(lambda: win.model.item(0, 4).text() == note, timeout=20000)
    header = win.view.header()
    others = sum(header.sectionSize(c) for c in range(win.model.columnCount()) if c != 4)
    room = win.view.viewport().width() - others
    assert header.sectionSize(4) >= min(win.view.sizeHintForColumn(4), room) - 1, (header.sectionSize(4), room)
    assert abs(header.sectionSize(4) + others - win.view.viewport().width()) <= 2  # the rest, no gap, no scroll
    assert not win.view.horizontalScrollBar().isVisible()
    for col in (5, 6):  # Source and Group are empty: as wide as their headers
        assert header.sectionSize(col) <= header.sectionSizeHint(col) + 2, col


def test_speakers_window_has_no_sideways_scroll_bar(qtbot, window, tmp_path):
    """A long group name made the list of names scroll sideways at the window's own size: it is cut with an
    ellipsis and whole in its tooltip."""
    from reader.ui.library_actions import _window
    from tests.test_claims_library import open_and_analyse

    path = tmp_path / "long.md"
    path.write_text("# Taxes\n\nThe chairwoman of the National Association of Independent Small Business Owners and "
                    "Retail Employers said the plan would raise revenue. Jane Smith said it would not.\n", encoding="utf-8")
    open_and_analyse(qtbot, window, path)
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "View")
    next(a for a in view_menu.actions() if a.text().replace("&", "") == "Speakers").trigger()
    sp = _window(window, "speakers")
    qtbot.waitUntil(lambda: sp.people_model.rowCount() >= 2, timeout=20000)
    qtbot.waitExposed(sp)
    longest = max((sp.people_model.item(r) for r in range(sp.people_model.rowCount())), key=lambda i: len(i.text()))
    assert sp.people.sizeHintForColumn(0) > sp.people.viewport().width()  # the longest name does not fit
    assert not sp.people.horizontalScrollBar().isVisible()
    assert longest.toolTip() == longest.text()


def test_quotations_in_two_apostrophes_are_direct_quotes(tmp_path):
    """The New York Times' archive writes quotations as ''…'': they were read as reported speech (or given to
    'Mr' cut at its point); they are direct quotes of the person named after them."""
    import json
    import shutil
    import subprocess
    import sys

    from reader.analysis.quotes import find_direct

    quotes, _terms = find_direct("''There's a lot of new complexity,'' said Mr. Burman. ''Politicking.'' Others said "
                                 "no. He called it ''a misguided approach,'' and left.", 0)
    assert [(q.speaker, q.kind, q.content) for q in quotes][:1] == [
        ("Mr. Burman", "direct", "There's a lot of new complexity,")]
    assert not any(q.speaker == "Others" for q in quotes)
    src = DEV / "nyt_2016-09-16_clinton-plan-for-taxes-is-expans.txt"
    if not src.exists():
        pytest.skip("the shared data is not beside the project")
    path = tmp_path / "nyt.txt"
    shutil.copy(src, path)
    out = subprocess.run([sys.executable, "-m", "reader", "extract", "--json", str(path)],
                         capture_output=True, text=True, check=True)
    found = json.loads(out.stdout)["quotes"]
    burman = next(q for q in found if "a lot of new complexity" in q["text"])
    assert burman["kind"] == "direct" and burman["speaker"] == "Mr. Burman", burman
    # each quotation found whole (from its opening '' to its closing one) is a direct quote
    doubled = [q for q in found if q["text"].startswith("''") and q["text"].endswith("'") and q["text"].count("''") == 1]
    assert len(doubled) >= 5 and all(q["kind"] == "direct" for q in doubled), doubled
