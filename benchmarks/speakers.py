"""Cost of naming the speakers (speakers.assign_people) per megabyte of War and Peace.

    python benchmarks/speakers.py [--path FILE] [--runs N]

The quotes are found once (the whole analysis, speakers left out); then
assign_people runs N times on fresh copies of them, its caches emptied before
each run, and the best and median CPU and wall seconds per MB are printed.
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
from reader.loaders import load

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "corpus" / "big" / "war-and-peace_2600-0.txt"


def quotes_of(path: Path) -> tuple[str, list[Quote]]:
    """The text and its quotes as assign_people receives them."""
    seen: list[tuple[str, list[Quote]]] = []
    real = analysis.assign_people
    analysis.assign_people = lambda text, quotes, *_a, **_k: seen.append((text, copy.deepcopy(quotes)))  # type: ignore[assignment]
    try:
        analysis.analyse(load(path))
    finally:
        analysis.assign_people = real
    return seen[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--path", type=Path, default=DEFAULT)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    text, quotes = quotes_of(args.path)
    mb = len(text.encode()) / 1e6
    cpu: list[float] = []
    wall: list[float] = []
    for _ in range(args.runs):
        for f in vars(speakers).values():
            if hasattr(f, "cache_clear"):
                f.cache_clear()
        qs = copy.deepcopy(quotes)
        c, t = time.process_time(), time.perf_counter()
        speakers.assign_people(text, qs)
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - t)
    groups = sorted({q.extra["group"] for q in qs})
    print(f"{args.path.name}: {mb:.2f} MB, {len(quotes)} quotes, {len(groups)} speaker groups")
    print(f"assign_people CPU s/MB: best {min(cpu) / mb:.3f}, median {statistics.median(cpu) / mb:.3f}; "
          f"wall s/MB: best {min(wall) / mb:.3f}, median {statistics.median(wall) / mb:.3f} ({args.runs} runs)")


if __name__ == "__main__":
    main()
