"""``reader export`` and ``reader import``: notes out in open formats, and back in.

Registered by reader/cli.py; kept apart so the command line's core stays small.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reader.cli_common import CliError, _out, _session, _store

Handler = Callable[[argparse.Namespace, Path], int]


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> dict[str, Handler]:
    from reader.export import FORMATS

    x = sub.add_parser("export", parents=[common], help="a document's notes (or the library's) in an open format")
    x.add_argument("path", nargs="?", metavar="PATH", help="the document (or --all)")
    x.add_argument("--all", action="store_true", help="every document in the notes file that has highlights")
    x.add_argument("--format", "-f", default="markdown", choices=list(FORMATS), help="default: markdown")
    x.add_argument("-o", "--output", metavar="OUT", help="file to write (a folder for --all markdown or pdf); "
                   "default: standard output")
    x.add_argument("--template", metavar="FILE", help="Jinja2 template for --format markdown")
    x.add_argument("--password", help="password of an encrypted PDF")
    i = sub.add_parser("import", parents=[common], help="W3C Web Annotation, Hypothesis or Reader's own JSON into the notes file")
    i.add_argument("file", metavar="FILE", help="a .json/.jsonld export")
    i.add_argument("--into", metavar="PATH", help="the document to attach the notes to (default: found by "
                   "content hash or address)")
    i.add_argument("--password", help="password of an encrypted PDF")
    return {"export": cmd_export, "import": cmd_import}


#: Names that are files, not the folder ``export --all -o`` makes (``-o all.md`` made a folder named all.md).
_FILE_SUFFIXES = {".md", ".markdown", ".txt", ".pdf", ".json", ".jsonld", ".csv", ".html", ".htm"}


def _safe_name(title: str) -> str:
    name = re.sub(r"[^\w .,()'-]+", "-", title, flags=re.UNICODE).strip(" .-")
    return name[:100] or "notes"


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise CliError(f"{path} cannot be written: {exc.strerror}") from exc


def _template(args: argparse.Namespace) -> str | None:
    if not args.template:
        return None
    from reader.export.markdown import TemplateProblem, template_source

    try:
        return template_source(Path(args.template))
    except TemplateProblem as exc:
        raise CliError(str(exc)) from exc


def _render(fmt: str, docs: list[Any], template: str | None) -> str:
    from reader.export import export_text
    from reader.export.markdown import TemplateProblem

    try:
        return export_text(fmt, docs, template)
    except TemplateProblem as exc:
        raise CliError(str(exc)) from exc


def _export_pdf(source: Path, highlights: list[Any], out: Path, password: str | None, taken: set[str]) -> list[str]:
    from reader.errors import DocumentError
    from reader.pdf_pages import PdfPages

    if out.resolve() == source.resolve():
        raise CliError("choose another output file: Reader never overwrites the PDF it annotates")
    try:
        pages = PdfPages.open(source, password)
        try:
            return pages.export_annotated(highlights, out, taken)  # the annotations Reader took over: as they are now
        finally:
            pages.close()
    except DocumentError as exc:
        raise CliError(str(exc)) from exc


def cmd_export(args: argparse.Namespace, db_path: Path) -> int:
    from notes_db import StorageError
    from reader.export import FORMATS, export_doc
    from reader.export.model import pdf_page_at

    if bool(args.all) == bool(args.path):
        raise CliError("give a document PATH or --all")
    if args.template and args.format != "markdown":
        raise CliError("--template is for --format markdown")
    template = _template(args)
    out = Path(args.output) if args.output else None
    if args.format == "claimreview":
        from reader.export import claim_reviews_json

        if args.path:
            s = _session(args, db_path)
            text = claim_reviews_json(s.store, [s.doc_id])
        else:
            text = claim_reviews_json(_store(db_path))
        if out is None:
            sys.stdout.write(text)
        else:
            _write(out, text)
        return 0
    if args.path:
        s = _session(args, db_path)
        if args.format == "pdf":
            if s.doc.kind != "pdf":
                raise CliError(f"{Path(args.path).name} is not a PDF; choose another --format")
            if out is None:
                raise CliError("--format pdf needs -o OUT.pdf")
            from reader.pdf_takeover import counted

            kinds = _export_pdf(Path(args.path), s.highlights, out, args.password, s.taken)
            _out(f"wrote {out} with annotations: {counted(kinds)}" if kinds else f"wrote {out} with no annotations")
            return 0
        text = _render(args.format, [export_doc(s.record, s.highlights, author=s.doc.author, store=s.store,
                                                 page_at=s.doc.page_at)], template)
        if out is None:
            sys.stdout.write(text)
        else:
            _write(out, text)
        return 0

    from notes_db.library import documents
    from notes_db.transfer import authors

    store = _store(db_path)
    problems: list[str] = []
    try:
        by = authors(store)
        every = [export_doc(r, store.highlights(r.id), meta=False, store=store) for r in documents(store)]
        # the documents with notes, whichever way they were opened (one opened in the window and
        # never highlighted is no more exported than one only read with 'reader text'); only their
        # files are read for an author and date (a damaged PDF never exported said nothing either)
        docs = [export_doc(d.record, d.highlights, author=by.get(d.record.id, ""), store=store, problems=problems,
                           page_at=pdf_page_at(d.record) if d.reviews or d.corrections else None)
                for d in every if d.highlights or d.reviews or d.corrections]  # (or reviews, corrections)
    except StorageError as exc:
        raise CliError(str(exc)) from exc
    for problem in problems:  # one clean line each, and the export goes on
        sys.stderr.write(f"reader: {problem}\n")
    skipped = len(every) - len(docs)
    skipped_note = f" ({skipped} document{'s' if skipped != 1 else ''} with no highlights or reviews left out)" \
        if skipped else ""
    if args.format in ("markdown", "pdf") and (out is not None or args.format == "pdf"):
        if out is None:
            raise CliError("--all --format pdf needs -o FOLDER")
        if out.is_file() or (not out.exists() and out.suffix.lower() in _FILE_SUFFIXES):
            raise CliError(f"--all --format {args.format} writes a file per document into a folder, and {out} looks "
                           "like a file: give a folder (-o notes/), or --format json, w3c or csv for one file")
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CliError(f"{out} cannot be made: {exc.strerror}") from exc
        written, used = 0, set()
        for d in docs:
            name = _safe_name(d.title)
            while name.lower() in used:
                name += "-" + d.sha256[:6]
            used.add(name.lower())
            if args.format == "markdown":
                _write(out / (name + FORMATS["markdown"][1]), _render("markdown", [d], template))
                written += 1
            elif d.record.kind == "pdf" and d.highlights:
                src = Path(d.record.path)
                if not src.is_file():
                    sys.stderr.write(f"reader: skipped {d.title}: {src} is gone\n")
                    continue
                from notes_db.pdf_annotations import taken_over

                _export_pdf(src, d.highlights, out / f"{name} (annotated).pdf", args.password, taken_over(store, d.record.id))
                written += 1
        _out(f"wrote {written} file{'s' if written != 1 else ''} into the folder {out}{skipped_note}")
        return 0
    text = _render(args.format, docs, template) if docs else ""
    if out is None:
        sys.stdout.write(text)
    else:
        _write(out, text)
    return 0


def cmd_import(args: argparse.Namespace, db_path: Path) -> int:
    from reader.importer import ImportProblem, import_file

    store = _store(db_path)
    try:
        report = import_file(store, Path(args.file), into=Path(args.into) if args.into else None,
                             password=args.password)
    except ImportProblem as exc:
        raise CliError(str(exc)) from exc
    for line in report.lines():
        _out(line)
    return 0
