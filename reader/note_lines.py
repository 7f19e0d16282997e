"""A note's lines as a card or the terminal shows them (Qt-free: the window's cards and `reader search` share it)."""

from __future__ import annotations

import re

#: A line that signs the note above it: "— Alice" (reader/pdf_takeover.py with_author), a name of a few words.
_SIGNED = re.compile(r"^\s*— [^\s?!:;][^?!:;]{0,58}$")


def signed_lines(note: str) -> list[str]:
    """A note's lines as its cards show them (the annotations list, the Search tab): its own lines, blank ones
    left out, and a line that only signs the one before ("— Erin", as a PDF's sticky note and each reply come in)
    ending that line: "Is this true? — Erin" over "Yes, see Sec 6 — Frank" (tryout s14: one sentence)."""
    lines: list[str] = []
    for line in note.replace("\u2028", "\n").splitlines():
        if not line.strip():
            continue
        if lines and _SIGNED.match(line) and not lines[-1].lstrip().startswith("— "):  # (not a list)
            lines[-1] = f"{lines[-1]} {line.strip()}"
        else:
            lines.append(line)
    return lines
