"""Same findings before and after a speed-up: claims, quotes, speakers and terms on a fixed set of texts.

    python benchmarks/analysis_same.py --save /tmp/before.json   # on the code before the change
    python benchmarks/analysis_same.py --check /tmp/before.json  # on the code after it: exit 1 on any difference

The texts: the sample article, every news article of ../shared/data/attribution/dev,
the CT24 dev sentences (one paragraph each, as score_checkworthy.py feeds them),
War and Peace's first megabyte and the same megabyte as one line with no sentence
ends. Prints, per text, the counts and whether they are the same; on a difference,
the first findings that differ.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

from reader.analysis import analyse
from reader.document import Block, Document
from reader.loaders import load

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def documents() -> list[tuple[str, Document]]:
    out: list[tuple[str, Document]] = [("sample article", load(ROOT / "resources" / "sample-article.md"))]
    for path in sorted((SHARED / "data" / "attribution" / "dev").glob("*.txt")):
        out.append((path.name, load(path)))
    tsv = SHARED / "data" / "checkworthy" / "CT24_checkworthy_english_dev.tsv"
    with tsv.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    blocks = [Block("paragraph", r["Text"]) for r in rows]
    out.append(("CT24 dev sentences", Document.from_blocks(tsv, "text", "dev", blocks, "ct24")))
    full = load(SHARED / "corpus" / "big" / "war-and-peace_2600-0.txt")
    cut = next((b.start for b in full.blocks if b.start >= 1_000_000), len(full.text))
    wp = type(full).from_blocks(full.path, full.kind, full.title, [b for b in full.blocks if b.end <= cut],
                                full.fingerprint)
    out.append(("War and Peace, 1 MB", wp))
    one = re.sub(r"[.!?]", " ", wp.text.replace("\n", " "))
    out.append(("War and Peace, 1 MB, one line", Document.from_blocks(wp.path, wp.kind, wp.title,
                                                                      [Block("paragraph", one)], wp.fingerprint)))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--save", type=Path)
    g.add_argument("--check", type=Path)
    args = ap.parse_args()
    found: dict[str, Any] = {}
    cpu = 0.0
    for name, doc in documents():
        c = time.process_time()
        found[name] = analyse(doc).to_json()
        cpu += time.process_time() - c
    print(f"analysis CPU time, all texts: {cpu:.2f} s")
    if args.save:
        args.save.write_text(json.dumps(found, ensure_ascii=False), encoding="utf-8")
        print(f"saved {len(found)} texts to {args.save}")
        return 0
    before = json.loads(args.check.read_text(encoding="utf-8"))
    same = 0
    for name, now in found.items():
        was = before.get(name)
        counts = ", ".join(f"{len(now[k])} {k}" for k in ("claims", "quotes", "terms"))
        if now == was:
            same += 1
            if not name.endswith(".txt"):
                print(f"same: {name} ({counts})")
            continue
        print(f"DIFFERENT: {name} ({counts})")
        for k in ("claims", "quotes", "terms"):
            old = was.get(k, []) if was else []
            diff = [(a, b) for a, b in zip(old, now[k], strict=False) if a != b][:3]
            if len(old) != len(now[k]):
                print(f"  {k}: {len(old)} before, {len(now[k])} now")
            for a, b in diff:
                print(f"  {k} before: {a}\n  {k} now:    {b}")
    print(f"{same} of {len(found)} texts give the same findings")
    return 0 if same == len(found) else 1


if __name__ == "__main__":
    sys.exit(main())
