"""Reviewed claims as schema.org ClaimReview JSON-LD, the format fact-checkers publish.

One ClaimReview per reviewed claim: ``claimReviewed`` (the sentence),
``itemReviewed`` (a Claim with its author, when the document names one, and
its ``appearance``: the document, by file URI and content hash),
``reviewRating`` (the status as ``alternateName``, on a 1-5 scale),
``reviewBody`` (your note) and ``citation`` (your source).
"""

from __future__ import annotations

from typing import Any

from notes_db.reviews import ReviewedClaim
from reader.deeplinks import quote_link
from reader.export.model import document_meta, file_uri

#: The status on the 1 (false) to 5 (true) scale fact-checkers use; unchecked has no rating.
RATINGS = {"false": 1, "disputed": 2, "verified": 5}


def claim_review(r: ReviewedClaim, author: str = "", date: str = "") -> dict[str, Any]:
    appearance: dict[str, Any] = {"@type": "CreativeWork", "name": r.doc_title,
                                  "url": file_uri(r.doc_path) if r.doc_path else f"urn:sha256:{r.fingerprint}",
                                  "sameAs": f"urn:sha256:{r.fingerprint}"}
    if date:
        appearance["datePublished"] = date
    item: dict[str, Any] = {"@type": "Claim", "appearance": appearance}
    if author:
        item["author"] = {"@type": "Person", "name": author}
    if date:
        item["datePublished"] = date
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": r.status}
    if r.status in RATINGS:
        rating.update(ratingValue=RATINGS[r.status], bestRating=5, worstRating=1)
    out: dict[str, Any] = {
        "@type": "ClaimReview",
        "claimReviewed": r.text,
        "itemReviewed": item,
        "reviewRating": rating,
        "datePublished": r.updated[:10],
        "url": quote_link(r.fingerprint, r.text) if r.text else "",
    }
    if r.note:
        out["reviewBody"] = r.note
    if r.source:
        out["citation"] = {"@type": "CreativeWork", "url": r.source}
    return out


def claim_reviews(reviews: list[ReviewedClaim], said_by: dict[tuple[int, str], str] | None = None) -> dict[str, Any]:
    """``said_by``: (doc_id, claim key) -> who made the claim (a quoted speaker or the author)."""
    meta: dict[tuple[str, str], tuple[str, str]] = {}
    graph = []
    for r in reviews:
        key = (r.doc_path, r.fingerprint)
        if key not in meta:
            kind = "pdf" if r.doc_path.lower().endswith(".pdf") else "text"
            meta[key] = document_meta(r.doc_path, kind)
        author, date = meta[key]
        graph.append(claim_review(r, (said_by or {}).get((r.doc_id, r.key)) or author, date))
    return {"@context": "https://schema.org", "@graph": graph}
