"""Hyphens at line ends: which are real (compounds) and which split a word.

Runs the repair's rule (reader.repair._hyphen_join) over every line-end hyphen
in real PDFs (tracemonkey.pdf and the Library of Congress report first), with
each English word list that is installed, and prints how many compounds keep
their hyphen and how many broken words are rejoined. The truth is a hand
label of each of the 231 line-end hyphens in five PDFs (COMPOUNDS below: every other one
splits a single word, e.g. "com-/pile", "Trace-/Monkey", "byte-/code", which
the paper writes "bytecode" 48 times).

    .venv/bin/python benchmarks/hyphenation.py
    # the other lists, to compare: pip install english-words symspellpy wordfreq
"""

from __future__ import annotations

import importlib.resources
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Container
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader import repair  # noqa: E402
from reader.document import LINE_BREAK  # noqa: E402
from reader.loaders import load_raw  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
DOCS = ["normal/tracemonkey.pdf", "normal/govdocs1_504076_LoC_Iraq_legal_history.pdf",
        "normal/Seige_of_Vicksburg_Sample_OCR.pdf", "normal/multicolumn.pdf", "big/govdocs1_027613_QMF_manual.pdf"]
COMPOUNDS: dict[str, set[str]] = {
    "normal/tracemonkey.pdf": {
        "mixed-mode", "trace-compilation", "ieee-754", "type-unstable", "φ-nodes", "register-carried",
        "the-world", "non-negligible", "interpreter-to", "bitwise-and", "math-spectral", "3d-raytrace",
        "format-tofte", "access-fannkuch", "floating-point", "language-independent", "2008-02",
    },
    "normal/govdocs1_504076_LoC_Iraq_legal_history.pdf": {"non-combatants", "well-run", "pro-british", "states-protected"},
    "normal/Seige_of_Vicksburg_Sample_OCR.pdf": set(),  # 34 broken words ("re-/turning", "head-/quarters")
    "normal/multicolumn.pdf": set(),  # 30 broken Lorem ipsum words
    "big/govdocs1_027613_QMF_manual.pdf": {"by-example"},
}


def line_end_hyphens(path: Path) -> tuple[list[tuple[str, str]], str]:
    """(line, next line) for every line ending in a hyphen, in reading order."""
    raw = load_raw(path)
    blocks = [b for b in raw.blocks if b.kind != "page"]
    out = []
    for i, b in enumerate(blocks):
        lines = b.text.split(LINE_BREAK)
        after = lines[1:] + ([blocks[i + 1].text.split(LINE_BREAK)[0]] if i + 1 < len(blocks) else [""])
        out += [(line, nxt) for line, nxt in zip(lines, after, strict=True) if re.search(r"\w-$", line.rstrip())]
    return out, raw.text


def word_lists() -> dict[str, Callable[[], Container[str]]]:
    def pyspellchecker() -> Container[str]:
        from spellchecker import SpellChecker

        return SpellChecker(language="en", distance=1).word_frequency.dictionary

    def english_words() -> Container[str]:
        from english_words import get_english_words_set

        return get_english_words_set(["web2", "gcide"], lower=True)

    def symspellpy() -> Container[str]:
        path = importlib.resources.files("symspellpy") / "frequency_dictionary_en_82_765.txt"
        return {ln.split()[0] for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()}

    def wordfreq() -> Container[str]:
        from wordfreq import get_frequency_dict

        return {w for w, f in get_frequency_dict("en").items() if f >= 1e-8}  # Zipf >= 1

    return {"pyspellchecker (shipped)": pyspellchecker, "english-words": english_words, "symspellpy": symspellpy,
            "wordfreq": wordfreq}


def main() -> None:
    cases = {d: line_end_hyphens(CORPUS / d) for d in DOCS if (CORPUS / d).exists()}
    print(f"{'word list':26} {'load s':>7}  " + "  ".join(f"{Path(d).stem[:30]:>30}" for d in cases) + "  errors")
    rows: list[tuple[str, Callable[[], Container[str]] | None]] = [("previous rule (no list)", None)]
    rows += list(word_lists().items())
    for name, make in rows:
        count = repair._word_counts
        if make is None:
            judge, count = _previous_rule, _previous_counts
            secs = 0.0
        else:
            try:
                t = time.perf_counter()
                known = make()
                secs = time.perf_counter() - t
            except ImportError:
                print(f"{name:26} not installed")
                continue
            repair.known_words.cache_clear()
            original = repair.known_words
            repair.known_words = lambda known=known: known  # type: ignore[assignment]
            judge = repair._hyphen_join
        cells, errors = [], []
        for doc, (pairs, text) in cases.items():
            counts = count(text)
            kept = compounds = rejoined = broken = 0
            for line, nxt in pairs:
                left = re.search(r"(\w+)-$", line.rstrip())
                right = re.match(r"(\w+)", nxt.lstrip())
                if not left or not right:
                    continue
                form = f"{left.group(1)}-{right.group(1)}"
                how = judge(line, nxt, counts)
                if form.lower() in COMPOUNDS[doc]:
                    compounds += 1
                    kept += how == "keep"
                    if how != "keep":
                        errors.append(f"{form} joined")
                else:
                    broken += 1
                    rejoined += how == "drop"
                    if how != "drop":
                        errors.append(f"{form} kept")
            cells.append(f"kept {kept:2}/{compounds:<2} rejoined {rejoined:3}/{broken:<3}")
        if make is not None:
            repair.known_words = original  # type: ignore[assignment]
        print(f"{name:26} {secs:7.2f}  " + "  ".join(cells) + f"  {len(errors)} {', '.join(errors)}")


def _previous_counts(text: str) -> Counter[str]:
    return Counter(m.group().lower() for m in re.finditer(r"[A-Za-z][A-Za-z-]+", text))


def _previous_rule(line: str, nxt: str, counts: Counter[str]) -> str | None:
    """The rule before issue 11: the joined form anywhere, or a lower-case
    continuation whose hyphenated form is not written twice, drops the hyphen."""
    m = re.search(r"(\w+)-$", line.rstrip())
    n = re.match(r"(\w+)", nxt.lstrip())
    if not m or not n:
        return None
    joined = (m.group(1) + n.group(1)).lower()
    hyphened = f"{m.group(1)}-{n.group(1)}".lower()
    if counts[joined] > 0:
        return "drop"
    if n.group(1)[0].islower() and m.group(1).isalpha() and counts[hyphened] <= 1:
        return "drop"
    return "keep"


if __name__ == "__main__":
    main()
