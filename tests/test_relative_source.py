"""A source reached through a relative pronoun: the words that say who speaks are "who" or "which" (as "he" for a
pronoun's quote), and the person is the one the pronoun stands for, the noun phrase it attaches to
('McConnell, now the Senate majority leader, who in 2010 said ...'; 'the European Union, which contended ...')."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.dev_articles import dev_article, extract_quotes


def _said(quotes: list[dict[str, str]], words: str) -> tuple[str, str]:
    q = next(q for q in quotes if q["text"].startswith(words))
    return q["speaker"], q["person"]


def test_who_after_an_apposition_is_the_mention_and_the_name_before_it_the_person(tmp_path: Path) -> None:
    path = dev_article(tmp_path, "wash-post_2016-09-16_burma")
    assert _said(extract_quotes(path), "the GOP's most important goal") == ("who", "Mitch McConnell")
    # the text the command prints says who said it, and the words the article used
    out = subprocess.run([sys.executable, "-m", "reader", "extract", str(path)], capture_output=True, text=True,
                         check=True).stdout
    assert "QUOTE [indirect] Mitch McConnell (“who”, said): the GOP's most important goal" in out


def test_which_and_who_stand_for_the_noun_phrase_they_attach_to(tmp_path: Path) -> None:
    quotes = extract_quotes(dev_article(tmp_path, "nyt_2016-10-04_in-avoidin"))
    # 'levied by the European Union, which contended that Ireland undertaxed the company'
    assert _said(quotes, "that Ireland undertaxed") == ("which", "European Union")
    # 'the study -- which notes that 58 Fortune 500 companies would owe ...'
    assert _said(quotes, "that 58 Fortune 500 companies") == ("which", "Study")
    # 'some economists who argue that ...': the group is the economists, not "Economists who"
    assert _said(quotes, "that corporate taxes should be") == ("who", "Economists")
