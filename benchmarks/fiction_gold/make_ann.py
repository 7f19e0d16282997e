#!/usr/bin/env python3
"""Build and check the fiction gold: wp_NN.ann from the hand-written annotations in annotations.in.

usage: make_ann.py [--excerpts | --check-only | --counts]
  --excerpts     cut wp_NN.txt from the book again (see cut_excerpts) and print their offsets
  (no option)    read annotations.in, find every string's offsets in wp_NN.txt, write wp_NN.ann, then check them
  --check-only   only check the wp_NN.ann files that are there (ranges, T text, E parts, no overlapping Contents)
  --counts       print the counts the README gives

annotations.in, one attribution a line, fields separated by " // ":

    KIND // CONTENT // CUE // SOURCE // PERSON

KIND     D direct speech in quotation marks, W written words quoted (a letter, a note), R reported speech,
         T an attributed thought or belief.
CONTENT  the words (for D/W with their quotation marks); whitespace in the file may be a line break. A content
         split by its attribution is written as its parts joined by " | ". A long part may be shortened to
         "BEGINNING ~~ END" (the part runs from BEGINNING to the first END after it, in the same paragraph).
         A part must be found exactly once in the excerpt, or be given an occurrence hint "@N" at its end
         (the N-th occurrence, counting from 1).
CUE, SOURCE  "-" when the text has none. Looked for in the content's paragraph ("<" before the string: the
         paragraph before it; ">": the one after), outside every Content, and must be found there exactly once
         (or "@N": the N-th there). "[x] more words" marks x as the span, the rest being context to make it unique.
PERSON   the character's fullest name as the book writes it ("?" if not known); written as AnnotatorNotes.

Lines "# wp_NN" start an excerpt; other lines starting with "#" and blank lines are comments.
Offsets are Python str indices into the .txt read as UTF-8. A range never spans a line break: a span that
crosses one is written as several ranges split at the line breaks (as brat does), and the T text is its
ranges' texts joined by a space.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
KINDS = {"D": "direct", "W": "written", "R": "reported", "T": "thought"}


BOOK = HERE.parents[2] / "shared" / "corpus" / "big" / "war-and-peace_2600-0.txt"
FIRST, COUNT, MIN_CHARS = 1_200_000, 12, 4500
# A second set, annotated after the first, by the same rule at the midpoints: wp_13 ... wp_24.
SETS = 2


class GoldError(Exception):
    pass


def cut_excerpts(book: str) -> list[tuple[int, int, int, str]]:
    """The excerpts of the book (read as UTF-8, line breaks as "\n"): (offset, start, end, text) each.

    COUNT offsets evenly spaced from FIRST to the Gutenberg footer ("*** END OF"): FIRST + i * (footer - FIRST) / COUNT
    (i = 0 ... COUNT - 1; then, for the second set, i = 0.5 ... COUNT - 0.5);
    from each, the next paragraph start (after a blank line), then whole paragraphs until at least MIN_CHARS characters.
    """
    footer = book.index("*** END OF")
    out = []
    for k in range(SETS * COUNT):
        i = k % COUNT + (k // COUNT) / SETS  # 0, 1, ... 11, then 0.5, 1.5, ... 11.5
        offset = FIRST + round(i * (footer - FIRST) / COUNT)
        m = re.compile(r"\n[ \t]*\n(?=\S)").search(book, offset)
        if m is None:
            raise GoldError(f"no paragraph after {offset}")
        start = end = m.end()
        while end - start < MIN_CHARS:
            gap = re.compile(r"\n[ \t]*\n").search(book, end)
            if gap is None or gap.start() > footer:
                raise GoldError(f"excerpt at {offset} runs into the footer")
            end = gap.start() if gap.start() - start >= MIN_CHARS else gap.end()
        out.append((offset, start, end, book[start:end] + "\n"))
    return out


@dataclass
class Entry:
    excerpt: str
    line: int
    kind: str
    content: str
    cue: str
    source: str
    person: str


def read_annotations(path: Path) -> list[Entry]:
    entries: list[Entry] = []
    excerpt = ""
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip("\n")
        m = re.match(r"#\s*(wp_\d\d)\s*$", line)
        if m:
            excerpt = m.group(1)
            continue
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split(" // ")
        if len(fields) != 5 or fields[0] not in KINDS or not excerpt:
            raise GoldError(f"annotations.in:{n}: want KIND // CONTENT // CUE // SOURCE // PERSON: {line!r}")
        entries.append(Entry(excerpt, n, *(f.strip() for f in fields)))
    return entries


def pattern(s: str) -> str:
    """A regex for s in which any whitespace matches any run of whitespace (a line break in the file)."""
    return r"\s+".join(re.escape(w) for w in s.split())


def paragraphs(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in re.finditer(r"\n[ \t]*\n", text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def para_index(paras: list[tuple[int, int]], pos: int) -> int:
    return next(i for i, (a, b) in enumerate(paras) if a <= pos <= b)


def split_hint(s: str) -> tuple[str, int | None]:
    m = re.match(r"(.*?)@(\d+)$", s)
    return (m.group(1), int(m.group(2))) if m else (s, None)


def find_part(text: str, part: str, where: str) -> tuple[int, int]:
    body, nth = split_hint(part)
    if " ~~ " in body:
        head, tail = body.split(" ~~ ")
        starts = [m.start() for m in re.finditer(pattern(head), text)]
        spans = []
        paras = paragraphs(text)
        for s in starts:
            p_end = paras[para_index(paras, s)][1]
            m = re.compile(pattern(tail)).search(text, s + len(head), p_end)
            if m:
                spans.append((s, m.end()))
    else:
        spans = [(m.start(), m.end()) for m in re.finditer(pattern(body), text)]
    if nth is None and len(spans) != 1:
        raise GoldError(f"{where}: content part {part!r} found {len(spans)} times (want once, or give @N)")
    if nth is not None and not 1 <= nth <= len(spans):
        raise GoldError(f"{where}: content part {part!r}: occurrence {nth} of {len(spans)}")
    return spans[(nth or 1) - 1]


def find_near(text: str, spec: str, content_at: int, taken: list[tuple[int, int]], where: str) -> tuple[int, int] | None:
    if spec == "-":
        return None
    paras = paragraphs(text)
    i = para_index(paras, content_at)
    if spec.startswith("<"):
        i, spec = i - 1, spec[1:]
    elif spec.startswith(">"):
        i, spec = i + 1, spec[1:]
    if not 0 <= i < len(paras):
        raise GoldError(f"{where}: no such paragraph for {spec!r}")
    lo, hi = paras[i]
    body, nth = split_hint(spec)
    m = re.fullmatch(r"(.*?)\[(.+?)\](.*)", body)
    before, span, after = (m.group(1), m.group(2), m.group(3)) if m else ("", body, "")
    rx = ""
    if before.strip():
        rx += pattern(before) + (r"\s+" if before.endswith(" ") else "")
    rx += "(" + pattern(span) + ")"
    if after.strip():
        rx += (r"\s+" if after.startswith(" ") else "") + pattern(after)
    first, last = (before.strip() or span)[0], (after.strip() or span)[-1]
    rx = (r"(?<!\w)" if first.isalnum() else "") + rx + (r"(?!\w)" if last.isalnum() else "")
    found = []
    for mm in re.finditer(rx, text[lo:hi]):
        a, b = lo + mm.start(1), lo + mm.end(1)
        if not any(x < b and a < y for x, y in taken):
            found.append((a, b))
    if nth is None and len(found) != 1:
        raise GoldError(f"{where}: {spec!r} found {len(found)} times in its paragraph outside quotes (want once, or give @N)")
    if nth is not None and not 1 <= nth <= len(found):
        raise GoldError(f"{where}: {spec!r}: occurrence {nth} of {len(found)}")
    return found[(nth or 1) - 1]


def ranges_of(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The span a..b as ranges split at line breaks (whitespace at the cut left out)."""
    out = []
    for m in re.finditer(r"[^\n]+", text[a:b]):
        s, e = a + m.start(), a + m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def t_text(text: str, ranges: list[tuple[int, int]]) -> str:
    return " ".join(text[a:b] for a, b in ranges)


