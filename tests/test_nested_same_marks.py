"""A quotation inside a quotation written with the same curly marks ('“… what he calls “hell” than live in a world
where he is president.” ― Adriana Rodarte'): the outer quotation ends at its own closing mark, so its signature is
read and it is hers. The tester of session 9 found it listed under the previous signer, Veronica Cruz, with its tail
("“hell” than live …") listed again as a second quote."""

from __future__ import annotations

from pathlib import Path

from reader.analysis.quotes import quote_spans
from tests.dev_articles import dev_article, extract_quotes


def test_a_quotation_with_a_quotation_inside_is_one_and_keeps_its_signature(tmp_path: Path) -> None:
    quotes = extract_quotes(dev_article(tmp_path, "huff-post_2016-09-27_latinos-share"))
    signed = [q for q in quotes if "I’d rather live in what he calls" in q["text"]]
    assert len(signed) == 1, signed
    assert signed[0]["text"].endswith("where he is president.”")
    assert signed[0]["speaker"] == "Adriana Rodarte"
    assert not any(q["text"].startswith("“hell”") for q in quotes)


def test_quotations_side_by_side_are_not_joined() -> None:
    text = "“One,” she said, “two.” Then “three” and “four”."
    assert [text[s:e] for s, e in quote_spans(text)] == ["“One,”", "“two.”", "“three”", "“four”"]
    nested = "“He calls it “hell” and means it,” she said. “Next.”"
    assert [nested[s:e] for s, e in quote_spans(nested)] == ["“He calls it “hell” and means it,”", "“Next.”"]
