"""Learn which mention near a quote's cue is its source, from the attribution training articles.

    python scripts/train_source_ranker.py [--data DIR] [--out resources/source_ranker.json] [--folds 2]

Each training article is analysed as the app analyses it (the ranker switched off); each quote that finds a gold
attribution (as ``score_attribution.py`` matches them: the first quote covering 30% of the gold Content) has its
candidates described (reader/analysis/source_rank.features), and a candidate is right when a content word of the
gold Source is one of its words (the scorer's test). A logistic regression (scikit-learn, used here only: the app
reads the weights from JSON) learns from every candidate of every such quote; the log-odds the best candidate of a
quote with no source must reach is chosen on held-out folds of the training articles (split by article). The
held-out gain is logged; the weights learned on all articles (the smallest left out) are written with it.
"""

from __future__ import annotations

import json
import logging
import math
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from train_attribution import DATA, _locate, _words, articles, training_parser

from reader.analysis import analyse, source_rank
from reader.analysis.quotes import Quote
from reader.loaders import load

log = logging.getLogger("reader.train_source_ranker")
ROOT = Path(__file__).resolve().parent.parent

Example = dict[str, Any]  # article, feats, labels (0/1 per candidate), cur (index or None), base (right as it is)


def collect(folder: Path, limit: int | None = None) -> list[Example]:
    seen: dict[int, tuple[Quote, list[source_rank.Candidate], list[list[str]], int | None]] = {}

    def hook(text: str, q: Quote, cands: list[source_rank.Candidate], feats: list[list[str]], cur: int | None) -> None:
        seen[id(q)] = (q, cands, [list(f) for f in feats], cur)

    source_rank.RANK_HOOK = hook
    source_rank.load_ranker = lambda: None  # type: ignore[assignment]  # what the models and rules choose alone
    out: list[Example] = []
    for n, (name, raw, gold) in enumerate(articles(folder)):
        if limit is not None and n >= limit:
            break
        seen.clear()
        doc = load(folder / (name + ".txt"))
        quotes = analyse(doc).quotes
        text = doc.text
        preds = []
        for q in quotes:
            loc = _locate(raw, q.text, q.start)
            preds.append(set(range(*loc)) if loc and loc[1] - loc[0] <= 600 else set())
        for g in gold:
            content: set[int] = set()
            for a, b in g["Content"]:
                content.update(range(a, b))
            src = _words(" ".join(raw[a:b] for a, b in g.get("Source", [])))
            hit = next((i for i, p in enumerate(preds) if content and len(p & content) >= 0.3 * len(content)), None)
            if hit is None or not src or id(quotes[hit]) not in seen:
                continue
            q, cands, feats, cur = seen[id(quotes[hit])]
            labels = [int(bool(_words(text[a:b]) & src)) for a, b, _ in cands]
            out.append(dict(article=name, feats=feats, labels=labels, cur=cur, speaker=q.speaker or "", cue=q.cue or "",
                            base=int(bool(_words(q.speaker or "") & src)),
                            texts=[text[a:b] for a, b, _ in cands]))
        if n % 100 == 0:
            log.info("%d articles, %d quotes", n + 1, len(out))
    return out