def fmt(ranges: list[tuple[int, int]]) -> str:
    return ";".join(f"{a} {b}" for a, b in ranges)


def build(entries: list[Entry]) -> dict[str, str]:
    by_excerpt: dict[str, list[Entry]] = {}
    for e in entries:
        by_excerpt.setdefault(e.excerpt, []).append(e)
    out = {}
    for name, es in by_excerpt.items():
        text = (HERE / f"{name}.txt").read_text(encoding="utf-8")
        contents = []
        for e in es:
            where = f"annotations.in:{e.line} ({name})"
            spans = [find_part(text, p.strip(), where) for p in e.content.split(" | ")]
            contents.append(spans)
        taken = [s for spans in contents for s in spans]
        lines, t, ev, note = [], 0, 0, 0
        for e, spans in sorted(zip(es, contents, strict=True), key=lambda x: x[1][0][0]):
            where = f"annotations.in:{e.line} ({name})"
            src = find_near(text, e.source, spans[0][0], taken, where)
            cue = find_near(text, e.cue, spans[0][0], taken, where)
            ids = {}
            if src:
                t += 1
                ids["Source"] = t
                lines.append(f"T{t}\tSource {fmt(ranges_of(text, *src))}\t{t_text(text, ranges_of(text, *src))}")
            if cue:
                t += 1
                ids["Cue"] = t
                lines.append(f"T{t}\tCue {fmt(ranges_of(text, *cue))}\t{t_text(text, ranges_of(text, *cue))}")
            c_ranges = [r for a, b in spans for r in ranges_of(text, a, b)]
            t += 1
            ids["Content"] = t
            lines.append(f"T{t}\tContent {fmt(c_ranges)}\t{t_text(text, c_ranges)}")
            a_ranges = ranges_of(text, *cue) if cue else c_ranges
            kind = "Attribution" if src else "Attribution-no-source"
            t += 1
            lines.append(f"T{t}\t{kind} {fmt(a_ranges)}\t{t_text(text, a_ranges)}")
            ev += 1
            parts = [f"{kind}:T{t}", f"Content:T{ids['Content']}"]
            parts += [f"{k}:T{ids[k]}" for k in ("Cue", "Source") if k in ids]
            lines.append(f"E{ev}\t{' '.join(parts)}")
            if e.person != "?":
                note += 1
                lines.append(f"#{note}\tAnnotatorNotes T{ids.get('Source', ids['Content'])}\t{e.person}")
        out[name] = "\n".join(lines) + "\n"
    return out


