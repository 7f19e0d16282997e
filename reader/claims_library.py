"""The bridge from one document's analysis to the library's claims and quotes
(notes_db.reviews): remember what was found, find a claim by its words. Qt-free;
the window and the command line share it."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from notes_db.store import NotesDB
    from reader.analysis import Analysis, Claim, Quote
    from reader.document import Document

log = logging.getLogger("reader.claims_library")


ClaimRow = tuple[str, str, str, int, int]
QuoteRow = tuple[str, str, str, str, int, int, str]


def remember(store: NotesDB, doc_id: int, result: Analysis) -> None:
    """Store the document's claims and quotes (replacing the last analysis; with the reader's corrections as the
    notes file holds them: reader/quote_fixes.py) and give older reviews their claim's words."""
    remember_rows(store, doc_id, *findings_rows(result))


def findings_rows(result: Analysis) -> tuple[list[ClaimRow], list[QuoteRow]]:
    """What :func:`remember_rows` stores of ``result``: its claims, and its quotes as the analysis found them
    (plain tuples: made on the window's thread in milliseconds, written on another)."""
    from reader.quote_fixes import found_row

    return [(c.key, c.text, c.kind, c.start, c.end) for c in result.claims], [found_row(q) for q in result.quotes]


def remember_rows(store: NotesDB, doc_id: int, claims: list[ClaimRow], quotes: list[QuoteRow]) -> None:
    """In ONE transaction: the reader's corrections, as the notes file holds them at that moment, laid over the
    quotes (a correction made while the rows waited to be written is in them: none is lost, whatever came first),
    the document's findings replaced, and older reviews given their claim's words. Any thread, on its own
    connection."""
    from notes_db.corrections import quote_corrections
    from notes_db.reviews import fill_claim_texts, record_findings
    from reader.quote_fixes import rows_corrected

    with store.transaction():
        record_findings(store, doc_id, claims, rows_corrected(quotes, quote_corrections(store, doc_id)))
        filled = fill_claim_texts(store, doc_id, claims)
    if filled:
        log.info("gave %d earlier reviews their claim's words", filled)


def _norm(text: str) -> str:
    return " ".join(text.replace("\u2028", " ").split()).lower()


class ClaimNotFound(LookupError):
    pass


def find_quote(result: Analysis, words: str) -> Quote:
    """The quote a person names by (some of) its words: the one whose words they are, else the one holding them
    (``reader correct``)."""
    want = _norm(words)
    if not want:
        raise ClaimNotFound("give the quote's words with --quote")
    found = [q for q in result.quotes if _norm(q.text) == want] or [q for q in result.quotes if want in _norm(q.text)]
    if not found:
        raise ClaimNotFound("no quote found with those words (`reader extract PATH` lists the quotes the engine found)")
    if len({(q.start, q.end) for q in found}) > 1:
        raise ClaimNotFound(f"those words are in {len(found)} quotes; give more of the quote")
    return found[0]


def find_claim(doc: Document, result: Analysis, words: str) -> Claim:
    """The claim a person names by (some of) its words: a claim the analysis
    found, else the sentence of the document that holds those words."""
    from reader.analysis import Claim, sentences

    want = _norm(words)
    if not want:
        raise ClaimNotFound("give the claim's words with --claim")
    exact = [c for c in result.claims if _norm(c.text) == want]
    if exact:
        return exact[0]
    inside = [c for c in result.claims if want in _norm(c.text)]
    if len(inside) == 1:
        return inside[0]
    if len(inside) > 1:
        raise ClaimNotFound(f"those words are in {len(inside)} claims; give more of the claim")
    m = re.search(r"\s+".join(re.escape(w) for w in words.split()), doc.text, re.I)
    if m is None:
        raise ClaimNotFound("that claim is not in the document")
    block = doc.block_at(m.start())
    if block is None:
        raise ClaimNotFound("that claim is not in the document")
    text = block.text.replace("\u2028", " ")
    for a, e in sentences(text):
        if block.start + a <= m.start() < block.start + e:
            sentence = text[a:e].rstrip()
            return Claim(sentence, "statement", 0.0, block.start + a, block.start + a + len(sentence))
    raise ClaimNotFound("that claim is not in the document")
