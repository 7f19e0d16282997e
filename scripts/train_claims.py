"""Train the check-worthy claim classifier shipped in resources/claims_model.json (and, beside it, the same
model as numpy arrays, claims_model.npz, which the app reads).

    python scripts/train_claims.py [--data ../shared/data/checkworthy] [--out resources/claims_model.json]
    python scripts/train_claims.py compile [resources/claims_model.json]   # its .npz only (what the app reads)

Data: CheckThat! 2024 task 1 (English), from ClaimBuster (CC BY 4.0); see the
data folder's README. It is read from where it lies, never copied here.
Fits TF-IDF + logistic regression on train, chooses C and the decision
threshold on dev, and prints precision, recall and F1 of the positive class on
dev. Then calibrates one threshold per kind of checkable signal (figure,
record, comparison, history, statement: ``claims.claim_kind``) on train alone,
from 5-fold cross-validated scores (a sentence with a figure is a claim more
often than a plain statement at the same score): a kind's threshold can only
be lower than the one chosen on dev. Needs the ``train`` extra (scikit-learn);
the app itself does not.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import math
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.analysis.features import features  # noqa: E402

log = logging.getLogger("train_claims")


def read(path: Path) -> tuple[list[str], list[int]]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [r["Text"] for r in rows], [1 if r["class_label"].strip() == "Yes" else 0 for r in rows]


def prf(y: list[int], p: list[int]) -> tuple[float, float, float]:
    tp = sum(1 for a, b in zip(y, p, strict=True) if a and b)
    fp = sum(1 for a, b in zip(y, p, strict=True) if b and not a)
    fn = sum(1 for a, b in zip(y, p, strict=True) if a and not b)
    pr = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / (tp + fn) if tp + fn else 0.0
    return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0)


KINDS = ("figure", "record", "comparison", "history", "statement")


def kind_thresholds(x: list[str], y: list[int], c: float, start: float) -> dict[str, float]:
    """One threshold per kind of checkable signal, each chosen in turn (three
    rounds) for the best F1 over cross-validated scores on train: dev stays
    unseen by this choice."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_predict
    from sklearn.pipeline import make_pipeline

    from reader.analysis.claims import claim_kind

    pipe = make_pipeline(TfidfVectorizer(analyzer=features, sublinear_tf=True, min_df=2),
                         LogisticRegression(C=c, max_iter=3000, class_weight="balanced"))
    scores = cross_val_predict(pipe, x, y, cv=5, method="predict_proba")[:, 1]
    kinds = [claim_kind(s) or "statement" for s in x]
    th = dict.fromkeys(KINDS, start)

    def f1(th: dict[str, float]) -> float:
        return prf(y, [int(p >= th[k]) for p, k in zip(scores, kinds, strict=True)])[2]

    grid = [g / 100 for g in range(20, 82, 2)]
    for _ in range(3):
        for k in KINDS:
            best = th[k], f1(th)
            for g in grid:
                score = f1({**th, k: g})
                if score > best[1]:
                    best = g, score
            th[k] = best[0]
    return th


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "checkworthy")
    ap.add_argument("--out", type=Path, default=ROOT / "resources" / "claims_model.json")
    args = ap.parse_args()
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    xtr, ytr = read(args.data / "CT24_checkworthy_english_train.tsv")
    xdv, ydv = read(args.data / "CT24_checkworthy_english_dev.tsv")
    vec = TfidfVectorizer(analyzer=features, sublinear_tf=True, min_df=2)
    mtr = vec.fit_transform(xtr)
    mdv = vec.transform(xdv)
    best = None
    for c in (0.5, 1.0, 2.0, 4.0, 8.0):
        clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
        clf.fit(mtr, ytr)
        probs = clf.predict_proba(mdv)[:, 1]
        for t in [x / 100 for x in range(30, 86, 2)]:
            f1 = prf(ydv, [int(p >= t) for p in probs])[2]
            if best is None or f1 > best[0]:
                best = (f1, c, t, clf)
    assert best is not None
    f1, c, t, clf = best
    probs = clf.predict_proba(mdv)[:, 1]
    p, r, f = prf(ydv, [int(x >= t) for x in probs])
    log.info("dev (positive class): precision %.3f recall %.3f F1 %.3f  (C=%s, threshold %.2f)", p, r, f, c, t)
    # a checkable signal may lower the bar (a figure is a claim more often than a plain statement at the
    # same score), never raise it: the classifier's own threshold stays the most any sentence needs
    thresholds = {k: (min(t, v) if k != "statement" else t) for k, v in kind_thresholds(xtr, ytr, c, t).items()}
    from reader.analysis.claims import claim_kind

    kinds = [claim_kind(x) or "statement" for x in xdv]
    pk, rk, fk = prf(ydv, [int(x >= thresholds[k]) for x, k in zip(probs, kinds, strict=True)])
    log.info("thresholds per kind (5-fold CV on train, at most the dev threshold): %s", thresholds)
    log.info("dev with them: precision %.3f recall %.3f F1 %.3f", pk, rk, fk)
    names = vec.get_feature_names_out()
    coef = clf.coef_[0]
    weights = {
        str(n): [round(float(vec.idf_[i]), 4), round(float(coef[i]), 4)]
        for i, n in enumerate(names) if abs(coef[i]) >= 0.02
    }
    model: dict[str, Any] = {
        "about": "TF-IDF + logistic regression on CheckThat! 2024 task 1 English (ClaimBuster), by scripts/train_claims.py",
        "dev": {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)},
        "threshold": t,
        "thresholds": thresholds,
        "intercept": float(clf.intercept_[0]),
        "features": weights,
    }
    args.out.write_text(json.dumps(model, separators=(",", ":")), encoding="utf-8")
    log.info("wrote %s: %d features, %.0f KB", args.out, len(weights), args.out.stat().st_size / 1024)
    write_compiled(args.out)
    # The shipped model must reproduce sklearn's scores.
    from reader.analysis.claims import ClaimModel

    m = ClaimModel(model)
    worst = max(abs(m.score(s) - pr) for s, pr in zip(xdv[:200], probs[:200], strict=True))
    log.info("max |shipped - sklearn| on 200 dev sentences: %.4f", worst)
    if worst > 0.05 or math.isnan(worst):
        raise SystemExit("the shipped model does not match sklearn")


def write_compiled(path: Path) -> Path:
    """The model of ``path`` (its JSON) as the arrays the app reads first (``claims.compile_model``), beside it
    with the suffix .npz."""
    from reader.analysis.claims import compile_model
    from reader.analysis.loading import save_arrays

    out = path.with_suffix(".npz")
    save_arrays(out, compile_model(json.loads(path.read_text(encoding="utf-8"))))
    log.info("wrote %s (%.0f KB)", out, out.stat().st_size / 1024)
    return out


if __name__ == "__main__":
    if sys.argv[1:2] == ["compile"]:  # the shipped JSON (or the one named) as its .npz, without training
        logging.basicConfig(level=logging.INFO, format="%(message)s")
        write_compiled(Path(sys.argv[2]) if sys.argv[2:] else ROOT / "resources" / "claims_model.json")
    else:
        main()
