"""Every file of ../shared/corpus through the real command line, as a tester would.

For each file: ``reader info FILE`` and ``reader --screenshot OUT.png FILE``
(offscreen), each in its own process with a 30 s limit, and for text files
``reader text FILE`` to check the script it is shown in. Prints one line per
file and the closing figures: tracebacks, deaths by signal, hangs (all must
be 0), view/text offset mismatches, and text files shown in their own script.

A text file's own script comes from the encoding at the end of its name
(``..._koi8_r.xml.txt``: Cyrillic); the others must show no mojibake (no
U+FFFD, no "Ã©"-style UTF-8-read-as-Latin-1 pairs).

    .venv/bin/python benchmarks/corpus_sweep.py [--jobs 2] [FILE_OR_FOLDER ...]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = (ROOT.parent / "shared" / "corpus").resolve()
READER = [sys.executable, "-X", "faulthandler", "-m", "reader"]  # a crash prints its Python stack
LIMIT = 30.0

#: encoding named at the end of a file name -> the script its letters are in
SCRIPTS = {
    "cp1256": "ARABIC", "cp1253": "GREEK", "cp1255": "HEBREW", "cp949": "HANGUL", "koi8_r": "CYRILLIC",
    "euc_jp": "CJK", "gb2312": "CJK", "cp1254": "LATIN", "cp1252": "LATIN", "latin1": "LATIN", "utf8bom": "LATIN",
}
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ".tsv", ""}
MOJIBAKE = re.compile("[ÃÂÅÐÑØ][\u0080-\u00bf]|â€|\ufffd")


@dataclass
class Run:
    rc: int | None  # None: killed at the time limit
    seconds: float
    stderr: str
    stdout: str = ""

    @property
    def traceback(self) -> bool:
        return "Traceback (most recent call last)" in self.stderr

    @property
    def signal(self) -> int:
        return -self.rc if self.rc is not None and self.rc < 0 else 0

    @property
    def hang(self) -> bool:
        return self.rc is None


@dataclass
class Result:
    path: Path
    info: Run
    shot: Run
    text: Run | None = None
    script: str = ""  # "ok", "wrong: ...", or "" (not a text file)
    notes: list[str] = field(default_factory=list)


def run(args: list[str], env: dict[str, str]) -> Run:
    t = time.perf_counter()
    try:
        p = subprocess.run(args, capture_output=True, text=True, errors="replace", timeout=LIMIT, env=env, cwd=ROOT,
                           stdin=subprocess.DEVNULL)
        return Run(p.returncode, time.perf_counter() - t, p.stderr, p.stdout)
    except subprocess.TimeoutExpired as exc:
        err = exc.stderr.decode(errors="replace") if isinstance(exc.stderr, bytes) else exc.stderr or ""
        return Run(None, time.perf_counter() - t, err)


def script_of(text: str) -> Counter[str]:
    """Letters counted by the first word of their Unicode name (LATIN, CYRILLIC, CJK, HIRAGANA...)."""
    c: Counter[str] = Counter()
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            first = name.split(" ")[0]
            c["CJK" if first in ("CJK", "HIRAGANA", "KATAKANA", "KATAKANA-HIRAGANA", "HALFWIDTH") else first] += 1
    return c


def expected_script(path: Path) -> str | None:
    stem = re.sub(r"(\.(txt|xml|htm|md))+$", "", path.name)
    for enc, script in SCRIPTS.items():
        if stem.endswith("_" + enc) or stem == enc:
            return script
    return None


def check_script(path: Path, text: str) -> str:
    want = expected_script(path)
    letters = script_of(text)
    bad = MOJIBAKE.findall(text)
    if want is None:
        return "ok" if not bad else f"wrong: mojibake {bad[:3]}"
    if want == "LATIN":
        return "ok" if not bad and letters["LATIN"] else f"wrong: mojibake {bad[:3]}"
    ours = letters[want]
    others = sum(n for s, n in letters.items() if s not in (want, "LATIN"))
    if ours >= 50 and others <= ours // 50 and not bad:
        return "ok"
    return f"wrong: {ours} {want} letters, {others} others, {len(bad)} mojibake"


def sweep(path: Path, workdir: Path) -> Result:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", READER_DB=str(workdir / f"{path.name}.sqlite"))
    info = run([*READER, "info", str(path)], env)
    shot = run([*READER, "--screenshot", str(workdir / f"{path.name}.png"), str(path)], env)
    res = Result(path, info, shot)
    if path.suffix.lower() in TEXT_SUFFIXES and info.rc == 0:
        res.text = run([*READER, "text", str(path)], env)
        if res.text.rc == 0:
            res.script = check_script(path, res.text.stdout)
        else:
            res.script = f"wrong: reader text exited {res.text.rc}"
    for r in (info, shot):
        if "view has" in r.stderr or "out of step" in r.stderr:
            res.notes.append("view/text offsets out of step")
    if shot.rc == 0 and not (workdir / f"{path.name}.png").exists():
        res.notes.append("no screenshot written")
    return res


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="*", type=Path, default=[CORPUS])
    ap.add_argument("--jobs", type=int, default=1, help="files at once (the machine is shared: 1 or 2)")
    args = ap.parse_args()
    files = sorted(f.resolve() for p in args.paths for f in ([p] if p.is_file() else p.rglob("*")) if f.is_file())
    if not files:
        print(f"no files under {', '.join(map(str, args.paths))}")
        return 1
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="reader-sweep-") as tmp, ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(lambda f: sweep(f, Path(tmp)), files))
    base = CORPUS if all(f.is_relative_to(CORPUS) for f in files) else Path("/")
    for r in results:
        first = next((ln for ln in r.info.stderr.splitlines() if ln.strip()), "")
        status = "ok" if r.info.rc == 0 else f"refused: {first[:70]}" if r.info.rc == 1 else f"rc={r.info.rc}"
        flags = [f"{k}" for k, v in (("TRACEBACK", r.info.traceback or r.shot.traceback),
                                      ("SIGNAL", r.info.signal or r.shot.signal),
                                      ("HANG", r.info.hang or r.shot.hang)) if v]
        script = f" script {r.script}" if r.script else ""
        print(f"{r.path.relative_to(base)!s:58} info {r.info.seconds:5.1f}s shot {r.shot.seconds:5.1f}s "
              f"(rc {r.shot.rc}) {status}{script} {' '.join(flags + r.notes)}")
    for r in results:
        for what, x in (("info", r.info), ("screenshot", r.shot)):
            if x.signal or x.traceback:
                print(f"\n{r.path.name} ({what}) stderr, last lines:\n  " + "\n  ".join(x.stderr.splitlines()[-25:]))
    n = len(results)
    tracebacks = sum(1 for r in results for x in (r.info, r.shot) if x.traceback)
    signals = sum(1 for r in results for x in (r.info, r.shot) if x.signal)
    hangs = sum(1 for r in results for x in (r.info, r.shot) if x.hang)
    texts = [r for r in results if r.script]
    own = sum(1 for r in texts if r.script == "ok")
    named = [r for r in texts if expected_script(r.path) not in (None, "LATIN")]
    named_ok = sum(1 for r in named if r.script == "ok")
    mismatches = sum(1 for r in results if "view/text offsets out of step" in r.notes)
    opened = sum(1 for r in results if r.info.rc == 0)
    print()
    print(f"files: {n} ({opened} opened, {n - opened} refused with a message), {2 * n} runs "
          f"in {time.perf_counter() - t0:.0f} s, limit {LIMIT:.0f} s each")
    print(f"tracebacks: {tracebacks}")
    print(f"signals: {signals}")
    print(f"hangs: {hangs}")
    print(f"view/text offset mismatches: {mismatches}")
    print(f"text files in their own script: {own}/{len(texts)} (legacy-encoded, non-Latin: {named_ok}/{len(named)})")
    return 0 if tracebacks == signals == hangs == mismatches == 0 and own == len(texts) else 1


if __name__ == "__main__":
    sys.exit(main())
