"""``reader speakers`` (and the Speakers window, which lists the same people) joins groups across documents only
under a real name, and a name is one name however its apostrophes are typed (tryout 10, defects #1 and #3).

The tester found "Us: 4 quotes in 2 documents" (the US of a news page and the pronoun "us" of War and Peace),
"Security Council" (the UN body and a council of the novel), "Anyone" (War and Peace and a PDF), and the
politico article's "O'Neill (4)" beside "James O’Neill (1)": one man, written with a straight and a curly
apostrophe."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from notes_db.store import NotesDB
from tests.test_export import ok, reader

SHARED = Path(__file__).resolve().parents[2] / "shared"
BOOK = SHARED / "corpus" / "big" / "war-and-peace_2600-0.txt"
PAGE = SHARED / "data" / "web-articles" / "833caf3bdba53dcf.html"
PDF = SHARED / "corpus" / "normal" / "TAMReview.pdf"
DEV = SHARED / "data" / "attribution" / "dev"
POLITICO = DEV / "politico_2016-09-17_de-blasio-says-chelsea-explosion.txt"
TRUMP = (DEV / "usa-today_2016-09-23_trump-questions-the-fairness-of-.txt",
         DEV / "wash-post_2016-09-16_burma-leader-s-visit-to-washingt.txt")


def _need(*paths: Path) -> None:
    if not all(p.exists() for p in paths):
        pytest.skip("the shared data is not beside the project")


def _remember(db: Path, *paths: Path) -> None:
    """Open and analyse each document as the window does, storing its quotes in the notes file."""
    from reader.analysis import analyse
    from reader.claims_library import remember
    from reader.loaders import load
    from reader.session import Session

    with NotesDB(db) as store:
        for path in paths:
            doc = load(path)
            session = Session(store, doc, opened=False)
            remember(store, session.doc_id, analyse(doc))


def _war_and_peace_parts(tmp_path: Path) -> Path:
    """Three stretches of the novel: the epilogue's "us" (twice) and "anyone" (twice) as speakers, and the
    chapters of Speránski's council (a quote given to "the Council")."""
    text = BOOK.read_text(encoding="utf-8-sig")
    parts = []
    for words, before in (("that what is called science can harmonize", 8000), ("replied that he thought so too", 60000),
                          ("that this force is self-evident", 8000)):
        at = text.index(words)
        parts.append(text[text.rfind("\n\n", 0, at - before):text.find("\n\n", at + 3000)].strip())
    path = tmp_path / "war-and-peace.txt"
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    return path


def _lines(db: Path) -> dict[str, str]:
    """``reader speakers``: each person listed -> what the line says of them."""
    out = ok(reader("speakers", db=db)).splitlines()
    return dict(line.rsplit(": ", 1) for line in out)


def test_pronouns_indefinites_and_common_nouns_never_join_documents(tmp_path: Path) -> None:
    _need(BOOK, PAGE, PDF, *TRUMP)
    docs = tmp_path / "docs"
    docs.mkdir()
    for src in (PAGE, PDF, *TRUMP):
        shutil.copyfile(src, docs / src.name)
    db = tmp_path / "notes.sqlite"
    _remember(db, _war_and_peace_parts(docs), *(docs / p.name for p in (PAGE, PDF, *TRUMP)))
    people = _lines(db)
    # the news page's US is the one "US"; the novel's "us" is listed apart, with its document
    assert people["US"] == "1 quote in 1 document", people
    assert people["Us (in war-and-peace)"].endswith("in 1 document"), people
    # "Anyone" of the novel and of the PDF ('anyone who wanted to see him could come …'): no one's entry, in
    # neither document (session 14: an indefinite pronoun names no one), so never joined
    anyone = {n: said for n, said in people.items() if n.lower().startswith("anyone")}
    assert not anyone, anyone
    # the UN Security Council of the page is not the council of the novel
    council = [said for n, said in people.items() if n.startswith("Security Council (in ")]  # the page's own
    assert council == ["1 quote in 1 document"], people
    # the novel's council (where the novel's speakers name one): its document's, never joined with the page's
    assert all(n == "Council (in war-and-peace)" for n in people if n.startswith("Council")), people
    assert not any(said.endswith("in 2 documents") for n, said in people.items() if n != "Donald Trump"), people
    # a real name still joins: Donald Trump, quoted in the two news articles
    assert people["Donald Trump"].endswith("quotes in 2 documents"), people
    # one entry's quotes are that document's
    novel = ok(reader("speakers", "Us (in war-and-peace)", db=db))
    said = people["Us (in war-and-peace)"]
    assert novel.startswith(f"Us (in war-and-peace): {said}\n  war-and-peace ({said.removesuffix(' in 1 document')})\n"), novel


def test_one_name_with_a_straight_and_a_curly_apostrophe_is_one_person(tmp_path: Path) -> None:
    """The politico article writes "James O’Neill" once and "said O'Neill" four times; a second copy of the
    article, saved with straight apostrophes (as another site prints it), is the same man."""
    _need(POLITICO)
    from reader.analysis import analyse
    from reader.loaders import load

    article = tmp_path / POLITICO.name
    shutil.copyfile(POLITICO, article)
    found = analyse(load(article)).quotes
    groups = [q.extra["group"] for q in found]
    assert "James O’Neill" in groups and "O'Neill" not in groups, groups  # the panel: one group
    straight = tmp_path / "followup.txt"
    straight.write_text(article.read_text(encoding="utf-8").replace("’", "'"), encoding="utf-8")
    found_also = analyse(load(straight)).quotes
    also = [q.extra["group"] for q in found_also]
    n = groups.count("James O’Neill") + also.count("James O'Neill")
    # positions ("O'Neill supports …") counted apart, as the panel's Positions tab counts them
    positions = sum(1 for q in [*found, *found_also] if "Neill" in q.extra["group"] and q.kind == "position")
    assert groups.count("James O’Neill") >= 4 and also.count("James O'Neill") >= 4, (groups, also)
    db = tmp_path / "notes.sqlite"
    _remember(db, article, straight)
    people = _lines(db)
    oneill = {n: said for n, said in people.items() if "Neill" in n}
    assert len(oneill) == 1, oneill
    ((name, said),) = oneill.items()
    from notes_db.reviews import counted

    assert name in ("James O’Neill", "James O'Neill") and said == f"{counted(n - positions, positions)} in 2 documents", oneill
    # asked for with either apostrophe, the person's quotes in both documents
    for asked in ("James O'Neill", "James O’Neill"):
        out = ok(reader("speakers", asked, db=db))
        assert out.startswith(f"{name}: {said}"), out  # headed by the person found, not the words asked
