"""Re-anchoring fuzz: random edits of real documents, and where each highlight lands.

Each trial picks a passage of a real document (a few words to a sentence),
anchors it, applies one to three random edits (insertions, deletions, nearby
word changes, a changed word inside the passage, a duplicated paragraph before
or after, a copy of the passage's sentence elsewhere) while tracking where the
original passage went, then re-anchors it on the edited text.

    misplaced   placed on another passage while the original still exists (must be 0)
    re-anchored placed on the original
    orphaned    reported not found
    ambiguous   reported as occurring more than once with nothing to tell the copies apart
    gone-placed the original was edited away and the quote was placed on a remaining copy
    "not copied": the trials whose edits made no copy of the passage (no duplicated paragraph
                holding it, no copy of its sentence): how often a passage that is simply still
                there, moved and with edits around it, is found again

Run: .venv/bin/python benchmarks/anchorfuzz.py [TRIALS] [SEED]
"""

from __future__ import annotations

import random
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from reader.anchoring import AMBIGUOUS, PLACED, Anchor, locate, make_anchor  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
DOCS = [
    ROOT / "resources" / "sample-article.md",
    CORPUS / "seed-article.md",
    CORPUS / "text" / "pypdf_CHANGELOG.md",
    CORPUS / "text" / "sample-english.bom_utf8bom.txt",
    CORPUS / "text" / "sample-spanish_crlf_longlines.txt",
    CORPUS / "text" / "entre-nous_44157-8_latin1.txt",
    CORPUS / "big" / "war-and-peace_2600-0.txt",
    CORPUS / "normal" / "tracemonkey.pdf",
]
#: Longer texts are cut to a window of this size around a random place (speed).
WINDOW = 60_000


def load_texts(paths: list[Path] | None = None) -> dict[str, str]:
    """Each document's text as Reader shows it (loaded, decoded and repaired by Reader itself)."""
    from reader.loaders import load

    texts = {}
    for p in paths or DOCS:
        if p.exists():
            texts[p.name] = load(p).text
    return texts


@dataclass
class Tracked:
    """The text being edited and where the original passage is (None once an edit touched it)."""

    text: str
    span: tuple[int, int] | None
    log: list[str] = field(default_factory=list)
    #: Whether an edit copied the passage itself (a duplicated paragraph holding it, its sentence copied).
    copied: bool = False

    def replace(self, p: int, q: int, new: str, what: str) -> None:
        """text[p:q] = new, moving the passage along."""
        self.text = self.text[:p] + new + self.text[q:]
        self.log.append(what)
        if self.span is None:
            return
        s, e = self.span
        if q <= s:
            d = len(new) - (q - p)
            self.span = (s + d, e + d)
        elif p >= e:
            pass
        else:
            self.span = None  # the edit touched the passage itself

    def insert(self, p: int, new: str, what: str) -> None:
        if self.span is not None and self.span[0] < p < self.span[1]:
            self.text = self.text[:p] + new + self.text[p:]
            self.span = None
            self.log.append(what)
            return
        self.replace(p, p, new, what)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text)]
    return [sp for sp in spans if sp[1] - sp[0] > 20] or [(0, len(text))]


