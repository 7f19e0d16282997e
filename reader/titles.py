"""A PDF's title from its metadata, when it is a title (Qt-free).

Producers often store a file name ("Binder1.pdf"), an application prefix
("Microsoft Word - report.docx") or "Untitled" as the title; those are not
shown in place of the file name.
"""

from __future__ import annotations

import re

_PREFIX = re.compile(r"^(?:microsoft (?:word|powerpoint|excel) - |untitled - )", re.IGNORECASE)
_FILE = re.compile(r"\.(?:pdf|docx?|odt|rtf|pptx?|xlsx?|indd|tex|dvi|ps|txt|html?|qxd|pages)$", re.IGNORECASE)
_JUNK = re.compile(r"^(?:untitled|title|document|no title|none|\W*|\d+)$", re.IGNORECASE)


def pdf_title(raw: object) -> str:
    title = " ".join(str(raw or "").split())
    title = _PREFIX.sub("", title)
    if not title or _FILE.search(title) or _JUNK.match(title) or len(title) < 3:
        return ""
    return title
