"""Cost of naming the speakers (speakers.assign_people) per megabyte of War and Peace.

    python benchmarks/speakers.py [--path FILE] [--runs N]

The quotes are found once (the whole analysis, speakers left out); then
assign_people runs N times on fresh copies of them, its caches emptied before
each run, and the best and median CPU and wall seconds per MB are printed:
the whole of it (read_text included), and the part after read_text
(``assign_people(text, quotes, read)``), which is what the analysis of a long
text does after both its processes finish (read_text runs while the helper
process works): that serial part adds to the wall clock in full. (A long story's analysis now repairs the sources part by part
while the helper works, so less of it is serial there: ``benchmarks/extract.py --timeline`` prints what is left
after the last part.)
Target (issue 10): <= 0.15 s per MB, so the whole engine can stay under 1 s per MB.
"""

from __future__ import annotations

import argparse
import copy
import statistics
import time
from pathlib import Path

import reader.analysis as analysis
from reader.analysis import speakers
from reader.analysis.quotes import Quote
from reader.document import Document
from reader.loaders import load

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "corpus" / "big" / "war-and-peace_2600-0.txt"


def quotes_of(path: Path, size: int = 0) -> tuple[str, list[Quote]]:
    """The text (its blocks up to ``size`` bytes, if given) and its quotes as assign_people receives them."""
    seen: list[tuple[str, list[Quote]]] = []
    added: list[Quote] = []  # a long text's quotes reach assign_people through a SourcesFirst, a part at a time
    real, real_add = analysis.assign_people, speakers.SourcesFirst.add

    def add(self: speakers.SourcesFirst, quotes: list[Quote]) -> None:
        added.extend(copy.deepcopy(quotes))
        real_add(self, quotes)

    def record(text: str, quotes: list[Quote], *_a: object, sourced: object = None, **_k: object) -> None:
        seen.append((text, added[:] if sourced is not None or len(_a) > 2 else copy.deepcopy(quotes)))

    speakers.SourcesFirst.add = add  # type: ignore[method-assign]
    analysis.assign_people = record  # type: ignore[assignment]
    doc = load(path)
    if size:  # as benchmarks/extract.py cuts it
        cut = next((b.start for b in doc.blocks if b.start >= size), len(doc.text))
        doc = Document.from_blocks(doc.path, doc.kind, doc.title, [b for b in doc.blocks if b.end <= cut],
                                   doc.fingerprint)
    try:
        analysis.analyse(doc)
    finally:
        analysis.assign_people = real
        speakers.SourcesFirst.add = real_add  # type: ignore[method-assign]
    return seen[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--path", type=Path, default=DEFAULT)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--bytes", type=int, default=0, help="only the first N bytes' blocks (0: the whole text)")
    args = ap.parse_args()
    text, quotes = quotes_of(args.path, args.bytes)
    mb = len(text.encode()) / 1e6
    cpu: list[float] = []
    wall: list[float] = []
    serial_cpu: list[float] = []
    serial_wall: list[float] = []
    for _ in range(args.runs):
        for with_read in (False, True):
            for f in vars(speakers).values():
                if hasattr(f, "cache_clear"):
                    f.cache_clear()
            qs = copy.deepcopy(quotes)
            c, t = time.process_time(), time.perf_counter()
            if with_read:
                read = speakers.read_text(text)
                c, t = time.process_time(), time.perf_counter()
                speakers.assign_people(text, qs, read)
            else:
                speakers.assign_people(text, qs)
            (serial_cpu if with_read else cpu).append(time.process_time() - c)
            (serial_wall if with_read else wall).append(time.perf_counter() - t)
    groups = sorted({q.extra["group"] for q in qs})
    print(f"{args.path.name}: {mb:.2f} MB, {len(quotes)} quotes, {len(groups)} speaker groups")
    print(f"assign_people CPU s/MB: best {min(cpu) / mb:.3f}, median {statistics.median(cpu) / mb:.3f}; "
          f"wall s/MB: best {min(wall) / mb:.3f}, median {statistics.median(wall) / mb:.3f} ({args.runs} runs)")
    print(f"serial part (after read_text) CPU s/MB: best {min(serial_cpu) / mb:.3f}, median "
          f"{statistics.median(serial_cpu) / mb:.3f}; wall s/MB: best {min(serial_wall) / mb:.3f}, median "
          f"{statistics.median(serial_wall) / mb:.3f}")


if __name__ == "__main__":
    main()
