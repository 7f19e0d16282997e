"""The ``reader`` command: open the window, or work with documents and notes.

Expected failures (a bad file, a damaged notes file, a bad query) print one
line on stderr and exit 1; nothing here imports Qt unless a window is wanted.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from notes_db.paths import ENV_VAR
from reader import sync_cli
from reader.cli_common import CliError, _load, _out, _session, _store, quote_once, quoted, shorten
from reader.sync_cli import COMMANDS as SYNC_COMMANDS

#: Subcommands registered by other modules (reader/cli_transfer.py, ...).
EXTRA_COMMANDS = ("export", "import", "review", "correct", "ledger", "speakers", "install-desktop")

log = logging.getLogger("reader.cli")

SUBCOMMANDS = ("open", "text", "info", "notes", "highlight", "extract", "search", "reindex", "backup", "restore", "check",
               *SYNC_COMMANDS, *EXTRA_COMMANDS)
#: Options every command takes, also before the command (``reader --db X notes F``).
GLOBAL_FLAGS = ("-v", "--verbose")
GLOBAL_VALUED = ("--db",)


class _Parser(argparse.ArgumentParser):
    """Bad input is one line on stderr and exit status 1, as every other error of the command line
    (argparse's own way is the usage lines and exit status 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(1, f"{self.prog}: {message} (see '{self.prog} --help')\n")


def _parser() -> argparse.ArgumentParser:
    def global_options(parser: argparse.ArgumentParser, default: object) -> None:
        parser.add_argument("--db", metavar="PATH", default=default,
                            help=f"notes database (default: ${ENV_VAR}, else your data folder)")
        parser.add_argument("-v", "--verbose", action="store_true", default=default, help="log what happens")

    # Given before the command they land on the main parser; after it, on the
    # command's (SUPPRESS: an option not repeated there keeps the first value).
    common = _Parser(add_help=False)
    global_options(common, argparse.SUPPRESS)
    doc = _Parser(add_help=False)
    doc.add_argument("path", metavar="PATH", help="a document: .pdf, .epub, .html/.htm, .md or .txt")
    doc.add_argument("--password", help="password of an encrypted PDF")

    p = _Parser(  # its commands' parsers are _Parsers too (argparse makes them of the same class)
        prog="reader",
        description="Reader: read closely, highlight, annotate, and check what an article claims.",
        epilog="Run 'reader PATH' to open a document, or 'reader' for the sample article. "
               "'reader --screenshot OUT.png [PATH] [--theme T]' renders the window offscreen to a PNG and exits. "
               "Every command takes --db and -v, before or after it; 'reader COMMAND --help' tells more.",
    )
    global_options(p, None)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    o = sub.add_parser("open", parents=[common], help="open the window (the default: 'reader PATH')")
    o.add_argument("path", nargs="?", metavar="PATH", help="document to open (default: the sample article)")
    o.add_argument("--screenshot", metavar="OUT.png", help="render the window offscreen to a PNG and exit")
    o.add_argument("--theme", choices=("light", "sepia", "dark", "system"),
                   help="show in this theme (this time only; View > Reading > Theme keeps a choice)")
    t = sub.add_parser("text", parents=[common, doc],
                       help="print the text as Reader reads it (any kind of document), a paragraph a line: "
                            "the offsets of extract --json and notes --json count characters of it")
    t.add_argument("--original", action="store_true", help="the text as converted (a web page's full text), before repairs")
    sub.add_parser("info", parents=[common, doc], help="title, kind, pages and characters of a document")
    n = sub.add_parser("notes", parents=[common, doc], help="a document's highlights and notes")
    n.add_argument("--json", action="store_true", help="machine-readable output")
    n.add_argument("--markdown", action="store_true", help="Markdown, as File > Export writes it")
    h = sub.add_parser("highlight", parents=[common, doc], help="add a highlight from a script")
    h.add_argument("--text", required=True, help="the exact passage to highlight")
    h.add_argument("--color", default="yellow", help="yellow, red, green, blue, purple, orange or gray")
    h.add_argument("--style", default="highlight",
                   help="highlight (a band, the default), underline, squiggly or strikeout")
    h.add_argument("--note", default="", help="note text")
    h.add_argument("--tag", action="append", default=[],
                   help="a tag (repeatable; commas part tags, as in the window's tag field, also inside quotation "
                        "marks: --tag 'a, b')")
    h.add_argument("--occurrence", type=int, metavar="N",
                   help="which place, when the passage occurs more than once (1 = the first, in reading order); "
                        "without it such a passage is refused")
    e = sub.add_parser("extract", parents=[common, doc], help="claims and quotes found in a document")
    e.add_argument("--json", action="store_true",
                   help="machine-readable output; start and end count characters of what 'reader text' prints")
    from notes_db.search_help import HELP as SEARCH_HELP

    s = sub.add_parser("search", parents=[common], help="search every highlight, note and tag",
                       epilog=SEARCH_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    s.add_argument("query", nargs="+", help="words, \"phrases\", prefix*, OR, -word, tag:, color:, doc:, ...")
    s.add_argument("--json", action="store_true", help="machine-readable output")
    s.add_argument("--limit", type=int, default=20, help="at most this many results (default 20)")
    s.add_argument("--date", action="store_true", help="newest first instead of by relevance")
    s.add_argument("--related", action="store_true", help="match related words (stemmed: running -> run)")
    sub.add_parser("reindex", parents=[common], help="rebuild the search index")
    b = sub.add_parser("backup", parents=[common], help="copy the notes file now (default: into its backups folder)")
    b.add_argument("dest", nargs="?", metavar="PATH", help="file or folder for the copy")
    b.add_argument("--list", action="store_true", help="list the backups instead of making one")
    r = sub.add_parser("restore", parents=[common], help="replace the notes file with a backup (the current one is kept aside)")
    r.add_argument("source", metavar="PATH", help="a Reader notes file, e.g. one of 'reader backup --list'")
    sub.add_parser("check", parents=[common], help="check the notes file and its search indexes")
    sync_cli.add_parsers(sub, common)
    from reader import cli_claims, cli_desktop, cli_transfer

    for module in (cli_transfer, cli_claims, cli_desktop):
        for name, fn in module.add_parsers(sub, common).items():
            sub.choices[name].set_defaults(handler=fn)
    return p


def _normalise_argv(argv: list[str]) -> list[str]:
    """``reader PATH`` and ``reader --screenshot X`` mean ``reader open ...``;
    global options may come first; ``reader search -word`` is a query word."""
    i = 0
    while i < len(argv):
        if argv[i] in GLOBAL_FLAGS or argv[i].startswith(tuple(f"{o}=" for o in GLOBAL_VALUED)):
            i += 1
        elif argv[i] in GLOBAL_VALUED and i + 1 < len(argv):  # without its value: argparse says so
            i += 2
        else:
            break
    head, rest = argv[:i], argv[i:]
    if not rest:
        return [*head, "open"]
    if rest[0] in ("-h", "--help"):
        return argv
    if rest[0] not in SUBCOMMANDS:
        _no_near_command(rest[0])
        return [*head, "open", *rest]
    if rest[0] == "search":
        return [*head, "search", *_search_argv(rest[1:])]
    return argv


def _no_near_command(word: str) -> None:
    """``reader serach rhetoric``: a bare word that is no file and is nearly a command is a mistyped
    command, said so with the nearest one (it was opened as a file: "unrecognized arguments: rhetoric")."""
    import difflib

    if not word or word.startswith("-") or any(ch in word for ch in "/\\.:") or Path(word).exists():
        return
    near = difflib.get_close_matches(word.lower(), SUBCOMMANDS, n=1, cutoff=0.75)
    if near:
        _parser().error(f"{word!r} is not a command; did you mean '{near[0]}'?")


def _search_options() -> dict[str, bool]:
    """The search command's options (as its parser declares them), and whether each takes a value."""
    sub = next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction))
    return {opt: action.nargs != 0 for action in sub.choices["search"]._actions for opt in action.option_strings}


