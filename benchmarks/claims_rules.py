"""What the claim rules cost: the classifier alone against the whole engine on the CT24 dev sentences.

    python benchmarks/claims_rules.py [--tsv ../shared/data/checkworthy/CT24_checkworthy_english_dev.tsv]

Issue 10: "the classifier decides; rules name the kind and may not cut recall
by more than 0.05 on dev". Prints precision, recall and F1 on the Yes class for
1. the classifier alone at its one dev-chosen threshold,
2. the classifier at the threshold calibrated (on train) for each kind of signal,
3. the engine: ``classify`` (those thresholds, the title/reference filters and
   the value-talk rule), and the whole ``analyse`` pipeline on the sentences
   as one paragraph each (as ``score_checkworthy.py`` feeds ``reader extract``),
and the rule cut: recall of 1 minus recall of the engine.
"""

from __future__ import annotations

import argparse
import bisect
import csv
from pathlib import Path

from reader.analysis import analyse
from reader.analysis.claims import claim_kind, classify, load_model
from reader.document import Block, Document

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "data" / "checkworthy" / "CT24_checkworthy_english_dev.tsv"


def prf(gold: list[bool], pred: list[bool]) -> tuple[float, float, float]:
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    fp = sum(p and not g for g, p in zip(gold, pred, strict=True))
    fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tsv", type=Path, default=DEFAULT)
    args = ap.parse_args()
    with args.tsv.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    texts = [" ".join(r["Text"].split()) for r in rows]
    gold = [r["class_label"].strip() == "Yes" for r in rows]
    model = load_model()
    if model is None:
        raise SystemExit("claims_rules: the claim model is missing")
    scores = [model.score(t) for t in texts]
    alone = [s >= model.threshold for s in scores]
    per_kind = [s >= model.threshold_for(claim_kind(t)) for s, t in zip(scores, texts, strict=True)]
    engine = [classify(t, model) is not None for t in texts]
    doc = Document.from_blocks(args.tsv, "text", args.tsv.name, [Block("paragraph", t) for t in texts], "dev")
    starts = [b.start for b in doc.blocks]
    whole = [False] * len(texts)
    for c in analyse(doc).claims:
        whole[bisect.bisect_right(starts, c.start) - 1] = True
    print(f"{args.tsv.name}: {len(texts)} sentences, {sum(gold)} Yes")
    lines = [(f"classifier alone (threshold {model.threshold:.2f})", alone),
             ("classifier, threshold per kind", per_kind),
             ("engine: classify()", engine),
             ("engine: analyse() on one paragraph each", whole)]
    figures = {}
    for name, pred in lines:
        p, r, f1 = prf(gold, pred)
        figures[name] = r
        print(f"  {name:42} P {p:.3f}  R {r:.3f}  F1 {f1:.3f}  ({sum(pred)} listed)")
    r_alone, r_kind, r_engine = figures[lines[0][0]], figures[lines[1][0]], figures[lines[3][0]]
    print(f"rule cut of recall: {r_alone - r_engine:+.3f} against the classifier alone, "
          f"{r_kind - r_engine:+.3f} against the per-kind thresholds (issue 10: at most 0.05)")


if __name__ == "__main__":
    main()
