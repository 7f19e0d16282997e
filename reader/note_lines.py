"""A note's lines as a card or the terminal shows them (Qt-free: the window's cards and `reader search` share it)."""

from __future__ import annotations

import re

#: A line that signs the note above it: "— Alice" (reader/pdf_takeover.py with_author), a name of a few words.
_SIGNED = re.compile(r"^\s*— [^\s?!:;][^?!:;]{0,58}$")


def signed_lines(note: str) -> list[str]:
    """A note's lines as its cards show them (the annotations list, the Search tab): its own lines, blank ones
    left out, and a line that only signs the one before ("— Erin", as a PDF's sticky note and each reply come in)
    ending that line: "Is this true? — Erin" over "Yes, see Sec 6 — Frank" (tryout s14: one sentence)."""
    raw = [line for line in note.replace("\u2028", "\n").splitlines() if line.strip()]
    lines: list[str] = []
    for k, line in enumerate(raw):
        # (not a list: "Points to check / — the sample size / — the date range", a "— " line beside another)
        listed = (k and raw[k - 1].lstrip().startswith("— ")) or (k + 1 < len(raw) and raw[k + 1].lstrip().startswith("— "))
        if lines and _SIGNED.match(line) and not listed:
            lines[-1] = f"{lines[-1]} {line.strip()}"
        else:
            lines.append(line)
    return lines