def _search_argv(argv: list[str]) -> list[str]:
    """Options first, then ``--`` and the query, so "-word" (exclude) is never taken for an option."""
    known = _search_options()
    options: list[str] = []
    query: list[str] = []
    i = 0
    while i < len(argv):
        tok = argv[i]
        name = tok.split("=", 1)[0]
        if tok == "--":
            query += argv[i + 1:]
            break
        if name in known:
            takes_value = known[name] and "=" not in tok
            options += argv[i:i + 2] if takes_value else [tok]
            i += 2 if takes_value else 1
        else:
            query.append(tok)
            i += 1
    return [*options, "--", *query] if query else options


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(_normalise_argv(list(sys.argv[1:] if argv is None else argv)))
    logging.basicConfig(
        level=logging.INFO if getattr(args, "verbose", False) else logging.WARNING,
        format="%(name)s: %(message)s",
    )
    from notes_db import StorageError, resolve_db_path

    db_path = resolve_db_path(args.db)
    handler: Callable[[argparse.Namespace, Path], int] = getattr(args, "handler", None) or {
        "open": _cmd_open, "text": _cmd_text, "info": _cmd_info, "notes": _cmd_notes, "highlight": _cmd_highlight,
        "extract": _cmd_extract, "search": _cmd_search, "reindex": _cmd_reindex, **sync_cli.handlers(),
        "backup": _cmd_backup, "restore": _cmd_restore, "check": _cmd_check,
    }[args.command]
    try:
        code = handler(args, db_path)
        sys.stdout.flush()
        return code
    except (CliError, StorageError) as exc:
        sys.stderr.write(f"reader: {exc}\n")
        return 1
    except BrokenPipeError:
        # The reader of our output left (``| head -1``): not an error of ours.
        # Point stdout at nothing so the interpreter's last flush stays quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except KeyboardInterrupt:
        return 130


