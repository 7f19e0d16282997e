"""Train resources/passage_order.json: which of two overlapping readings of a passage is listed first, and which
one stays when both read one passage (reader/analysis/passage_order.py).

    python scripts/train_passage_order.py [--data DIR] [--out resources/passage_order.json] [--folds 5] [--c 0.3]

Runs the analysis on the training articles with the choice switched off, takes each pair of overlapping readings
``passage_order.order`` is asked about and labels it by what listing the later one first does to the articles'
right speakers, as ``score_attribution.py`` counts them (a gold attribution goes to the first quote covering 30%
of its content): 1 when it gains, 0 when it loses; pairs where it changes nothing are left out. The threshold is
the one with the largest held-out gain in right speakers, each fold's articles ordered with the weights fitted
without them (folds split by article); the weights are then fitted on all of them. Needs scikit-learn (the
``train`` extra).
"""

from __future__ import annotations

import json
import logging
import pickle
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from train_attribution import DATA, _locate, _words, articles, training_parser  # noqa: E402

from reader.analysis import analyse, passage_order  # noqa: E402
from reader.analysis.quotes import Quote  # noqa: E402
from reader.loaders import load  # noqa: E402

log = logging.getLogger("train_passage_order")
Gold = list[tuple[set[int], set[str]]]
Article = tuple[str, Gold, list[Quote]]


def read(folder: Path, limit: int | None = None) -> list[Article]:
    """Each article's text, gold (content offsets, the source's words) and quotes, the choice switched off."""
    off = passage_order.order
    passage_order.order = lambda quotes, choice=None: quotes  # type: ignore[assignment]  # every reading listed
    out: list[Article] = []
    try:
        for n, (name, raw, gold) in enumerate(articles(folder)):
            if limit is not None and n >= limit:
                break
            gs: Gold = []
            for g in gold:
                content = {k for a, b in g["Content"] for k in range(a, b)}
                source = " ".join(raw[a:b] for a, b in g.get("Source", []))
                if content and _words(source):
                    gs.append((content, _words(source)))
            out.append((raw, gs, analyse(load(folder / (name + ".txt"))).quotes))
    finally:
        passage_order.order = off  # type: ignore[assignment]
    return out


def right_speakers(raw: str, gold: Gold, quotes: list[Quote]) -> int:
    """How many gold attributions the first quote covering 30% of their content names (the scorer's count)."""
    spans = []
    for q in quotes:
        loc = _locate(raw, q.text, q.start)
        spans.append(set(range(*loc)) if loc and loc[1] - loc[0] <= 600 else set())
    right = 0
    for content, source in gold:
        hit = next((k for k, s in enumerate(spans) if len(s & content) >= 0.3 * len(content)), None)
        right += hit is not None and bool(source & _words(quotes[hit].speaker or ""))
    return right


def examples(data: list[Article]) -> list[tuple[int, list[str], int]]:
    """(article, features, gain in right speakers from listing the later reading first) of each pair."""
    out: list[tuple[int, list[str], int]] = []
    for n, (raw, gold, quotes) in enumerate(data):
        base = right_speakers(raw, gold, quotes)
        for i, j in passage_order.overlapping(quotes):
            moved = [*quotes[:i], quotes[j], *quotes[i:j], *quotes[j + 1:]]
            out.append((n, passage_order.features(quotes[i], quotes[j]), right_speakers(raw, gold, moved) - base))
    return out


def fit(ex: list[tuple[int, list[str], int]], c: float) -> dict[str, float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    ex = [e for e in ex if e[2] != 0]
    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(f, 1) for _, f, _ in ex])
    lr = LogisticRegression(C=c, max_iter=3000, fit_intercept=False).fit(x, [d > 0 for _, _, d in ex])
    return {name: round(float(w), 5) for name, w in zip(vec.get_feature_names_out(), lr.coef_[0], strict=True)
            if abs(w) >= 1e-5}


def gain(data: list[Article], choice: passage_order.Choice) -> tuple[int, int]:
    """Right speakers gained by ``order`` with ``choice`` over the articles, and quotes dropped."""
    got = dropped = 0
    for raw, gold, quotes in data:
        ordered = passage_order.order(quotes, choice)
        got += right_speakers(raw, gold, ordered) - right_speakers(raw, gold, quotes)
        dropped += len(quotes) - len(ordered)
    return got, dropped


def main() -> None:
    parser = training_parser(ROOT / "resources" / "passage_order.json", DATA / "train", __doc__)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--c", type=float, default=0.3)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--cache", type=Path, default=None, help="the analysed articles, kept between runs (pickle)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.cache is not None and args.cache.exists():
        data = pickle.loads(args.cache.read_bytes())
    else:
        data = read(args.data, args.limit)
        if args.cache is not None:
            args.cache.write_bytes(pickle.dumps(data))
    ex = examples(data)
    log.info("%d articles, %d pairs: %d gain, %d lose by listing the later first", len(data), len(ex),
             sum(1 for e in ex if e[2] > 0), sum(1 for e in ex if e[2] < 0))
    k = args.folds
    fold_weights = [fit([e for e in ex if e[0] % k != f], args.c) for f in range(k)]
    results: dict[float, list[int]] = {}
    for t in (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8):
        total = [0, 0]
        for f in range(k):
            held = [a for n, a in enumerate(data) if n % k == f]
            g, d = gain(held, passage_order.Choice(fold_weights[f], t))
            total[0] += g
            total[1] += d
        results[t] = total
        log.info("threshold %.2f: held-out gain %+d right speakers (%d duplicate readings dropped)", t, *total)
    best = max(results, key=lambda t: (results[t][0], -t))
    weights = fit(ex, args.c)
    data_out: dict[str, Any] = {
        "threshold": best, "held_out_gain": results[best][0], "held_out_dropped": results[best][1],
        "pairs": len(ex), "c": args.c, "folds": k, "weights": dict(sorted(weights.items()))}
    args.out.write_text(json.dumps(data_out, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    log.info("threshold %.2f, held-out gain %+d: %s", best, results[best][0], args.out)


if __name__ == "__main__":
    main()
