"""What a reader still saw wrong in the Claims panel's speaker groups (issue 10, session 12), each on a real text
through `reader extract --json` as a person would run it (the JSON keeps the mention as `speaker` and gives the
group the panel shows as `person`)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.dev_articles import dev_article, extract_quotes


def _person_of(quotes: list[dict[str, str]], words: str) -> str:
    """The group of the quote whose words start with ``words``."""
    return next(q.get("person") or "" for q in quotes if q["text"].startswith(words))


def test_a_source_never_starts_inside_a_number(tmp_path: Path) -> None:
    # 'about 100,000 soldiers and police officers are deployed …  But the United Nations faces a crisis about what
    # its troops are willing and able to do': no group "000 soldiers and police officers"
    path = dev_article(tmp_path, "nyt_2016-09-20_examining-the-u-n")
    text = path.read_text(encoding="utf-8")
    quotes = extract_quotes(path)
    assert not any(q["speaker"] and q["speaker"][0].isdigit() and re.search(r"\d[,.]" + re.escape(q["speaker"]), text)
                   for q in quotes)
    assert not any((q.get("person") or "").startswith("000") for q in quotes)