def _cmd_open(args: argparse.Namespace, db_path: Path) -> int:
    if args.path and args.path.lower().startswith("file://"):  # desktops pass files as URIs (%u)
        from urllib.parse import unquote, urlsplit

        args.path = unquote(urlsplit(args.path).path)
    is_link = bool(args.path) and args.path.lower().startswith("reader:")  # reader://open?doc=...
    if args.path and not is_link and not Path(args.path).exists():
        from reader.ui.instance import hand_over

        if not args.screenshot and hand_over(str(Path(args.path).expanduser().resolve()), db_path):
            raise CliError(f"File not found: {args.path} (said in the open Reader window too)")
        raise CliError(f"File not found: {args.path}")
    if args.screenshot:  # said before a window is made (it was a "reader.ui: could not write …" log line after)
        folder = Path(args.screenshot).expanduser().resolve().parent
        if not folder.is_dir():
            raise CliError(f"--screenshot {args.screenshot}: there is no folder {folder}")
        if not os.access(folder, os.W_OK):
            raise CliError(f"--screenshot {args.screenshot}: the folder {folder} cannot be written to")
    from reader.ui.app import run

    return run(args.path, db_path, screenshot=args.screenshot, theme=args.theme)


def _cmd_text(args: argparse.Namespace, db_path: Path) -> int:
    from reader.document import LINE_BREAK

    doc = _load(args, repaired=not args.original)
    # exactly the text Reader's character offsets count in (extract --json, notes --json, highlight):
    # a paragraph a line, a line break within one as a newline (one character either way)
    sys.stdout.write(doc.text.replace(LINE_BREAK, "\n") + "\n")
    return 0


def _cmd_info(args: argparse.Namespace, db_path: Path) -> int:
    doc = _load(args)
    pages = doc.page_count if doc.kind == "pdf" else "-"
    _out(f"title: {doc.title}\nkind: {doc.kind}\npages: {pages}\ncharacters: {len(doc.text)}")
    if doc.kind != "pdf":
        _out(f"encoding: {doc.encoding}")
    for w in doc.warnings:
        _out(f"note: {w}")
    return 0


def _cmd_notes(args: argparse.Namespace, db_path: Path) -> int:
    from reader.export import notes_json, notes_markdown, notes_text
    from reader.export.model import reviewed_claims

    s = _session(args, db_path)
    if args.json:
        _out(notes_json(s.record, s.highlights))
    elif args.markdown:
        _out(notes_markdown(s.record, s.highlights, store=s.store))
    else:
        _out(notes_text(s.record, s.highlights, reviewed_claims(s.store, s.doc_id)))
    return 0


