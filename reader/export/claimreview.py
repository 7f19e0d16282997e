"""Reviewed claims as schema.org ClaimReview JSON-LD, the format fact-checkers publish.

One ClaimReview per reviewed claim: ``claimReviewed`` (the sentence),
``itemReviewed`` (a Claim with its author, when the document names one: the person quoted when the claim lies
inside their quote, notes_db.reviews.speaker_of; else the outlet or byline; and
its ``appearance``: the document, by file URI and content hash),
``reviewRating`` (the status as ``alternateName``, on a 1-5 scale),
``reviewBody`` (your note) and ``citation`` (your source).
"""

from __future__ import annotations

import re
from typing import Any

from notes_db.reviews import ReviewedClaim
from reader.deeplinks import quote_link
from reader.export.model import document_info, file_uri
from reader.speaker_labels import NON_PEOPLE

#: The status on the 1 (false) to 5 (true) scale fact-checkers use; unchecked has no rating.
RATINGS = {"false": 1, "disputed": 2, "verified": 5}


#: Words that make a name an organisation's ("Tax Policy Center", "the Washington Post-ABC News poll").
_ORGANISATION_WORDS = frozenset("""
    agency association bank board bureau center centre college commission committee company corporation council
    department foundation fund group institute institution league ministry network news office organization
    organisation party poll post press project service society times tribune union university
    """.split())
#: Words that join the parts of a person's name ("Charles de Gaulle", "Ludwig van Beethoven").
_PARTICLES = frozenset("de del della der di du da la le van von bin ibn al".split())
_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’.-]*|[A-Z]\.)$")
#: How a group or an amount begins: never a person's name ("A majority of voters", "Nearly eight of 10 voters").
_NOT_A_NAME_START = frozenset("a an the most many some all nearly about more less half majority".split())


def _words(name: str) -> list[str]:
    return re.sub(r"[,()]", " ", name).split()


def looks_like_person(name: str) -> bool:
    """Whether a speaker's name is a person's: capitalised words (titles, initials, particles allowed),
    no figure, no group ("A majority of voters", "Experts"), no organisation ("Tax Policy Center", "CPC")."""
    words = _words(name)
    if not words or name in NON_PEOPLE or any(ch.isdigit() for ch in name) or len(words) > 6:
        return False
    lower = [w.lower().strip(".’'") for w in words]
    if lower[0] in _NOT_A_NAME_START or any(w in _ORGANISATION_WORDS for w in lower):
        return False
    if not all(_NAME_WORD.match(w) or w.lower() in _PARTICLES for w in words):
        return False
    if len(words) == 1:  # "Obama", not "Experts", "Republicans" or "CPC"
        w = words[0]
        return not w.isupper() and not w.lower().endswith("s")
    return True


def looks_like_organisation(name: str) -> bool:
    """A named organisation ("Tax Policy Center", "New Washington Post-ABC News national poll")."""
    words = _words(name)
    named = any(_NAME_WORD.match(w) for w in words[1:]) or bool(words and _NAME_WORD.match(words[0])
                                                                and words[0].lower() not in _NOT_A_NAME_START)
    if len(words) == 1 and words[0].isupper() and words[0].isalpha() and 2 <= len(words[0]) <= 6:
        return True  # "CPC", "IMF"
    lower = {p.lower() for w in words for p in re.split(r"[-/]", w)}
    return named and bool(lower & _ORGANISATION_WORDS) and name not in NON_PEOPLE


def claim_author(speaker: str, byline: str = "", site: str = "") -> dict[str, Any] | None:
    """Who made the claim, as schema.org has it: the person quoted saying it; else an organisation quoted
    saying it; else the outlet that published the article (an Organization); else the article's author.
    A group of people ("A majority of voters") or a figure is never typed as a Person."""
    if speaker and looks_like_person(speaker):
        return {"@type": "Person", "name": speaker}
    if speaker and looks_like_organisation(speaker):
        return {"@type": "Organization", "name": speaker}
    if site:
        return {"@type": "Organization", "name": site}
    if byline:
        return {"@type": "Person" if looks_like_person(byline) else "Organization", "name": byline}
    return None


def claim_review(r: ReviewedClaim, author: dict[str, Any] | None = None, date: str = "") -> dict[str, Any]:
    appearance: dict[str, Any] = {"@type": "CreativeWork", "name": r.doc_title,
                                  "url": file_uri(r.doc_path) if r.doc_path else f"urn:sha256:{r.fingerprint}",
                                  "sameAs": f"urn:sha256:{r.fingerprint}"}
    if date:
        appearance["datePublished"] = date
    item: dict[str, Any] = {"@type": "Claim", "appearance": appearance}
    if author:
        item["author"] = author
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


def claim_reviews(reviews: list[ReviewedClaim], said_by: dict[tuple[int, str], str] | None = None,
                  bylines: dict[int, str] | None = None) -> dict[str, Any]:
    """``said_by``: (doc_id, claim key) -> who is quoted saying the claim; ``bylines``: doc_id -> the
    article's author as the notes file knows it (else the document's own metadata says)."""
    meta: dict[tuple[str, str], tuple[str, str, str]] = {}
    graph = []
    for r in reviews:
        key = (r.doc_path, r.fingerprint)
        if key not in meta:
            kind = "web" if r.doc_path.lower().endswith((".html", ".htm")) else \
                "pdf" if r.doc_path.lower().endswith(".pdf") else "text"
            meta[key] = document_info(r.doc_path, kind)
        author, date, site = meta[key]
        who = claim_author((said_by or {}).get((r.doc_id, r.key), ""), (bylines or {}).get(r.doc_id) or author, site)
        graph.append(claim_review(r, who, date))
    return {"@context": "https://schema.org", "@graph": graph}
