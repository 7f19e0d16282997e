"""``reader review``, ``reader ledger`` and ``reader speakers``: claims and quotes
across the library from the command line. Registered by reader/cli.py."""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reader.cli_common import CliError, _out, _session, _store, quote_once, quoted, shorten
from reader.export import hanging
from reader.titles import file_in_folder

Handler = Callable[[argparse.Namespace, Path], int]


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> dict[str, Handler]:
    from notes_db import CLAIM_STATUSES

    r = sub.add_parser("review", parents=[common], help="give a claim a status, a note and a source")
    r.add_argument("path", metavar="PATH", help="the document")
    r.add_argument("--claim", required=True, metavar="TEXT", help="the claim's words (enough to find it)")
    r.add_argument("--status", choices=list(CLAIM_STATUSES), help="the verdict (kept as it was when not given)")
    r.add_argument("--note", help="what you found (kept as it was when not given; --note '' clears it)")
    r.add_argument("--source", metavar="URL", help="where you found it (kept as it was when not given)")
    r.add_argument("--password", help="password of an encrypted PDF")
    fix = sub.add_parser("correct", parents=[common], help="say who really said a quote, or that it is no quote")
    fix.add_argument("path", metavar="PATH", help="the document")
    fix.add_argument("--quote", required=True, metavar="TEXT", help="the quote's words (enough to find it)")
    how = fix.add_mutually_exclusive_group(required=True)
    how.add_argument("--speaker", metavar="NAME", help="the person who said it")
    how.add_argument("--not-a-quote", action="store_true", help="list it apart: no quote (the library forgets it)")
    how.add_argument("--undo", action="store_true", help="restore the analysis's reading: take your correction back (its "
                     "speaker, or a passage you said is no quote back among the quotes)")
    fix.add_argument("--password", help="password of an encrypted PDF")
    ledger = sub.add_parser("ledger", parents=[common], help="every reviewed claim across the library")
    ledger.add_argument("--status", action="append", default=[], choices=list(CLAIM_STATUSES),
                        help="only this status (repeatable)")
    ledger.add_argument("--json", action="store_true", help="machine-readable output")
    sp = sub.add_parser("speakers", parents=[common], help="who is quoted across the library, or one person's quotes")
    sp.add_argument("name", nargs="?", metavar="NAME", help="a person (default: list everyone)")
    sp.add_argument("--json", action="store_true", help="machine-readable output")
    return {"review": cmd_review, "correct": cmd_correct, "ledger": cmd_ledger, "speakers": cmd_speakers}


def cmd_review(args: argparse.Namespace, db_path: Path) -> int:
    from notes_db import StorageError
    from notes_db.reviews import set_review
    from reader.analysis import analyse
    from reader.claims_library import ClaimNotFound, find_claim, remember
    from reader.quote_fixes import apply_stored

    if args.status is None and args.note is None and args.source is None:
        raise CliError("say what to change: --status, --note or --source")
    s = _session(args, db_path)
    result = analyse(s.doc)
    try:
        claim = find_claim(s.doc, result, args.claim)
    except ClaimNotFound as exc:
        raise CliError(str(exc)) from exc
    try:
        apply_stored(s.store, s.doc_id, result)  # the reader's corrections of its quotes, as the window lays them
        remember(s.store, s.doc_id, result)
        review = set_review(s.store, s.doc_id, claim.key, args.status,
                            None if args.note is None else args.note.strip(),
                            None if args.source is None else args.source.strip(),
                            text=claim.text, kind=claim.kind, start=claim.start, end=claim.end)
    except StorageError as exc:
        raise CliError(str(exc)) from exc
    _out(f"{review.status}: {quote_once(' '.join(claim.text.split()))}")
    if review.note:
        _out(hanging("    note: ", review.note))
    if review.source:
        _out(f"    source: {review.source}")
    return 0


def cmd_correct(args: argparse.Namespace, db_path: Path) -> int:
    """``reader correct PATH --quote WORDS (--speaker NAME | --not-a-quote | --undo)``: what the Claims panel's
    Wrong speaker…, Not a quote and Undo correction do (reader/quote_fixes.correct)."""
    from notes_db import StorageError
    from reader.analysis import analyse
    from reader.claims_library import ClaimNotFound, find_quote, remember
    from reader.quote_fixes import apply_stored, correct

    s = _session(args, db_path)
    result = analyse(s.doc)
    try:
        q = find_quote(result, args.quote)
    except ClaimNotFound as exc:
        raise CliError(str(exc)) from exc
    try:
        with s.store.transaction():  # one: the document's findings as corrected so far, and this correction
            apply_stored(s.store, s.doc_id, result)
            remember(s.store, s.doc_id, result)  # (the library may not have this document's findings yet)
            if not correct(s.store, s.doc_id, result, q, speaker=args.speaker,
                           dismissed=True if args.not_a_quote else None, undo=args.undo):
                raise CliError("that quote has no correction to undo")
    except (StorageError, ValueError) as exc:
        raise CliError(str(exc)) from exc
    words = quote_once(" ".join(q.text.split()))
    if args.not_a_quote:
        _out(f"not a quote: {words}")
    else:
        _out(f"{q.extra.get('group') or q.speaker or 'no speaker named'}: {words}")
    return 0


