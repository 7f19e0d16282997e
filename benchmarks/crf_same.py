"""The numpy CRF (reader/analysis/crf_numpy.py) against crfsuite itself, paragraph by paragraph.

    python benchmarks/crf_same.py [--limit N] [--docs dev,train,corpus,wp]

For every prose paragraph of the chosen texts (the attribution dev and train articles, the corpus's texts and
PDFs, War and Peace's first megabyte and the same as one line), read as ``analyse`` reads it, both taggers
label its words: prints how many paragraphs and words, how many labels differ, the largest difference of a
marginal (of every label at every word of the paragraphs that have a Cue or Content label), and the time each
took. Exit 1 when a label differs or a marginal differs by more than 1e-6.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from reader.analysis import PROSE, attribution, attribution_crf, sentences
from reader.analysis.attribution_base import tokenize
from reader.analysis.attribution_crf import LISTS_PATH, MODEL_PATH, encoded, known_attributes, paragraph_tokens
from reader.analysis.quotes import quote_spans
from reader.document import LINE_BREAK, Block, Document
from reader.loaders import load

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def documents(which: set[str]) -> Iterator[tuple[str, Document]]:
    data = SHARED / "data" / "attribution"
    if "dev" in which:
        for p in sorted((data / "dev").glob("*.txt")):
            yield p.name, load(p)
    if "train" in which:
        for p in sorted((data / "train").glob("*.txt")):
            yield p.name, load(p)
    if "corpus" in which:
        for p in sorted((SHARED / "corpus").rglob("*")):
            if p.suffix in (".md", ".txt", ".pdf") and "nasty" not in p.parts and p.name != "war-and-peace_2600-0.txt" \
                    and p.name != "README.md":
                try:
                    yield p.name, load(p)
                except Exception as exc:  # a file the loaders refuse is not the CRF's business
                    print(f"skipped {p.name}: {exc}")
        yield "sample", load(ROOT / "resources" / "sample-article.md")
    if "wp" in which:
        full = load(SHARED / "corpus" / "big" / "war-and-peace_2600-0.txt")
        cut = next((b.start for b in full.blocks if b.start >= 1_000_000), len(full.text))
        wp = type(full).from_blocks(full.path, full.kind, full.title, [b for b in full.blocks if b.end <= cut],
                                    full.fingerprint)
        yield "War and Peace, 1 MB", wp
        one = re.sub(r"[.!?]", " ", wp.text.replace("\n", " "))
        yield "War and Peace, one line", Document.from_blocks(wp.path, wp.kind, wp.title, [Block("paragraph", one)],
                                                              wp.fingerprint)


def paragraphs(doc: Document) -> list[tuple[list[tuple[int, int, str]], list[int], list[bool]]]:
    out = []
    for b in doc.blocks:
        if b.kind not in PROSE or not b.text.strip():
            continue
        t = b.text.replace(LINE_BREAK, " ")
        atext = attribution.analysis_text(t)
        toks, sid, inq = paragraph_tokens(atext, sentences(t), quote_spans(atext), tokenize(atext))
        if toks:
            out.append((toks, sid, inq))
    return out


def main() -> int:
    import pycrfsuite  # type: ignore[import-untyped]

    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", default="dev,train,corpus,wp")
    ap.add_argument("--limit", type=int, default=0, help="at most this many texts of each kind")
    ap.add_argument("--batch", type=int, default=64, help="paragraphs tagged at a time by numpy")
    args = ap.parse_args()
    lists = json.loads(LISTS_PATH.read_text(encoding="utf-8"))
    share = lists["cue_share"]
    ref = pycrfsuite.Tagger()
    ref.open(str(MODEL_PATH))
    keep = known_attributes(MODEL_PATH)
    t0 = time.perf_counter()
    crf = attribution_crf.load()
    assert crf is not None
    tagger = crf.fast
    print(f"CRF load (numpy tables): {(time.perf_counter() - t0) * 1000:.0f} ms")
    names = tagger.model.labels
    n_par = n_words = n_diff = 0
    worst = 0.0
    t_ref = t_np = 0.0
    cache: dict = {}
    for name, doc in documents(set(args.docs.split(","))):
        paras = paragraphs(doc)
        for lo in range(0, len(paras), args.batch):
            chunk = paras[lo:lo + args.batch]
            c = time.perf_counter()
            got = tagger.tag(chunk)
            t_np += time.perf_counter() - c
            for (toks, sid, inq), (labels, marg) in zip(chunk, got, strict=True):
                c = time.perf_counter()
                ref.set(encoded(toks, sid, inq, share, cache, keep))
                want = ref.tag()
                t_ref += time.perf_counter() - c
                n_par += 1
                n_words += len(toks)
                mine = [names[i] for i in labels]
                if mine != want:
                    bad = [i for i in range(len(want)) if mine[i] != want[i]]
                    n_diff += len(bad)
                    print(f"{name}: {len(bad)} labels differ of {len(want)}, first at {bad[0]}: "
                          f"{want[bad[0]]} (crfsuite) {mine[bad[0]]} (numpy)")
                if marg is not None and any(lab != "O" for lab in want):
                    sure = np.array([[ref.marginal(lab, i) for lab in names] for i in range(len(want))])
                    worst = max(worst, float(np.abs(sure - marg).max()))
    print(f"{n_par:,} paragraphs, {n_words:,} words: {n_diff} labels differ; largest marginal difference {worst:.2e}")
    print(f"time: crfsuite {t_ref:.2f} s (features and tagging), numpy {t_np:.2f} s")
    return 0 if n_diff == 0 and worst <= 1e-6 else 1


if __name__ == "__main__":
    sys.exit(main())
