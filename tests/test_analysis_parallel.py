"""A long text analysed in two processes finds exactly what one process finds.

Each check runs in a fresh interpreter (one thread: the only kind of process
the analysis forks; pytest's, with Qt loaded, is never forked)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.analysis.parallel import parts
from tests.conftest import CORPUS, ROOT

BOOK = CORPUS / "big" / "war-and-peace_2600-0.txt"

SCRIPT = r"""
import json, os, sys
from pathlib import Path
from reader.analysis import analyse, parallel
import reader.analysis as analysis
from reader.loaders import load

full = load(Path(sys.argv[1]))
cut = next(b.start for b in full.blocks if b.start >= 250_000)
doc = type(full).from_blocks(full.path, full.kind, full.title, [b for b in full.blocks if b.end <= cut],
                             full.fingerprint)

def findings():
    a = analyse(doc)
    return {**a.to_json(), "sentences": a.sentences}

forks = []
sent = []  # the parts each helper sent back
class Counted(parallel.Helper):
    def __init__(self, work, queue):
        super().__init__(work, queue)
        forks.append(self.pid)
        sent.append(0)
    def ready(self, wait=False):
        got = super().ready(wait)
        sent[-1] += len(got or [])
        return got
parallel.Helper = Counted
parallel.cores = lambda: 2  # a one-core machine forks too, for this check

parallel.MIN_CHARS = 1 << 62
one = findings()
parallel.MIN_CHARS = 0
two = findings()
assert len(forks) == 1, forks

# a helper that fails: the caller analyses its half itself
parent = os.getpid()
real = analysis._analyse_blocks
def failing(*args, **kw):
    if os.getpid() != parent:
        raise MemoryError("the helper fails")
    return real(*args, **kw)
analysis._analyse_blocks = failing
again = findings()
assert len(forks) == 2, forks

# a helper that fails after sending a part back: the caller keeps that part and analyses the ones it took after
calls = []
def failing_later(*args, **kw):
    if os.getpid() != parent:
        calls.append(1)
        if len(calls) == 2:
            os._exit(3)
    return real(*args, **kw)