def cmd_ledger(args: argparse.Namespace, db_path: Path) -> int:
    from notes_db import StorageError
    from notes_db.reviews import ledger

    store = _store(db_path)
    try:
        items = ledger(store, statuses=args.status)
    except StorageError as exc:
        raise CliError(str(exc)) from exc
    if args.json:
        _out(json.dumps([r.to_json() for r in items], ensure_ascii=False, indent=1))
        return 0
    paths: dict[int, str] = {}
    if any(r.doc_title == t for r in items for _d, t, _s, _e in r.also_in):  # copies of one title: their files
        from notes_db.library import library

        paths = {e.id: e.path for e in library(store)}

    def where(doc_id: int, title: str, copies: bool) -> str:
        return f"{title} ({file_in_folder(paths[doc_id])})" if copies and paths.get(doc_id) else title

    for r in items:
        _out(f"[{r.status}] {quote_once(' '.join(r.text.split()))}")
        copies = any(t == r.doc_title for _d, t, _s, _e in r.also_in)  # tryout 13: "in X; also in X"
        _out(f"    in {where(r.doc_id, r.doc_title, copies)}"
             + "".join(f"; also in {where(d, t, t == r.doc_title)}" for d, t, _s, _e in r.also_in))
        if r.note:
            _out(hanging("    note: ", r.note))
        if r.source:
            _out(f"    source: {r.source}")
    if not items:
        _out("no reviewed claims yet")
    return 0


def cmd_speakers(args: argparse.Namespace, db_path: Path) -> int:
    from notes_db import StorageError
    from notes_db.reviews import counted, find_people, people, quotes_written, similar_quote_groups, speaker_quotes

    store = _store(db_path)
    try:
        if not args.name:
            everyone = people(store)
            if args.json:
                _out(json.dumps([{"speaker": p.name, "quotes": p.quotes - p.positions, "positions": p.positions,
                                  "documents": p.documents} for p in everyone], ensure_ascii=False, indent=1))
            else:
                for p in everyone:
                    _out(f"{p.name}: {counted(p.quotes - p.positions, p.positions)} in {p.documents} "
                         f"document{'s' if p.documents != 1 else ''}")
                if not everyone:
                    _out("nobody quoted yet (open documents in the window, or review a claim, to read them)")
            return 0
        found = find_people(store, args.name)
        if len(found) > 1:
            names = ", ".join(f"{p.name} ({counted(p.quotes - p.positions, p.positions)})" for p in found[:10])
            more = f" and {len(found) - 10} more" if len(found) > 10 else ""
            raise CliError(f"{len(found)} people are named {args.name}: {names}{more}; give the whole name")
        person = found[0] if found else None
        # no one of that name in the list: the speakers as the text writes them (the list is not joined again)
        quotes = speaker_quotes(store, person.name, person) if person else quotes_written(store, args.name)
    except StorageError as exc:
        raise CliError(str(exc)) from exc
    # the person found, or (no one of that name in the list) the speakers as the text writes them
    heading = person.name if person is not None else f"speakers written {args.name!r}"
    groups = similar_quote_groups(quotes)
    if args.json:
        _out(json.dumps({"person": person.name if person is not None else None,
                         "quotes": [q.to_json() for q in quotes],
                         "similar": [[q.to_json() for q in g] for g in groups]}, ensure_ascii=False, indent=1))
    if not quotes:  # the same exit status with --json or without (it was 0 and 1)
        raise CliError(f"no quotes by {args.name} in the library")
    if args.json:
        return 0
    by_doc: dict[int, list[Any]] = {}  # two documents of one title are two documents
    for f in quotes:
        by_doc.setdefault(f.doc_id, []).append(f)

    def said(qs: list[Any]) -> str:
        positions = sum(1 for q in qs if q.position)
        return counted(len(qs) - positions, positions)

    _out(f"{heading}: {said(quotes)} in {len(by_doc)} document{'s' if len(by_doc) != 1 else ''}")
    titles = Counter(qs[0].doc_title for qs in by_doc.values())  # copies of one title: their folder and file too
    for qs in by_doc.values():
        copy = f" — {file_in_folder(qs[0].doc_path)}" if titles[qs[0].doc_title] > 1 and qs[0].doc_path else ""
        _out(f"  {qs[0].doc_title}{copy} ({said(qs)})")
        for f in qs:  # in quotation marks what was said in these words; reported speech and positions are not
            _out(f"    {f.said(shorten(f.words, 200))}")  # (what was said word for word in quotation marks)
    for g in groups:
        _out("  said nearly the same in different words:")
        for f in g:
            _out(f"    {f.doc_title}: {quoted(f.words, 160)}")
    return 0