def fit(examples: list[Example], c: float) -> dict[str, float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = [{x: 1.0 for x in f} for e in examples for f in e["feats"]]
    ys = [y for e in examples for y in e["labels"]]
    vec = DictVectorizer()
    xs = vec.fit_transform(rows)
    lr = LogisticRegression(C=c, max_iter=2000, fit_intercept=False)
    lr.fit(xs, ys)
    return {name: round(float(w), 4) for name, w in zip(vec.get_feature_names_out(), lr.coef_[0], strict=True)
            if abs(w) >= 1e-4}


def part(e: Example, w: dict[str, float], threshold: float, margin: float) -> tuple[str, int]:
    """Which rule of source_rank.rank_sources the quote falls under ("fill": no source but a cue; "nocue": neither;
    "replace": a source), and how many more right it makes with these weights, threshold (log-odds the best
    candidate of a quote with no source must reach) and margin (by how much the best candidate must outscore the
    current source to replace it)."""
    if not e["feats"]:
        return "none", 0
    scores = [sum(w.get(x, 0.0) for x in f) for f in e["feats"]]
    best = max(range(len(scores)), key=scores.__getitem__)
    if not e["speaker"]:
        kind = "fill" if e.get("cue", "x").strip() else "nocue"
        return kind, (e["labels"][best] - e["base"]) if scores[best] >= threshold else 0
    if e["cur"] is None or best == e["cur"] or scores[best] - scores[e["cur"]] < margin:
        return "replace", 0
    return "replace", e["labels"][best] - e["base"]


THRESHOLDS = [-99.0, -3.0, -2.0, -1.0, 0.0, 1.0, 2.0]  # log-odds the best candidate must reach
MARGINS = [0.0, 0.5, 1.0, 1.5, 2.0, 3.0, math.inf]  # by how much it must outscore the current source


def gains(examples: list[Example], weights: Callable[[Example], dict[str, float]]) -> dict[tuple[str, float], int]:
    """The gain of each rule at each threshold or margin (the rules' quotes are apart: the gains add up)."""
    out: dict[tuple[str, float], int] = {}
    for e in examples:
        w = weights(e)
        for t in THRESHOLDS:
            kind, g = part(e, w, t, math.inf)
            if kind in ("fill", "nocue"):
                out[kind, t] = out.get((kind, t), 0) + g
        for m in MARGINS:
            kind, g = part(e, w, math.inf, m)
            if kind == "replace":
                out[kind, m] = out.get((kind, m), 0) + g
    return out


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    ap = training_parser(ROOT / "resources" / "source_ranker.json", DATA / "train", __doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=2)
    ap.add_argument("--c", type=float, default=0.3)
    ap.add_argument("--prune", type=float, default=0.05, help="weights smaller than this are left out")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--cache", type=Path, default=None, help="keep the collected examples here (JSON)")
    ap.add_argument("--replace", action="store_true",
                    help="let the model replace a source (measured and logged either way; off: on held-out articles "
                         "+17 of 14975, on dev +2, but it took the 'she' of the sentence before for '..., his brother "
                         "added. “He’s a new dad,”' in tests/test_sources.py)")
    args = ap.parse_args()
    if args.cache is not None and args.cache.exists():
        examples = json.loads(args.cache.read_text())
    else:
        examples = collect(args.data, args.limit)
        if args.cache is not None:
            args.cache.write_text(json.dumps(examples))
    names = sorted({e["article"] for e in examples})
    random.Random(0).shuffle(names)
    fold_of = {n: k % args.folds for k, n in enumerate(names)}
    base = sum(e["base"] for e in examples)
    log.info("%d quotes with a gold source; right as chosen now: %d", len(examples), base)
    fold_w = [fit([e for e in examples if fold_of[e["article"]] != k], args.c) for k in range(args.folds)]
    held = gains(examples, lambda e: fold_w[fold_of[e["article"]]])
    chosen: dict[str, float] = {}
    for kind, values in (("fill", THRESHOLDS), ("nocue", THRESHOLDS), ("replace", MARGINS)):
        n = sum(1 for e in examples if e["feats"] and part(e, {}, 0.0, 0.0)[0] == kind)
        log.info("held out, %s (%d quotes): %s", kind, n, ", ".join(f"{v:g}: {held.get((kind, v), 0):+d}"
                                                                     for v in values))
        # the value with the largest held-out gain; on a tie the stricter one
        chosen[kind] = max(values, key=lambda v: (held.get((kind, v), 0), v))
    gain = sum(held.get((kind, v), 0) for kind, v in chosen.items())
    w = fit(examples, args.c)
    w = {x: round(v, 3) for x, v in w.items() if abs(v) >= args.prune}
    log.info("chosen %s: held out %+d right", chosen, gain)
    args.out.write_text(json.dumps(dict(
        about="Source ranker: scripts/train_source_ranker.py on the attribution training articles",
        threshold=chosen["fill"], threshold_nocue=chosen["nocue"],
        replace_margin=None if math.isinf(chosen["replace"]) or not args.replace else chosen["replace"],
        held_out_gain=gain, quotes=len(examples), c=args.c,
        weights=dict(sorted(w.items()))), indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    log.info("wrote %s (%d weights)", args.out, len(w))


if __name__ == "__main__":
    main()