def _sentences(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    return [(lo + m.start(), lo + m.end()) for m in re.finditer(r"[^.!?\n]+[.!?]?", text[lo:hi])
            if len(m.group().split()) >= 3]


def _words(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    return [(lo + m.start(), lo + m.end()) for m in re.finditer(r"\w+", text[lo:hi])]


def pick_passage(rng: random.Random, text: str) -> tuple[int, int]:
    while True:
        p0, p1 = rng.choice(_paragraphs(text))
        if rng.random() < 0.25:
            sents = _sentences(text, p0, p1)
            if sents:
                s, e = rng.choice(sents)
                return s, e
        words = _words(text, p0, p1)
        if not words:
            continue
        n = rng.choice([1, 2, 2, 3, 3, 4, 5, 6, 8, 12])
        i = rng.randrange(len(words))
        j = min(len(words) - 1, i + n - 1)
        return words[i][0], words[j][1]


def _near_word(rng: random.Random, t: Tracked, side: str) -> tuple[int, int] | None:
    s, e = t.span or (0, 0)
    lo, hi = (max(0, s - 45), s) if side == "before" else (e, min(len(t.text), e + 45))
    words = [w for w in _words(t.text, lo, hi) if w[1] <= s or w[0] >= e]
    return rng.choice(words) if words else None


def edit(rng: random.Random, t: Tracked, vocabulary: list[str], quote_span: tuple[int, int]) -> None:
    kind = rng.choice(["insert", "insert_near", "delete", "change_near", "change_near", "change_inside",
                       "dup_before", "dup_after", "dup_before", "dup_after", "copy_sentence"])
    text = t.text
    paras = _paragraphs(text)
    if kind in ("change_near", "insert_near") and t.span is None:
        kind = "insert"
    if kind == "insert":
        src = rng.choice(paras)
        sents = _sentences(text, *src) or [src]
        new = text[slice(*rng.choice(sents))].strip() + " "
        words = _words(text, 0, len(text))
        at = rng.choice(words)[0] if words else 0
        t.insert(at, new, "insert a sentence")
    elif kind == "insert_near":
        w = _near_word(rng, t, rng.choice(["before", "after"]))
        if w:
            t.insert(w[0], " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 4))) + " ", "insert words nearby")
    elif kind == "delete":
        p0, p1 = rng.choice(paras)
        if rng.random() < 0.5:
            sents = _sentences(text, p0, p1)
            if sents:
                p0, p1 = rng.choice(sents)
        t.replace(p0, p1, "", "delete a sentence or paragraph")
    elif kind == "change_near":
        w = _near_word(rng, t, rng.choice(["before", "after"]))
        if w:
            t.replace(w[0], w[1], rng.choice(vocabulary), "change a nearby word")
    elif kind == "change_inside":
        if t.span is not None:
            words = _words(text, *t.span)
            if words:
                w = rng.choice(words)
                t.replace(w[0], w[1], rng.choice(vocabulary) + "x", "change a word inside")
    elif kind in ("dup_before", "dup_after"):
        if t.span is not None and rng.random() < 0.7:
            para = next((p for p in paras if p[0] <= t.span[0] < p[1]), rng.choice(paras))
        else:
            para = rng.choice(paras)
        copy = text[para[0]:para[1]]
        if t.span is not None and para[0] <= t.span[0] and t.span[1] <= para[1]:
            t.copied = True
        if kind == "dup_after":
            t.insert(para[1], "\n\n" + copy, "duplicate a paragraph after itself")
        else:
            t.insert(para[0], copy + "\n\n", "duplicate a paragraph before itself")
    elif kind == "copy_sentence":
        s0, s1 = quote_span
        sents = _sentences(text, max(0, s0 - 300), min(len(text), s1 + 300))
        holding = [sp for sp in sents if sp[0] <= s0 and s1 <= sp[1]] or sents
        if holding:
            t.copied = True
            new = text[slice(*rng.choice(holding))].strip() + " "
            words = _words(text, 0, len(text))
            t.insert(rng.choice(words)[0], new, "copy the passage's sentence elsewhere")


def fuzz(trials: int, seed: int = 1, texts: dict[str, str] | None = None,
         on_misplaced: Callable[[str, Anchor, tuple[int, int]], None] | None = None) -> tuple[Counter[str], list[str]]:
    """Run the trials; return the counts and a description of every misplacement."""
    rng = random.Random(seed)
    texts = texts or load_texts()
    names = sorted(texts)
    counts: Counter[str] = Counter()
    bad: list[str] = []
    for n in range(trials):
        name = rng.choice(names)
        full = texts[name]
        if len(full) > WINDOW:
            lo = rng.randrange(len(full) - WINDOW)
            full = full[lo:lo + WINDOW]
        s, e = pick_passage(rng, full)
        a = make_anchor(full, s, e)
        if a.end <= a.start:
            continue
        vocabulary = re.findall(r"\w+", full[:5000]) or ["word"]
        t = Tracked(full, (a.start, a.end))
        for _ in range(rng.choice([1, 1, 2, 2, 3])):
            edit(rng, t, vocabulary, t.span or (a.start, a.end))
        p = locate(t.text, a)
        counts["trials"] += 1
        if p.state == PLACED:
            if t.span is None:
                counts["gone-placed"] += 1
            elif (p.start, p.end) == t.span:
                counts["re-anchored"] += 1
            else:
                counts["misplaced"] += 1
                bad.append(f"trial {n} {name}: {a.exact!r} at {t.span} placed at {(p.start, p.end)} after {t.log}")
                if on_misplaced is not None:
                    on_misplaced(t.text, a, t.span)
        elif p.state == AMBIGUOUS:
            counts["ambiguous"] += 1
            counts["ambiguous-while-present" if t.span else "ambiguous-gone"] += 1
        else:
            counts["orphaned"] += 1
            counts["orphaned-while-present" if t.span else "orphaned-gone"] += 1
        if t.span is not None:
            counts["present"] += 1
            if not t.copied:
                counts["present, not copied"] += 1
                if p.state == PLACED and (p.start, p.end) == t.span:
                    counts["re-anchored, not copied"] += 1
    return counts, bad


def main() -> None:
    trials = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    texts = load_texts()
    print(f"documents: {len(texts)} ({', '.join(sorted(texts))})")
    counts, bad = fuzz(trials, seed, texts)
    for key in ("trials", "present", "re-anchored", "orphaned", "ambiguous", "misplaced", "gone-placed",
                "orphaned-while-present", "ambiguous-while-present", "orphaned-gone", "ambiguous-gone",
                "present, not copied", "re-anchored, not copied"):
        print(f"{key:>24}: {counts[key]}")
    for line in bad[:20]:
        print("MISPLACED", line)


if __name__ == "__main__":
    main()
