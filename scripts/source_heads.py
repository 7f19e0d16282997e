"""Learn which lower-case words head a source (who said it) in the attribution training articles.

    python scripts/source_heads.py [--data DIR] [--out resources/source_heads_model.json]

A gold Source's head is the last word of its part before the first comma ("a senior campaign official, who ..." ->
official). Words that head two sources or more, less the function words and times, are written to the output:
reader/analysis/sources.py takes a lower-case noun phrase for a source only when its head is one of them.
"""

from __future__ import annotations

import collections
import json
import logging
import re
from pathlib import Path

from train_attribution import DATA, articles, training_parser

ROOT = Path(__file__).resolve().parent.parent
NOT_HEADS = frozenset("""said and or but here there now then that which what this these those it its his her their my
our your both most some many much more each every either neither all any another one two three four five six seven
eight nine ten half self time year years week month night day today morning evening left right to over n ones
mind
he she it they we you i me him us them who whom whose""".split())


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    ap = training_parser(ROOT / "resources" / "source_heads_model.json", DATA / "train", __doc__.splitlines()[0])
    ap.add_argument("--min-count", type=int, default=2)
    args = ap.parse_args()
    heads: collections.Counter[str] = collections.Counter()
    for _, raw, gold in articles(args.data):
        for g in gold:
            for a, b in g.get("Source", [])[:1]:
                words = re.findall(r"[\w’'.-]+", raw[a:b].split(",")[0])
                head = re.sub(r"(?:’s|'s|’|')$", "", words[-1]) if words else ""
                if head[:1].islower() and head.isalpha():
                    heads[head] += 1
    kept = sorted(h for h, n in heads.items() if n >= args.min_count and h not in NOT_HEADS)
    args.out.write_text(json.dumps({"about": "lower-case heads of sources in the attribution training articles "
                                    "(scripts/source_heads.py)", "heads": kept}, indent=0) + "\n", encoding="utf-8")
    logging.getLogger("reader.scripts.source_heads").info("%d heads of %d written to %s", len(kept), len(heads),
                                                          args.out)


if __name__ == "__main__":
    main()