def _cmd_highlight(args: argparse.Namespace, db_path: Path) -> int:
    from notes_db import COLORS, StorageError
    from notes_db.records import STYLES

    if args.color not in COLORS:
        raise CliError(f"unknown colour {args.color!r}; choose one of {', '.join(COLORS)}")
    if args.style not in STYLES:
        raise CliError(f"unknown style {args.style!r}; choose one of {', '.join(STYLES)}")
    if not args.text.strip():
        raise CliError("--text is empty: give the exact passage to highlight")
    if args.occurrence is not None and args.occurrence < 1:  # 0 was taken for the first place
        raise CliError(f"--occurrence {args.occurrence}: places count from 1 (the first, in reading order)")
    s = _session(args, db_path)
    places = s.find_all(args.text)
    if not places:
        raise CliError("that passage is not in the document")
    if len(places) > 1 and args.occurrence is None:  # which one is meant is for the person to say
        raise CliError(f"the passage occurs {_times(len(places))} in the document; nothing was highlighted: "
                       f"give --occurrence N (1-{len(places)}) to choose one, or a longer --text")
    n = args.occurrence or 1
    if not 1 <= n <= len(places):
        raise CliError(f"--occurrence {n}: the passage occurs {_times(len(places))} in the document")
    where = places[n - 1]
    try:
        h = s.create(where[0], where[1], args.color, args.note, split_tags(args.tag), style=args.style)
    except (StorageError, ValueError) as exc:
        raise CliError(str(exc)) from exc
    _out(f"highlight {h.id}: {h.start}-{h.end} {h.color}" + ("" if h.style == "highlight" else f" {h.style}"))
    return 0


def split_tags(given: list[str]) -> list[str]:
    """The tags of ``--tag`` as the window's tag field reads what is typed there (reader.ui.annotations.
    parse_tags): commas and semicolons part tags and a leading # goes, so ``--tag 'a,b'`` is the tags a and
    b, never one tag "a,b" that a CSV export's tags column ("a,b, two words") could not tell from two, and
    ``--tag '"quoted, tag"'`` the tags quoted and tag (notes_db.records.tag_list)."""
    from notes_db.records import tag_list

    return tag_list(given)


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def _who(speaker: str | None, person: object, cue: str | None) -> str:
    from reader.speaker_labels import said_by

    return said_by(speaker, person, cue)


def _cmd_extract(args: argparse.Namespace, db_path: Path) -> int:
    from reader.analysis import analyse

    doc = _load(args)
    result = analyse(doc)
    if args.json:
        _out(json.dumps(result.to_json(), ensure_ascii=False, indent=1))
        return 0
    for q in result.quotes:
        _out(f"QUOTE [{q.kind}] {_who(q.speaker, q.extra.get('group'), q.cue)}: {shorten(q.text)}")
    for c in result.claims:
        _out(f"CLAIM [{c.kind} {c.score:.2f}] {shorten(c.text)}")
    for t in result.terms:  # quoted words nobody is said to have said: scare quotes, titles, slogans
        _out(f"TERM {quoted(t.text)}" + (f" (attributed to {t.speaker})" if t.speaker else ""))
    if not (result.quotes or result.claims or result.terms):
        _out(f"no quotes, claims or quoted terms found in {doc.path.name}")
    return 0


def _cmd_search(args: argparse.Namespace, db_path: Path) -> int:
    from notes_db import StorageError
    from notes_db.search import MARK_CLOSE, MARK_OPEN
    from reader.export import hanging
    from reader.note_lines import signed_lines
    from reader.titles import file_in_folder

    if args.limit < 1:
        raise CliError("--limit must be at least 1")
    store = _store(db_path)
    try:
        res = store.search(" ".join(args.query), limit=args.limit, order="date" if args.date else "relevance",
                           related=args.related)
    except StorageError as exc:
        raise CliError(str(exc)) from exc
    if res.query.rejected:  # refused (a date that does not exist): nothing found is shown, every problem is said
        return _query_problems(_all_problems(args.query, res))
    if args.json:
        reviews = [{"type": "review", "text": r.text, **r.to_json()} for r in res.reviews]  # text: as hits and quotes
        _out(json.dumps([hit.to_json() for hit in res.hits] + reviews + [{"type": "quote", **q.to_json()} for q in res.quotes],
                        ensure_ascii=False, indent=1))
        return _unread_part(args.query, res)

    def show(text: str, limit: int = 200) -> str:
        flat = " ".join(text.replace(MARK_OPEN, "[").replace(MARK_CLOSE, "]").split())
        if len(flat) <= limit:
            return flat
        cut = flat[:limit].rsplit(" ", 1)[0] if " " in flat[:limit] else flat[:limit]
        return cut.rstrip(",;:") + "…"  # cut at a word, and said so

    paths_of: dict[str, set[str]] = {}  # copies of one title are told apart by their files (tryout s14)
    for title, path in [(h.doc_title, h.doc_path) for h in res.hits] + [(r.doc_title, r.doc_path) for r in res.reviews] \
            + [(q.doc_title, q.doc_path) for q in res.quotes]:
        paths_of.setdefault(title, set()).add(path or "")

    def doc(title: str, path: str | None) -> str:
        return f"{title} — {file_in_folder(path)}" if path and len(paths_of.get(title, ())) > 1 else title

    def note(text: str) -> str:
        """A note's lines, each signed line ending the one before (reader.note_lines); four at most, the rest on
        the last after "↵" (as the window's cards), indented under "note: " (tryout s14: run into one sentence)."""
        lines = [show(line) for line in signed_lines(text)]
        if len(lines) > 4:
            lines = [*lines[:3], show("  ↵  ".join(lines[3:]))]
        return hanging("    note: ", "\n".join(lines))

    for hit in res.hits:
        h = hit.highlight
        page = f", p. {h.page + 1}" if h.page is not None else ""
        tags = " ".join(f"#{t}" for t in h.tags)
        _out(f"{doc(hit.doc_title, hit.doc_path)}{page}  ({h.color}, {h.created[:10]}) {tags}".rstrip())
        _out(f"    {quote_once(show(hit.passage))}")
        if h.note:
            _out(note(hit.note))
    for r in res.reviews:  # reviewed claims with no highlight on them
        _out(f"{doc(r.doc_title, r.doc_path)}  (claim, {r.status}, {r.updated[:10]})")
        _out(f"    {quote_once(show(r.text))}")
        if r.note:
            _out(note(r.note))
        if r.source:
            _out(f"    source: {r.source}")
    for q in res.quotes:
        _out(f"{doc(q.doc_title, q.doc_path)}  (quote, {_who(q.speaker, q.speaker_group, None)})")  # the person, as the panel
        _out(f"    {quote_once(show(q.words))}")
    if not (res.hits or res.reviews or res.quotes):
        _out("no results")
    return _unread_part(args.query, res)


