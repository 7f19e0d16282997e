"""Train resources/reading_choice.json: whether the CRF's reading of a passage the linear models also read names
its speaker better (reader/analysis/reading_choice.py).

    python scripts/train_reading_choice.py [--data DIR] [--out resources/reading_choice.json] [--folds 4] [--c 0.3]

Runs the analysis on the training articles with the choice switched off, collects each pair of readings it is
asked about (``reading_choice.PAIR_HOOK``) and labels it from the gold attribution whose content the passage
covers. ``--label pair`` (the default): 1 when only the CRF's source shares a content word with the gold Source,
0 when only the linear one's does (pairs where both or neither do are left out). ``--label final``: 1 when the
CRF's source is right and the analysis without the choice named the wrong speaker, 0 the reverse. Measured end to
end on held-out folds of train (each article analysed with the weights fitted without its fold): pair +125 right
speakers of 11,198 (threshold 0.6), final +100 of 10,006; on dev pair +10, final +8. The threshold is the one
with the largest held-out gain (right minus wrong replacements) on folds of the training articles split by
article; the weights are then fitted on all of them. Needs scikit-learn (the ``train`` extra).
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from train_attribution import DATA, _locate, _words, articles, training_parser  # noqa: E402

import reader.analysis as analysis_module  # noqa: E402
from reader.analysis import analyse, reading_choice  # noqa: E402
from reader.analysis.attribution_base import Found  # noqa: E402
from reader.loaders import load  # noqa: E402

log = logging.getLogger("train_reading_choice")
Example = dict[str, Any]


def collect(folder: Path, limit: int | None = None) -> list[Example]:
    """The pairs the choice is asked about in the articles of ``folder``, each labelled (see the module's doc)."""
    base = [0]
    pairs: list[tuple[int, str, Found, Found, list[str]]] = []
    learned = analysis_module.learned_quotes

    def quotes_at(text: str, start: int, *args: Any, **kw: Any) -> Any:
        base[0] = start
        return learned(text, start, *args, **kw)

    def hook(text: str, crf: Found, lin: Found, feats: list[str]) -> None:
        pairs.append((base[0], text, Found(crf.content, crf.source, crf.cue, crf.cue_text),
                      Found(lin.content, lin.source, lin.cue, lin.cue_text), feats))

    analysis_module.learned_quotes = quotes_at  # type: ignore[assignment]
    reading_choice.PAIR_HOOK = hook
    reading_choice.load_choice.cache_clear()
    off = reading_choice.load_choice
    reading_choice.load_choice = lambda: None  # type: ignore[assignment]
    out: list[Example] = []
    try:
        for n, (name, raw, gold) in enumerate(articles(folder)):
            if limit is not None and n >= limit:
                break
            pairs.clear()
            quotes = analyse(load(folder / (name + ".txt"))).quotes
            preds = []
            for q in quotes:
                loc = _locate(raw, q.text, q.start)
                preds.append((set(range(*loc)) if loc and loc[1] - loc[0] <= 600 else set(), q.speaker or ""))
            golds = []
            for g in gold:
                content: set[int] = set()
                for a, b in g["Content"]:
                    content.update(range(a, b))
                src = _words(" ".join(raw[a:b] for a, b in g.get("Source", [])))
                # whether the analysis without the choice names this attribution's speaker (the scorer's match)
                hit = next((p for p in preds if content and len(p[0] & content) >= 0.3 * len(content)), None)
                golds.append((content, src, hit is not None and bool(src & _words(hit[1]))))
            for at, text, crf, lin, feats in pairs:
                span = set(range(at + lin.content[0], at + lin.content[1]))
                best = max(golds, key=lambda c: len(c[0] & span), default=None)
                if best is None or not best[1] or len(best[0] & span) < 0.3 * len(best[0]):
                    continue
                c_ok = bool(_words(text[crf.source[0]:crf.source[1]]) & best[1]) if crf.source else False
                l_ok = bool(_words(text[lin.source[0]:lin.source[1]]) & best[1]) if lin.source else False
                out.append(dict(article=name, feats=feats, crf_ok=c_ok, lin_ok=l_ok, base_ok=best[2],
                                at=at + lin.content[0], crf=text[crf.source[0]:crf.source[1]] if crf.source else "",
                                lin=text[lin.source[0]:lin.source[1]] if lin.source else ""))
            if n % 100 == 0:
                log.info("%d articles, %d pairs", n + 1, len(out))
    finally:
        analysis_module.learned_quotes = learned  # type: ignore[assignment]
        reading_choice.PAIR_HOOK = None
        reading_choice.load_choice = off  # type: ignore[assignment]
    return out


def fit(examples: list[Example], c: float) -> dict[str, float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    xs = vec.fit_transform([{x: 1.0 for x in e["feats"]} for e in examples])
    lr = LogisticRegression(C=c, max_iter=2000, fit_intercept=False)
    lr.fit(xs, [e["label"] for e in examples])
    return {name: round(float(w), 4) for name, w in zip(vec.get_feature_names_out(), lr.coef_[0], strict=True)
            if abs(w) >= 1e-4}


def prob(w: dict[str, float], feats: list[str]) -> float:
    import math

    z = sum(w.get(x, 0.0) for x in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    ap = training_parser(ROOT / "resources" / "reading_choice.json", DATA)
    ap.add_argument("--folds", type=int, default=4)
    ap.add_argument("--c", type=float, default=0.3)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--label", choices=("final", "pair"), default="pair")
    ap.add_argument("--cache", type=Path, help="a JSON file to keep the collected pairs in between runs")
    args = ap.parse_args()
    if args.cache is not None and args.cache.exists():
        examples = json.loads(args.cache.read_text(encoding="utf-8"))
    else:
        examples = collect(args.data / "train", args.limit)
        if args.cache is not None:
            args.cache.write_text(json.dumps(examples), encoding="utf-8")
    for e in examples:  # see the module's doc
        if args.label == "pair":
            e["label"] = int(e["crf_ok"]) if e["crf_ok"] != e["lin_ok"] else None
        else:
            e["label"] = 1 if e["crf_ok"] and not e["base_ok"] else 0 if e["base_ok"] and not e["crf_ok"] else None
    examples = [e for e in examples if e["label"] is not None]
    names = sorted({e["article"] for e in examples})
    fold_of = {n: k % args.folds for k, n in enumerate(names)}
    fold_w = [fit([e for e in examples if fold_of[e["article"]] != k], args.c) for k in range(args.folds)]
    held = [(prob(fold_w[fold_of[e["article"]]], e["feats"]), e["label"]) for e in examples]
    best_t, best_gain = 1.01, 0
    for t in [x / 100 for x in range(30, 100, 2)]:
        gain = sum(1 if y else -1 for p, y in held if p >= t)
        log.info("threshold %.2f: held-out gain %+d (%d replaced)", t, gain, sum(1 for p, _ in held if p >= t))
        if gain > best_gain:
            best_t, best_gain = t, gain
    log.info("%d pairs (%d where the CRF's source is right); threshold %.2f, held-out gain %+d",
             len(examples), sum(e["label"] for e in examples), best_t, best_gain)
    data = {
        "about": "Reading choice: scripts/train_reading_choice.py on the attribution training articles",
        "threshold": best_t, "held_out_gain": best_gain, "pairs": len(examples), "c": args.c,
        "weights": dict(sorted(fit(examples, args.c).items())),
    }
    args.out.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    log.info("wrote %s", args.out)


if __name__ == "__main__":
    main()
