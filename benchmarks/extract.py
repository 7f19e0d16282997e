"""Claims and quotes extraction speed on 1 MB of text (War and Peace's first megabyte).

    python benchmarks/extract.py [--path FILE] [--bytes N] [--one-process] [--timeline]

Prints the time, sentences per second and what was found, for the text as it
is (paragraphs and sentences) and for the same megabyte as one line with no
sentence ends (no line breaks, no . ! ?): the cost must stay linear in the
size whatever the line lengths (issue 10: within 2x of ordinary prose).
Target (issue 4): under 1 second for 1 MB of prose. A text this long is analysed
in two processes where there are two cores (reader/analysis/parallel.py): the
CPU time printed is both processes' (``--one-process`` to compare). ``--timeline``: when each
process analysed each part of the prose, and the serial tail after the last part (what one process
does once both are done: the speakers' last steps).
"""

from __future__ import annotations

import argparse
import os
import re
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import reader.analysis as analysis_module
from reader.analysis import PROSE, Analysis, analyse, attribution, attribution_crf, load_model, parallel
from reader.analysis.attribution_base import QUOTE_CHARS, tokenize
from reader.document import Block, Document
from reader.loaders import load

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "corpus" / "big" / "war-and-peace_2600-0.txt"


CPU: list[float] = []  # CPU seconds of each run, its helper process's included: the wall time is noisy


def cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def run(doc: Document) -> tuple[float, Analysis]:
    c1 = cpu()
    t1 = time.perf_counter()
    result = analyse(doc)
    t = time.perf_counter() - t1
    CPU.append(cpu() - c1)
    return t, result


@contextmanager
def timeline() -> Iterator[None]:
    """Each part's analysis (``_analyse_blocks``) timed in whichever process runs it, written to a file both
    processes append to; printed when the analysis is done, with the serial tail after the last part."""
    real = analysis_module._analyse_blocks
    real_people = analysis_module.assign_people
    people_cpu: list[float] = []
    log = tempfile.TemporaryFile("w+")
    parent = os.getpid()
    t0 = time.perf_counter()  # (a monotonic clock: the same in the forked helper)
    t_cpu = os.times()

    def timed(blocks, lo, hi, *args, **kw):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        c = time.process_time()
        out = real(blocks, lo, hi, *args, **kw)
        who = "parent" if os.getpid() == parent else "helper"
        os.write(log.fileno(), f"{start - t0:.3f} {time.perf_counter() - t0:.3f} {who} {lo}-{hi} "
                               f"{time.process_time() - c:.3f}\n".encode())
        return out

    def people(*args, **kw):  # type: ignore[no-untyped-def]
        c = time.process_time()
        real_people(*args, **kw)
        people_cpu.append(time.process_time() - c)

    analysis_module._analyse_blocks = timed  # type: ignore[assignment]
    analysis_module.assign_people = people  # type: ignore[assignment]
    try:
        yield
    finally:
        done = time.perf_counter() - t0
        t_end = os.times()
        analysis_module._analyse_blocks = real  # type: ignore[assignment]
        analysis_module.assign_people = real_people  # type: ignore[assignment]
        log.seek(0)
        rows = sorted((float(a), float(b), who, part, cpu) for a, b, who, part, cpu in map(str.split, log))
        for a, b, who, part, cpu in rows:
            print(f"  {who} blocks {part}: {a:.3f}-{b:.3f} s ({cpu} s CPU)")
        first = {who: a for a, _, who, _, _ in reversed(rows)}
        last = max((b for _, b, _, _, _ in rows), default=0.0)
        print("  first part: " + ", ".join(f"{who} at {a:.3f} s" for who, a in sorted(first.items())) +
              f"; last part ends at {last:.3f} s; the analysis returns at {done:.3f} s: serial tail {done - last:.3f} s"
              f" (assign_people, after the last part: {sum(people_cpu):.3f} s CPU)")
        # what two free cores would take (a loaded machine stretches the wall times above, and shares the parts
        # out as it schedules the two processes): the work of both but the tail shared out evenly (the parts are
        # taken by whichever process is free), then the tail, in one process
        mine = t_end.user + t_end.system - t_cpu.user - t_cpu.system
        theirs = t_end.children_user + t_end.children_system - t_cpu.children_user - t_cpu.children_system
        tail = sum(people_cpu)
        print(f"  CPU: this process {mine:.3f} s, the helper {theirs:.3f} s; on two free cores about "
              f"{(mine + theirs - tail) / 2 + tail:.3f} s (both's work but the tail halved, then the tail)")