def _all_problems(query: list[str], res: Any) -> list[str]:
    """Every problem of the query, one line each: a value that matches nothing or is refused, then, in one
    line, what part of it could not be read as the search language (why it may not find what was meant,
    and how to write it)."""
    from notes_db.query_check import unreadable

    problems = list(res.query.problems)
    unread = unreadable(" ".join(query))
    if unread:
        problems.append("part of this search could not be read: " + "; ".join(unread) + " (see reader search --help)")
    return problems


def _unread_part(query: list[str], res: Any) -> int:
    """Say on stderr every problem of the query, after whatever the rest of it found (on stdout). Any
    problem exits 1, results or not, as grep and ripgrep exit non-zero on a pattern they cannot read:
    a script learns that the search was not the one meant. 0 when all of it was read."""
    return _query_problems(_all_problems(query, res))


def _query_problems(problems: list[str]) -> int:
    """A query with a problem (a colour, status or kind that does not exist) exits 1, as a date that does
    not exist does, after whatever the rest of the query found: each problem one line on stderr."""
    sys.stdout.flush()
    for problem in problems:
        sys.stderr.write(f"reader: {problem}\n")
    return 1 if problems else 0


def _cmd_reindex(args: argparse.Namespace, db_path: Path) -> int:
    from notes_db import StorageError

    store = _store(db_path)
    try:
        n = store.reindex()
    except StorageError as exc:
        raise CliError(str(exc)) from exc
    _out(f"reindexed {n} highlights")
    return 0


def _cmd_backup(args: argparse.Namespace, db_path: Path) -> int:
    from notes_db.backup import backup, list_backups

    if args.list:
        for p in list_backups(db_path):
            _out(str(p))
        return 0
    dest = backup(db_path, Path(args.dest).expanduser() if args.dest else None)
    _out(f"backed up to {dest}")
    return 0


def _cmd_restore(args: argparse.Namespace, db_path: Path) -> int:
    from notes_db.backup import restore

    source = Path(args.source).expanduser()
    if not source.exists():
        raise CliError(f"File not found: {args.source}")
    aside = restore(db_path, source)
    kept = f"; the previous notes file is kept at {aside}" if aside else ""
    _out(f"restored {db_path} from {source}{kept}")
    return 0


def _cmd_check(args: argparse.Namespace, db_path: Path) -> int:
    from notes_db.backup import check

    if not db_path.exists():
        raise CliError(f"There is no notes file at {db_path}.")
    findings = check(db_path)
    for f in findings:
        _out(f"problem: {f.problem}\n    fix: {f.fix}")
    if findings:
        return 1
    _out(f"{db_path}: the notes file and its search indexes are sound")
    return 0
