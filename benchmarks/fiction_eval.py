"""The claims-and-quotes engine scored on fiction: the hand-made gold of ``benchmarks/fiction_gold`` (24 excerpts
of War and Peace, outside the megabyte ``extract.py`` times), with the news scorer ``score_attribution.py``.

    python benchmarks/fiction_eval.py [--out DIR] [--only REGEX] [--min-f1 F] [--min-speaker S]

The excerpts are too short to read as a story on their own (``genre.is_story`` asks for 60 dialogue turns), so
they are scored as a reader meets them: the whole novel is analysed once (story mode, as the app and ``reader
extract`` read it), each quote is placed on the book's text, and the quotes inside each excerpt are handed to the
real scorer (this script, ``--print DIR``, is the command it runs for each excerpt). Also printed: how often the
person a found attribution is given (the panel's speaker group) is the one the annotator named (``AnnotatorNotes``).
``--only REGEX`` scores the excerpts whose name it matches (``--only 'wp_(0|1[0-2])'`` the first set, wp_01-12).
Exit status 1 when ``--min-f1`` or ``--min-speaker`` is not met (tests/test_fiction_scorer.py).

Measured on session 13's first code: R .825 P .863 F1 .843 speaker .808, person .631 (173/274); a story's pronoun
not taken for a preposition's object ('went up to Dólokhov. “…” he said'): person .642 (176/274); a quotation no
one is said to say given, in a dialogue between two, to the one who did not speak last: person .657 (180/274)
(wp_01-12 .698, 88/126; wp_13-24 .622, 92/148); a pronoun taken for the role described since the person last
named ('The lad was unable to walk … he screamed'): person .668 (183/274; wp_01-12 .722, 91/126; wp_13-24 .622,
92/148); a quotation someone thinks ('“…” thought Pierre.') theirs: speaker .816, person .672 (184/274;
wp_01-12 speaker .833, person 91/126; wp_13-24 speaker .800, person 93/148). Session 14: speech a character reports
inside a quotation no one is said to say part of it, and the speaker before a colon past a relative clause: R .827
P .862 F1 .844 speaker .816, person .673 (185/275; wp_01-12 speaker .835, person 92/127); a story's he or she the
subject of the sentences before it, not someone they act on, and a source in a leading subordinate clause the
sentence's subject: speaker .820, person .691 (190/275; wp_01-12 speaker .843, person 93/127; wp_13-24 speaker .800,
person 97/148); the speaker before a colon past 'In the midst of' (no cue's 'the' or 'of' taken for its verb), and
the subject of a verb joined by 'but' ('did not answer but only looked up with a smile that said:'): speaker .828,
person .698 (192/275; wp_01-12 speaker .851, person 94/127; wp_13-24 speaker .807, person 98/148); 'Her maternal
instinct told her that …' hers: person .702 (193/275; wp_01-12 95/127); a bare title ('replied the prince') the one
person the scene names with it ('Prince Vasíli Kurágin'), none when it names two: person .713 (196/275; wp_01-12
95/127, wp_13-24 101/148). With the CRF
left out of stories (a third of the analysis's time): R .780 P .876 F1 .825 speaker .793, person .612 (159/260):
the CRF finds reported speech and thought a story tells ("told her that …", "decided that …") that the rules and
the linear models miss, so it stays.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "benchmarks" / "fiction_gold"
SHARED = ROOT.parent / "shared"
BOOK = SHARED / "corpus" / "big" / "war-and-peace_2600-0.txt"
SCORER = SHARED / "eval" / "score_attribution.py"


def scorer() -> ModuleType:
    """The shared scorer as a module (its ``parse_ann``, ``locate`` and ``words``)."""
    spec = importlib.util.spec_from_file_location("score_attribution", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def placed_quotes(raw: str) -> list[tuple[int, int, dict[str, Any]]]:
    """The novel's quotes as the app finds them, each placed on ``raw`` (the book file's text: the loader joins
    its wrapped lines, so a quote's words are looked for with any white space between them, in text order)."""
    from reader.analysis import analyse
    from reader.loaders import load

    result = analyse(load(BOOK))
    out: list[tuple[int, int, dict[str, Any]]] = []
    at = 0
    for q in sorted((q.to_json() for q in result.quotes), key=lambda q: q["start"]):
        words = q["text"].split()
        if not words:
            continue
        m = re.compile(r"\s+".join(map(re.escape, words))).search(raw, max(0, at - 3000))
        if m is None:
            continue
        at = m.start()
        out.append((m.start(), m.end(), q))
    return out


