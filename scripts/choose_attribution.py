"""Choose the news operating point of the attribution models on dev.

    python scripts/choose_attribution.py [--data ../shared/data/attribution]

The models (``scripts/train_attribution.py``) are trained on PolNeAR's train articles. On text that
reads like news (``attribution.reads_like_news``) the engine may keep more of what they find than on
other text; this script tries each point of a small grid (the linear models' verifier threshold
``attribution.NEWS_LINEAR``; the CRF's thresholds with a source, without one and for positions,
``attribution_crf.NEWS_*``), scores the whole engine on dev with the criteria of
``../shared/eval/score_attribution.py`` and the sample article with those of ``score_extraction.py``,
and prints each point, the best dev F1 among those with dev precision >= --min-precision last. Write
the chosen values into the two modules by hand (they are four numbers, reviewed with the code).
"""

from __future__ import annotations

import argparse
import itertools
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from train_attribution import engine_score, sample_precision  # noqa: E402

from reader.analysis import attribution, attribution_crf  # noqa: E402

log = logging.getLogger("choose_attribution")


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "attribution")
    ap.add_argument("--min-precision", type=float, default=0.9)
    ap.add_argument("--linear", type=float, nargs="+", default=[0.6, 0.7, 0.8])
    ap.add_argument("--with-source", type=float, nargs="+", default=[0.5, 0.6, 0.7])
    ap.add_argument("--no-source", type=float, nargs="+", default=[0.7, 2.0])  # 2.0: never
    ap.add_argument("--position", type=float, nargs="+", default=[0.8, 2.0])
    args = ap.parse_args()
    model = attribution.load_model()
    assert model is not None
    best = None
    for lin, ws, ns, pos in itertools.product(args.linear, args.with_source, args.no_source, args.position):
        attribution.NEWS_LINEAR = lin
        attribution_crf.NEWS_WITH_SOURCE, attribution_crf.NEWS_NO_SOURCE, attribution_crf.NEWS_POSITION = ws, ns, pos
        s = engine_score(args.data / "dev", model)
        sample = sample_precision(model)
        log.info("linear %.2f crf %.2f/%.2f/%.2f: dev R %.4f P %.4f F1 %.4f speaker %.4f; sample quotes P %.3f",
                 lin, ws, ns, pos, s["recall"], s["precision"], s["f1"], s["speaker"], sample)
        if s["precision"] >= args.min_precision and sample >= 0.85 and (best is None or s["f1"] > best[0]["f1"]):
            best = (s, (lin, ws, ns, pos))
    log.info("best: %s", best)


if __name__ == "__main__":
    main()
