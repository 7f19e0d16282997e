"""'Said nearly the same in other words' is a misquote signal: the same words in two copies of a text are not one
(tryout 13: with a copy of the sample open, the Speakers window paired each quote with its copy)."""

from __future__ import annotations

from notes_db.reviews import Finding, similar_quote_groups

SAID = "The Communist Party of China strives for both the wellbeing of the Chinese people and human progress"


def _quote(k: int, doc: int, text: str) -> Finding:
    return Finding(id=k, doc_id=doc, doc_title=f"doc {doc}", doc_path=f"/d/{doc}.md", kind="quote", text=text,
                   speaker="Xi Jinping", speaker_group="Xi Jinping", start=0, end=len(text))


def test_the_same_words_in_two_copies_are_not_said_in_other_words():
    assert similar_quote_groups([_quote(1, 1, f"“{SAID}”"), _quote(2, 2, f"“{SAID}”")]) == []
    other = SAID.replace("strives for both the wellbeing", "strives for the wellbeing")
    groups = similar_quote_groups([_quote(1, 1, f"“{SAID}”"), _quote(2, 2, f"“{SAID}”"), _quote(3, 3, other)])
    assert [[q.id for q in g] for g in groups] == [[1, 3]]  # the copy's identical words stay out of the pair