analysis._analyse_blocks = failing_later
later = findings()
assert len(forks) == 3, forks
assert sent[0] >= 2 and sent[1] == 0 and sent[2] == 1, sent
print(json.dumps({"one": one, "two": two, "again": again, "later": later}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the analysis forks a helper on Linux only")
def test_two_processes_find_what_one_finds(tmp_path: Path) -> None:
    if not BOOK.exists():
        pytest.skip("the corpus is not beside the project")
    book = tmp_path / BOOK.name
    shutil.copy(BOOK, book)
    r = subprocess.run([sys.executable, "-c", SCRIPT, str(book)], capture_output=True, text=True, timeout=300,
                       cwd=ROOT)
    assert r.returncode == 0, r.stderr[-2000:]
    out = json.loads(r.stdout)
    one = out["one"]
    assert one["sentences"] > 2000 and len(one["quotes"]) > 500 and len(one["claims"]) >= 5
    assert {q["person"] for q in one["quotes"]} >= {"Anna Pávlovna Schérer", "Pierre"}
    assert out["two"] == one
    assert out["again"] == one
    assert out["later"] == one


def test_parts_cut_the_text_at_blocks() -> None:
    # each part at least a quarter of what is left (large parts first), the last two parts' worth in parts four
    # times smaller (both processes finish close together)
    assert parts([10] * 100, 100) == [(0, 25), (25, 44), (44, 58), (58, 69), (69, 79), (79, 89)] + [
        (k, k + 3) for k in range(89, 98, 3)] + [(98, 100)]
    assert parts([10] * 40, 100) == [(0, 10), (10, 20)] + [(k, k + 3) for k in range(20, 38, 3)] + [(38, 40)]
    assert parts([10, 10, 10, 10], 20) == [(0, 1), (1, 2), (2, 3), (3, 4)]
    assert parts([100, 1, 1, 1], 50) == [(0, 4)]  # a short tail joins the part before
    assert parts([1, 1, 1, 100], 50) == [(0, 4)]  # one block is the text: one part
    assert parts([5], 50) == [(0, 1)]
    assert parts([], 50) == []


QUEUE = r"""
import json, os, struct
from reader.analysis.parallel import Queue

queue = Queue(1000)
r, w = os.pipe()
pid = os.fork()
if pid == 0:  # the child takes numbers as the parent does, and sends back which
    os.close(r)
    taken = [k for k in queue]
    os.write(w, struct.pack(f"<{len(taken)}I", *taken))
    os._exit(0)
os.close(w)
mine = list(queue)
queue.close()
with os.fdopen(r, "rb") as fh:
    data = fh.read()
os.waitpid(pid, 0)
print(json.dumps({"mine": mine, "theirs": list(struct.unpack(f"<{len(data) // 4}I", data))}))
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork")
def test_each_number_of_the_queue_goes_to_one_process() -> None:
    r = subprocess.run([sys.executable, "-c", QUEUE], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert r.returncode == 0, r.stderr[-2000:]
    out = json.loads(r.stdout)
    assert sorted(out["mine"] + out["theirs"]) == list(range(1000))
    assert out["mine"] == sorted(out["mine"]) and out["theirs"] == sorted(out["theirs"])


IN_ORDER = r"""
import json, os, time
from reader.analysis import parallel

parent = os.getpid()

def work(k, here):
    time.sleep(0.02 if k % 3 else 0.05)  # uneven parts: the helper and the caller take turns unevenly
    return {"k": k, "pid": os.getpid(), "here": here, "big": "x" * 100_000}  # (more than a pipe holds, in all)

got = []
for part in parallel.in_order(30, work, first=lambda: time.sleep(0.05)):
    got.append(part)
print(json.dumps({"ks": [p["k"] for p in got], "mine": sum(p["pid"] == parent for p in got),
                  "theirs": sum(p["pid"] != parent for p in got), "big": all(len(p["big"]) == 100_000 for p in got)}))
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork")
def test_parts_come_back_in_order_from_both_processes() -> None:
    r = subprocess.run([sys.executable, "-c", IN_ORDER], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert r.returncode == 0, r.stderr[-2000:]
    out = json.loads(r.stdout)
    assert out["ks"] == list(range(30))
    assert out["mine"] >= 5 and out["theirs"] >= 5
    assert out["big"]


REAP = r"""
import json, os, time
from reader.analysis import parallel

def gone(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False

closes = []  # (pid, done) of each Helper.close
real_close = parallel.Helper.close
def close(self, done=False):
    closes.append((self.pid, done))
    real_close(self, done)
parallel.Helper.close = close

# all the parts in: the helper is closed as done (ending by itself), then waited for by reap
got = list(parallel.in_order(6, lambda k, here: k))
parallel.reap()
in_order_done = closes[-1][1] and gone(closes[-1][0])

# a helper closed as done while it is still ending is not waited for then, but by reap
queue = parallel.Queue(2)
helper = parallel.Helper(lambda k: k, queue)
results = []
while len(results) < 2:  # (this process takes no number: the helper does both, and nothing is read past them)
    results += helper.ready(wait=True) or []
queue.close()
real = os.waitpid
def waitpid(pid, flags):
    if flags == os.WNOHANG:
        return 0, 0  # (as if it were still ending: its memory being freed)
    return real(pid, flags)
os.waitpid = waitpid
helper.close(done=True)
os.waitpid = real
deferred = parallel._ENDING == [helper.pid]
parallel.reap()
reaped = gone(helper.pid) and not parallel._ENDING

# the caller stops taking parts (an error, a cancel): the helper is killed and waited for then
parts = parallel.in_order(30, lambda k, here: time.sleep(0.05) or k)
first = next(parts)
parts.close()
killed = closes[-1][1] is False and gone(closes[-1][0])
try:
    os.waitpid(-1, os.WNOHANG)
    left = True
except ChildProcessError:
    left = False
print(json.dumps({"got": got, "in_order_done": in_order_done, "results": sorted(k for k, _ in results),
                  "deferred": deferred, "reaped": reaped, "first": first, "killed": killed, "left": left}))
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork")
def test_a_helper_that_has_sent_everything_is_waited_for_after_the_work_and_one_given_up_on_is_killed() -> None:
    r = subprocess.run([sys.executable, "-c", REAP], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert r.returncode == 0, r.stderr[-2000:]
    out = json.loads(r.stdout)
    assert out["got"] == list(range(6)) and out["in_order_done"]
    assert out["results"] == [0, 1] and out["deferred"] and out["reaped"]
    assert out["first"] == 0 and out["killed"]
    assert not out["left"]  # no zombie, no helper left running