def check(name: str, text: str, ann: str) -> list[str]:
    """Problems in one .ann against its .txt (an empty list when it is sound)."""
    errors = []
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events = []
    for n, line in enumerate(ann.splitlines(), 1):
        where = f"{name}.ann:{n}"
        if line.startswith("T"):
            try:
                tid, mid, s = line.split("\t")
                kind, rng = mid.split(" ", 1)
                ranges = [(int(p.split()[0]), int(p.split()[1])) for p in rng.split(";")]
            except ValueError:
                errors.append(f"{where}: malformed T line")
                continue
            if any(not 0 <= a < b <= len(text) for a, b in ranges):
                errors.append(f"{where}: range outside the text or empty: {rng}")
                continue
            if t_text(text, ranges) != s:
                errors.append(f"{where}: T text {s!r} != text at {rng} {t_text(text, ranges)!r}")
            spans[tid] = (kind, ranges)
        elif line.startswith("E"):
            events.append((where, line))
        elif line.startswith("#"):
            m = re.match(r"#\d+\tAnnotatorNotes (T\d+)\t\S", line)
            if not m:
                errors.append(f"{where}: malformed note")
            else:
                events.append((where, f"note {m.group(1)}"))
        elif line.strip():
            errors.append(f"{where}: unknown line")
    for where, line in events:
        if line.startswith("note "):
            if line[5:] not in spans:
                errors.append(f"{where}: note on missing {line[5:]}")
            continue
        parts = dict(p.split(":") for p in line.split("\t")[1].split())
        for role, tid in parts.items():
            if tid not in spans:
                errors.append(f"{where}: {role} {tid} does not exist")
            elif spans[tid][0] != role:
                errors.append(f"{where}: {tid} is a {spans[tid][0]}, not a {role}")
        if "Content" not in parts:
            errors.append(f"{where}: no Content")
    contents = sorted((a, b, tid) for tid, (k, rs) in spans.items() if k == "Content" for a, b in rs)
    reach, reach_tid = -1, ""
    for a, b, tid in contents:
        if a < reach:
            errors.append(f"{name}.ann: Contents {reach_tid} and {tid} overlap at {a}..{min(b, reach)}")
        if b > reach:
            reach, reach_tid = b, tid
    return errors


def check_all(folder: Path = HERE) -> list[str]:
    errors = []
    for txt in sorted(folder.glob("wp_*.txt")):
        ann = txt.with_suffix(".ann")
        if not ann.exists():
            errors.append(f"{ann.name}: missing")
            continue
        errors += check(txt.stem, txt.read_text(encoding="utf-8"), ann.read_text(encoding="utf-8"))
    return errors


def counts(entries: list[Entry]) -> None:
    names = sorted({e.excerpt for e in entries})
    print(f"excerpts {len(names)}, attributions {len(entries)}")
    for k, label in KINDS.items():
        quoted = sum(e.kind == k and e.content.startswith("“") for e in entries)
        print(f"  {label}: {sum(e.kind == k for e in entries)} (in quotation marks: {quoted})")
    print(f"  with a Source: {sum(e.source != '-' for e in entries)}; without: {sum(e.source == '-' for e in entries)}")
    print(f"  with a Cue: {sum(e.cue != '-' for e in entries)}; speaker named in a note: {sum(e.person != '?' for e in entries)}")
    print(f"  contents split by their attribution: {sum(' | ' in e.content for e in entries)}")
    for n in names:
        print(f"  {n}: {sum(e.excerpt == n for e in entries)}")


def main() -> int:
    if "--excerpts" in sys.argv:
        for i, (offset, start, end, text) in enumerate(cut_excerpts(BOOK.read_text(encoding="utf-8")), 1):
            (HERE / f"wp_{i:02d}.txt").write_text(text, encoding="utf-8", newline="\n")
            print(f"wp_{i:02d}\t{offset}\t{start}\t{end}\t{end - start}")
        return 0
    if "--check-only" not in sys.argv:
        try:
            entries = read_annotations(HERE / "annotations.in")
            built = build(entries)
        except GoldError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        for name, ann in built.items():
            (HERE / f"{name}.ann").write_text(ann, encoding="utf-8")
        if "--counts" in sys.argv:
            counts(entries)
    errors = check_all()
    for e in errors:
        print(e, file=sys.stderr)
    print(f"checked {len(list(HERE.glob('wp_*.ann')))} .ann files: {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