def cannot_attribute(doc: Document) -> tuple[int, int, int]:
    """The prose paragraphs with no quotation mark and no word that can be a cue (the cue lexicon, the cue
    model's candidate words, every word or stem the CRF's training saw as a cue, ':' left out): how many
    paragraphs of how many, and their characters. Skipping the models there would be the only safe skip;
    it is counted, not done, because it is this small on a novel (and on news, where every paragraph reports)."""
    amodel = attribution.load_model()
    cues: set[str] = set(attribution_crf.LEXICON)
    stems: set[str] = set()
    if amodel is not None:
        cues |= amodel.cue_vocab
        if amodel.crf is not None:
            cues |= {w for w, v in amodel.crf.share.items() if v > 0 and not w.startswith("~")}
            stems = {w[1:] for w, v in amodel.crf.share.items() if v > 0 and w.startswith("~")}
    n = k = chars = 0
    for b in doc.blocks:
        if b.kind not in PROSE or not b.text.strip():
            continue
        n += 1
        if any(c in QUOTE_CHARS for c in b.text):
            continue
        words = {w for _, _, w in tokenize(b.text.lower())}
        if words & cues or any(attribution_crf.stem(w) in stems for w in words):
            continue
        k += 1
        chars += len(b.text)
    return k, n, chars


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--path", type=Path, default=DEFAULT)
    ap.add_argument("--bytes", type=int, default=1_000_000)
    ap.add_argument("--one-process", action="store_true", help="no helper process")
    ap.add_argument("--timeline", action="store_true", help="when each part of the prose was analysed, and where")
    args = ap.parse_args()
    if args.one_process:
        parallel.MIN_CHARS = 1 << 62
    full = load(args.path)
    cut = next((b.start for b in full.blocks if b.start >= args.bytes), len(full.text))
    doc = type(full).from_blocks(full.path, full.kind, full.title,
                                 [b for b in full.blocks if b.end <= cut], full.fingerprint)
    t0 = time.perf_counter()
    load_model()
    attribution.load_model()
    t_model = time.perf_counter() - t0
    import nupunkt  # noqa: F401  (import cost counted apart, like the models')

    if args.timeline:
        with timeline():
            t, result = run(doc)
    else:
        t, result = run(doc)
    print(f"text: {len(doc.text):,} characters of {args.path.name}")
    print(f"models load (once per process): {t_model * 1000:.0f} ms")
    print(f"prose: {t:.3f} s ({CPU[-1]:.3f} s CPU), {result.sentences:,} sentences, {result.sentences / t:,.0f} sentences/s")
    print(f"  found: {len(result.quotes)} quotes ({sum(q.speaker is not None for q in result.quotes)} with a speaker), "
          f"{len(result.terms)} quoted terms, {len(result.claims)} claims")
    k, n, chars = cannot_attribute(doc)
    print(f"  paragraphs with no quotation mark and no word that can be a cue: {k} of {n}, "
          f"{chars:,} characters ({100 * chars / len(doc.text):.1f}% of the text)")
    one = re.sub(r"[.!?]", " ", doc.text.replace("\n", " "))
    line = Document.from_blocks(doc.path, doc.kind, doc.title, [Block("paragraph", one)], doc.fingerprint)
    t_line, r_line = run(line)
    cpu_ratio = CPU[-1] / CPU[-2]
    print(f"one line, no sentence ends: {t_line:.3f} s ({CPU[-1]:.3f} s CPU) for {len(one):,} characters "
          f"({t_line / t:.2f}x prose's time, {cpu_ratio:.2f}x its CPU time), "
          f"{len(r_line.quotes)} quotes, {len(r_line.claims)} claims")
    # the one line is one block, analysed in one process: its cost is compared by CPU time (the work done)
    print(f"target: under 1 s for 1 MB -> {'met' if t < 1 else 'MISSED'}; "
          f"one line's cost within 2x (CPU) -> {'met' if cpu_ratio <= 2 else 'MISSED'}")

if __name__ == "__main__":
    main()
