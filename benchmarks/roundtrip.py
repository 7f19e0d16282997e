"""Export -> import into an empty notes file -> export again, on real documents.

For each document (the sample article, every PDF in ../shared/corpus/normal and
the text files in ../shared/corpus/text), highlight up to 12 sentences with
notes, tags and colours through the same Session the window uses, export them as
W3C Web Annotation, import that into an empty notes file, export again and
compare byte for byte; Markdown and CSV exports of both notes files are
compared too. Prints one line per document and the totals.

    .venv/bin/python benchmarks/roundtrip.py
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from notes_db import COLORS  # noqa: E402
from notes_db.store import NotesDB  # noqa: E402
from reader.analysis import sentences  # noqa: E402
from reader.errors import DocumentError  # noqa: E402
from reader.export import export_doc, export_text  # noqa: E402
from reader.importer import import_file  # noqa: E402
from reader.loaders import load  # noqa: E402
from reader.session import Session  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def documents() -> list[Path]:
    docs = [ROOT / "resources" / "sample-article.md"]
    docs += sorted((CORPUS / "normal").glob("*.pdf"))
    docs += sorted(p for p in (CORPUS / "text").glob("*") if p.is_file())
    return [p for p in docs if p.exists()]


def annotate(session: Session, rng: random.Random, n: int = 12) -> int:
    spans = []
    for b in session.doc.blocks:
        if b.kind in ("paragraph", "list_item", "quote") and len(b.text) > 40:
            spans += [(b.start + a, b.start + e) for a, e in sentences(b.text) if e - a > 20]
    made = 0
    for s, e in rng.sample(spans, min(n, len(spans))):
        try:
            session.create(s, e, rng.choice(COLORS), rng.choice(["", "a note <b>with</b> markup", "check this"]),
                           rng.sample(["figure", "quote", "two words", "later"], rng.randint(0, 2)))
            made += 1
        except ValueError:
            continue
    return made


def main() -> None:
    rng = random.Random(13)
    same_total = docs_total = highlights_total = 0
    for path in documents():
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            try:
                doc = load(path)
            except DocumentError as exc:
                print(f"{path.name:<48} skipped: {exc}")
                continue
            first_db, second_db = NotesDB(Path(tmp) / "a.sqlite"), NotesDB(Path(tmp) / "b.sqlite")
            s1 = Session(first_db, doc)
            n = annotate(s1, rng)
            one = export_text("w3c", [export_doc(s1.record, s1.highlights)])
            f = Path(tmp) / "one.jsonld"
            f.write_text(one, encoding="utf-8")
            report = import_file(second_db, f)
            s2 = Session(second_db, load(path))
            two = export_text("w3c", [export_doc(s2.record, s2.highlights)])
            others = all(export_text(fmt, [export_doc(s1.record, s1.highlights)])
                         == export_text(fmt, [export_doc(s2.record, s2.highlights)]) for fmt in ("markdown", "csv"))
            same = one == two and others
            docs_total += 1
            same_total += same
            highlights_total += n
            print(f"{path.name:<48} {n:>3} highlights  imported {report.total_added:>3}  unplaced "
                  f"{len(report.unplaced)}  w3c {'identical' if one == two else 'DIFFERENT'}  "
                  f"markdown+csv {'identical' if others else 'DIFFERENT'}  {time.perf_counter() - t0:.1f} s")
            first_db.close()
            second_db.close()
    print(f"round trips identical: {same_total} of {docs_total} documents ({highlights_total} highlights)")


if __name__ == "__main__":
    main()
