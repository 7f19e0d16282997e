"""How well does the claim ledger recognise the same claim in another document?

Pairs: benchmarks/data/claim_pairs.json (real sentences; the same fact in a
second wording; hard negatives: real sentences sharing a figure or a topic),
plus every pair of real sentences from *different* articles of
../shared/data/web-articles that share a figure (unrelated sentences with the
same number). Prints precision and recall of notes_db.claim_match.same_claim,
on the development half (even pairs, used to choose the thresholds) and the
test half (odd pairs), and the mined negatives' false-match rate.

    .venv/bin/python benchmarks/claim_matching.py
"""

from __future__ import annotations

import itertools
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from notes_db.claim_match import figures, same_claim  # noqa: E402
from reader.analysis import sentences  # noqa: E402

WEB = ROOT.parent / "shared" / "data" / "web-articles" / "ground-truth.json"


def mined_negatives() -> list[tuple[str, str]]:
    if not WEB.exists():
        return []
    by_doc: dict[str, list[str]] = {}
    for name, v in sorted(json.loads(WEB.read_text(encoding="utf-8")).items()):
        for para in v["articleBody"].split("\n"):
            for a, b in sentences(para):
                s = para[a:b].strip()
                if 40 < len(s) < 300 and re.search(r"\d", s) and re.search(r"[a-z]{3} [a-z]{3}", s):
                    by_doc.setdefault(name, []).append(s)
    out = []
    for sa, sb in itertools.combinations(by_doc.values(), 2):
        for x in sa:
            fx = figures(x)
            for y in sb:
                if fx & figures(y):
                    out.append((x, y))
    return out


def report(name: str, same: list[list[str]], different: list[list[str]]) -> None:
    tp = sum(same_claim(a, b) for a, b in same)
    fp = sum(same_claim(a, b) for a, b in different)
    fn = len(same) - tp
    if not same:  # negatives only: how often two different claims are taken for one
        print(f"{name:<34} different {len(different):>5}  false matches {fp}  ({fp / max(1, len(different)):.2%})")
        return
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn)
    print(f"{name:<34} same {len(same):>4}  different {len(different):>5}  TP {tp:>3}  FP {fp:>3}  FN {fn:>3}  "
          f"precision {precision:.3f}  recall {recall:.3f}")


def main() -> None:
    pairs = json.loads((ROOT / "benchmarks" / "data" / "claim_pairs.json").read_text(encoding="utf-8"))
    same, diff = pairs["same"], pairs["different"]
    mined = [list(p) for p in mined_negatives()]
    report("development (even hand pairs)", same[::2], diff[::2])
    report("test (odd hand pairs)", same[1::2], diff[1::2])
    report("mined: same figure, other article", [], mined)
    report("all (hand pairs + mined)", same, diff + mined)
    if "-v" in sys.argv:
        for a, b in same:
            if not same_claim(a, b):
                print("MISSED:", a[:90], "||", b[:90])
        for a, b in diff + mined:
            if same_claim(a, b):
                print("FALSE:", a[:90], "||", b[:90])


if __name__ == "__main__":
    main()
