"""Claims and quotes extraction speed on 1 MB of text (War and Peace's first megabyte).

    python benchmarks/extract.py [--path FILE] [--bytes N]

Prints the time, sentences per second, and what was found. Target (issue 4):
under 1 second for 1 MB.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from reader.analysis import analyse, load_model
from reader.loaders import load

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "corpus" / "big" / "war-and-peace_2600-0.txt"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--path", type=Path, default=DEFAULT)
    ap.add_argument("--bytes", type=int, default=1_000_000)
    args = ap.parse_args()
    full = load(args.path)
    cut = next((b.start for b in full.blocks if b.start >= args.bytes), len(full.text))
    doc = type(full).from_blocks(full.path, full.kind, full.title,
                                 [b for b in full.blocks if b.end <= cut], full.fingerprint)
    t0 = time.perf_counter()
    load_model()
    t_model = time.perf_counter() - t0
    import nupunkt  # noqa: F401  (import cost counted apart, like the model's)

    t1 = time.perf_counter()
    result = analyse(doc)
    t = time.perf_counter() - t1
    print(f"text: {len(doc.text):,} characters of {args.path.name}")
    print(f"model load (once per process): {t_model * 1000:.0f} ms")
    print(f"extraction: {t:.3f} s, {result.sentences:,} sentences, {result.sentences / t:,.0f} sentences/s")
    print(f"found: {len(result.quotes)} quotes ({sum(q.speaker is not None for q in result.quotes)} with a speaker), "
          f"{len(result.terms)} quoted terms, {len(result.claims)} claims")
    print(f"target: under 1 s for 1 MB -> {'met' if t < 1 else 'MISSED'}")


if __name__ == "__main__":
    main()
