"""The CRF stage alone on War and Peace's first megabyte, as ``analyse`` runs it (runs of ``RUN`` blocks, one
process): CPU time of each part, best of ``--repeat`` runs after a warm-up.

    python benchmarks/crf_stage.py [--repeat 5] [--bytes N] [--run BLOCKS] [--one-line]

Parts: reading the paragraphs (``paragraph_tokens``), the emissions, Viterbi, the marginals of the labels found,
all three with the rest of tagging (``tag_codes``), decoding (``decode``, the verifier's features and scores),
and the whole (``find_all_many``).
"""

from __future__ import annotations

import argparse
import math
import re
import time
from itertools import repeat
from pathlib import Path

from reader.analysis import PROSE, RUN, attribution, attribution_crf, crf_numpy, sentences
from reader.analysis.attribution_base import tokenize
from reader.analysis.quotes import quote_spans
from reader.document import LINE_BREAK, Block
from reader.loaders import load

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "corpus" / "big" / "war-and-peace_2600-0.txt"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--path", type=Path, default=DEFAULT)
    ap.add_argument("--bytes", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--run", type=int, default=RUN, help="blocks per run (analyse: RUN)")
    ap.add_argument("--one-line", action="store_true", help="the same text as one line with no sentence ends")
    args = ap.parse_args()
    full = load(args.path)
    cut = next((b.start for b in full.blocks if b.start >= args.bytes), len(full.text))
    blocks = [b for b in full.blocks if b.end <= cut and b.kind in PROSE and b.text.strip()]
    if args.one_line:
        text = re.sub(r"[.!?]", " ", full.text[:cut].replace("\n", " "))
        blocks = [Block("paragraph", text)]
    runs = []
    for lo in range(0, len(blocks), args.run):
        items = []
        for b in blocks[lo:lo + args.run]:
            t = b.text.replace(LINE_BREAK, " ")
            atext = attribution.analysis_text(t)
            items.append((atext, sentences(t), quote_spans(atext), tokenize(atext)))
        runs.append(items)
    model = attribution.load_model()
    assert model is not None and model.crf is not None
    crf = model.crf
    tagger = crf.fast
    need = ("B-Cue", "B-Content", "I-Content")
    parts = ["read", "emissions", "viterbi", "marginals", "tag_codes", "decode", "find_all_many"]
    best = dict.fromkeys(parts, math.inf)
    for _ in range(args.repeat + 1):
        got = dict.fromkeys(parts, 0.0)
        for items in runs:
            c = time.process_time()
            read = [attribution_crf.paragraph_tokens(*it) for it in items]
            seqs = [r for r in read if r[0]]
            got["read"] += time.process_time() - c
            c = time.process_time()
            e = tagger.emissions(seqs)
            got["emissions"] += time.process_time() - c
            lengths = [len(toks) for toks, _, _ in seqs]
            grid = crf_numpy._Grid(lengths, crf_numpy.width(sum(lengths)))
            et = grid.lay(e)
            c = time.process_time()
            best_labels = crf_numpy._viterbi(grid, et, tagger.model.trans)
            got["viterbi"] += time.process_time() - c
            c = time.process_time()
            crf_numpy._marginals(grid, et, tagger.exp_trans, best_labels)
            got["marginals"] += time.process_time() - c
            c = time.process_time()
            tagged = tagger.tag_codes(seqs, crf.letters, need)
            got["tag_codes"] += time.process_time() - c
            c = time.process_time()
            w = crf.verify_w
            for (toks, sid, inq), (code, marg, clauses) in zip(seqs, tagged, strict=True):
                if marg:
                    for f in attribution_crf.decode(toks, sid, code, marg, inq, crf, crf.join_gap, clauses):
                        z = sum(map(w.get, f.features, repeat(0.0, len(f.features))))
                        f.score = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            got["decode"] += time.process_time() - c
            c = time.process_time()
            crf.find_all_many(items)
            got["find_all_many"] += time.process_time() - c
        for k in parts:
            best[k] = min(best[k], got[k])
    words = sum(len(it[3]) for items in runs for it in items)
    print(f"{len(blocks):,} blocks, {words:,} words, {len(runs)} runs; CPU s, best of {args.repeat}:")
    print("  " + ", ".join(f"{k} {best[k]:.3f}" for k in parts))

if __name__ == "__main__":
    main()
