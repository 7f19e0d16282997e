"""What in a search query could not be read as the search language (notes_db/search_help.py) says
it is written: an unclosed quotation mark, a field with nothing after its colon, brackets, an OR,
a NOT or a minus with nothing to join. The search still runs (stray operators match nothing and break
nothing, notes_db/search.py); these say why it may not find what was meant, and how to write it."""

from __future__ import annotations

import re

from notes_db.search import FIELDS

_EMPTY_FIELD = re.compile(r'(?<![\w"])-?(?P<field>[A-Za-z]+):(?=\s|$)')
_LONE_MINUS = re.compile(r"(?:^|\s)-(?=\s|$)")
_WORDS = re.compile(r'"[^"]*"?|\S+')
_PHRASE = "\x00"  # a phrase's place in the query, once its words are set aside


def unreadable(text: str) -> list[str]:
    """One line for each part of ``text`` that is not written as the search language writes it."""
    problems: list[str] = []
    if text.count('"') % 2:
        problems.append('a quotation mark is not closed (write "exact phrase")')
        # the search reads the rest of the query as the phrase's words; what else is wrong in that rest is
        # said too ('"right side tag:': the quotation mark, and the tag: with nothing after it)
        last = text.rfind('"')
        text = text[:last] + text[last + 1:]
    # What a phrase holds is only words: it stands for one mark, so that what it is the value of stays
    # written (speaker:"Xi Jinping", -"a phrase"); an empty one ("" or " ") stands for nothing (speaker:"").
    outside = re.sub(r'"[^"]*"?', lambda m: _PHRASE if m.group().strip('" \t') else " ", text)
    fields = [m.group("field") for m in _EMPTY_FIELD.finditer(outside) if m.group("field").lower() in FIELDS]
    for name in dict.fromkeys(f.lower() for f in fields):
        problems.append(f"{name}: has nothing after the colon (write {name}:value, no space)")
    if "(" in outside or ")" in outside:
        problems.append("brackets do not group (OR joins only the two things beside it: a OR b)")
    tokens = _WORDS.findall(text)
    ors = [i for i, t in enumerate(tokens) if t == "OR"]
    if any(i == 0 or i == len(tokens) - 1 or tokens[i - 1] == "OR" for i in ors):
        problems.append("OR needs something on both sides (a OR b)")
    if tokens and tokens[-1] == "NOT":
        problems.append("NOT needs something after it (NOT word, the same as -word)")
    elif any(t == "NOT" and tokens[i + 1] in ("OR", "NOT") for i, t in enumerate(tokens[:-1])):
        # the search drops a NOT before OR ("a NOT OR b" is "a OR b") and reads "NOT NOT b" as -not b
        problems.append("NOT needs a word after it, not OR or NOT (NOT word, the same as -word)")
    if _LONE_MINUS.search(outside):
        problems.append("a minus goes right before what must not match (-word, -tag:name)")
    return problems