def write_predictions(out_dir: Path) -> None:
    """Each excerpt's quotes, as ``reader extract --json`` prints them, in ``out_dir/NAME.json``."""
    raw = BOOK.read_text(encoding="utf-8")
    placed = placed_quotes(raw)
    out_dir.mkdir(parents=True, exist_ok=True)
    for txt in sorted(GOLD.glob("*.txt")):
        excerpt = txt.read_text(encoding="utf-8")
        pos = raw.index(excerpt)
        quotes = [{**q, "start": a - pos, "end": e - pos} for a, e, q in placed if pos <= a < pos + len(excerpt)]
        (out_dir / f"{txt.stem}.json").write_text(json.dumps({"quotes": quotes}, ensure_ascii=False), encoding="utf-8")


def gold_texts(only: str = "") -> list[Path]:
    """The gold excerpts' text files, those whose name ``only`` matches (all when empty)."""
    return [txt for txt in sorted(GOLD.glob("*.txt")) if re.match(only, txt.stem)]


def person_agreement(out_dir: Path, only: str = "") -> tuple[int, int]:
    """(right, asked): of the gold attributions found (the scorer's 30% rule) whose speaker the annotator named,
    those whose found person shares a content word with that name."""
    sa = scorer()
    right = asked = 0
    for txt in gold_texts(only):
        excerpt = txt.read_text(encoding="utf-8")
        spans: dict[str, list[tuple[int, int]]] = {}
        notes: dict[str, str] = {}
        rels: list[dict[str, str]] = []
        for line in txt.with_suffix(".ann").read_text(encoding="utf-8").splitlines():
            if line.startswith("T") and line.count("\t") >= 2:
                tid, mid, _ = line.split("\t", 2)
                spans[tid] = [(int(a), int(b)) for a, b in (p.split() for p in mid.split(" ", 1)[1].split(";"))]
            elif line.startswith("#"):
                _, mid, note = line.split("\t", 2)
                notes[mid.split()[1]] = note
            elif line.startswith("E"):
                rels.append(dict(p.split(":") for p in line.split("\t")[1].split()))
        preds = []
        for q in json.loads((out_dir / f"{txt.stem}.json").read_text(encoding="utf-8"))["quotes"]:
            loc = sa.locate(excerpt, q["text"], q["start"])
            preds.append((set(range(*loc)) if loc and loc[1] - loc[0] <= 600 else set(),
                          q.get("person") or q.get("speaker") or ""))
        for r in rels:
            content_id = r.get("Content", "")
            person = notes.get(r.get("Source", "")) or notes.get(content_id)
            if content_id not in spans or not person:
                continue
            content = {k for a, b in spans[content_id] for k in range(a, b)}
            hit = next((p for found, p in preds if len(found & content) >= 0.3 * len(content)), None)
            if hit is not None:
                asked += 1
                right += bool(sa.words(person) & sa.words(hit))
    return right, asked


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, help="where the excerpts' predictions go (default: a temporary folder)")
    ap.add_argument("--only", default="", metavar="REGEX", help="score only the excerpts whose name this matches")
    ap.add_argument("--min-f1", type=float, default=0.0)
    ap.add_argument("--min-speaker", type=float, default=0.0)
    ap.add_argument("--print", nargs=2, metavar=("DIR", "PATH"), help=argparse.SUPPRESS)  # the scorer's command
    args = ap.parse_args()
    if args.print:
        sys.stdout.write((Path(args.print[0]) / f"{Path(args.print[1]).stem}.json").read_text(encoding="utf-8"))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        write_predictions(out)
        right, asked = person_agreement(out, args.only)
        gold = GOLD
        if args.only:  # the scorer reads a whole folder: hand it one holding only the chosen excerpts
            gold = Path(tmp) / "gold"
            gold.mkdir()
            for txt in gold_texts(args.only):
                for path in (txt, txt.with_suffix(".ann")):
                    (gold / path.name).symlink_to(path)
        run = subprocess.run([sys.executable, str(SCORER), str(gold),
                              f"{sys.executable} {Path(__file__).resolve()} --print {out}"],
                             capture_output=True, text=True, check=True)
    summary = json.loads(run.stdout.splitlines()[0])
    print(run.stdout.strip().splitlines()[-1])
    print(f"person named by the annotator: {right}/{asked} = {right / max(asked, 1):.3f}")
    return 0 if summary["f1"] >= args.min_f1 and summary["speaker"] >= args.min_speaker else 1


if __name__ == "__main__":
    sys.exit(main())
