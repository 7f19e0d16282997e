"""Links back to a passage: ``reader://open?doc=<sha256>&highlight=<id>``.

A link names the document by the SHA-256 of its content (so it survives a
rename or a move) and the passage by a highlight id, by its quoted text, or
both (the quote is the fallback when the id is not in this notes file).
Qt-free: the CLI, the exports and the window share it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlencode, urlsplit

SCHEME = "reader"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class LinkError(ValueError):
    """A reader:// link that cannot be followed, with a sentence saying why."""


@dataclass(frozen=True)
class DeepLink:
    doc: str  # SHA-256 of the document's content, lowercase hex
    highlight: int | None = None
    quote: str | None = None

    def url(self) -> str:
        params: dict[str, str] = {"doc": self.doc}
        if self.highlight is not None:
            params["highlight"] = str(self.highlight)
        if self.quote:
            params["quote"] = self.quote
        return f"{SCHEME}://open?" + urlencode(params, quote_via=quote)


def highlight_link(fingerprint: str, highlight_id: int) -> str:
    return DeepLink(fingerprint, highlight=highlight_id).url()


def quote_link(fingerprint: str, exact: str) -> str:
    return DeepLink(fingerprint, quote=" ".join(exact.split())).url()


def is_link(text: str) -> bool:
    return text.lower().startswith(f"{SCHEME}:")


def parse_link(url: str) -> DeepLink:
    parts = urlsplit(url.strip())
    if parts.scheme.lower() != SCHEME:
        raise LinkError(f"not a Reader link: {url[:80]}")
    if parts.netloc.lower() != "open" and parts.path.strip("/").lower() != "open":
        raise LinkError(f"Reader links start with {SCHEME}://open?: {url[:80]}")
    params = parse_qs(parts.query, keep_blank_values=False)
    doc = (params.get("doc") or [""])[0].lower()
    if not _SHA256.match(doc):
        raise LinkError("the link does not name a document (doc=<sha256 of its content>)")
    highlight: int | None = None
    raw_id = (params.get("highlight") or [""])[0]
    if raw_id:
        if not raw_id.isdigit():
            raise LinkError(f"highlight={raw_id[:20]} is not a highlight number")
        highlight = int(raw_id)
    quote_text = (params.get("quote") or [""])[0] or None
    return DeepLink(doc, highlight, quote_text)
