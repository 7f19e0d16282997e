"""Sync benchmarks against a real local PostgreSQL server (started in a temp folder, stopped at the end).

    .venv/bin/python benchmarks/sync.py            # all
    .venv/bin/python benchmarks/sync.py --only first,latency,concurrent,kill

Prints: first sync of 10,000 highlights (push from one notes file, pull into a
new one); one new highlight from one client to another, end to end; 20
clients syncing 1,000 changes each at once (errors, loss, server CPU time per
change); 100 syncs killed with SIGKILL at random moments (no loss, no duplicate).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from notes_db.store import NotesDB  # noqa: E402
from notes_db.sync.client import sync  # noqa: E402
from tests.pg_server import PgServer, running  # noqa: E402
from tests.sync_helpers import Site, dump  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def server_cpu(pg: PgServer) -> float:
    """CPU seconds used by the cluster so far: the postmaster, its live children and the ones that ended."""
    total = 0.0
    pids = pg.server_pids()
    for i, pid in enumerate(pids):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        utime, stime, cutime, cstime = (int(x) for x in fields[11:15])
        total += utime + stime + ((cutime + cstime) if i == 0 else 0)
    return total / TICKS


def fill(path: Path, n: int, docs: int = 20, tag: str = "") -> None:
    """A notes file with n highlights over some documents, written in one transaction."""
    with NotesDB(path) as store:
        ids = [store.register_document(f"{tag}{d:04d}".ljust(64, "f"), f"/bench/{tag}{d}.pdf", f"Doc {d}", "pdf", 100000).id
               for d in range(docs)]
        with store.transaction():
            for i in range(n):
                cur = store.db.conn.execute(
                    "INSERT INTO highlights(doc_id, start, end, exact, prefix, suffix, color, note, tags_text, origin, "
                    "orphaned, created, updated, rects) VALUES (?, ?, ?, ?, '', '', 'yellow', ?, ?, 'user', 0, '', '', '[]')",
                    [ids[i % docs], i * 10, i * 10 + 8, f"passage {i}", f"note {i}" if i % 3 == 0 else "",
                     f"tag{i % 11}"])
                store.link_tags(int(cur.lastrowid or 0), [f"tag{i % 11}"])


def bench_first(pg: PgServer, tmp: Path) -> None:
    site = Site(pg)
    url = site.person("first")
    fill(tmp / "first-a.sqlite", 10_000)
    with NotesDB(tmp / "first-a.sqlite") as a:
        t0 = time.perf_counter()
        rep = sync(a, url)
        push = time.perf_counter() - t0
    with NotesDB(tmp / "first-b.sqlite") as b:
        t0 = time.perf_counter()
        rep_b = sync(b, url)
        pull = time.perf_counter() - t0
        n = len(dump(b)["highlights"])
    print(f"first sync, 10,000 highlights: push {push:.2f} s ({rep.pushed} rows sent); "
          f"pull into a new notes file {pull:.2f} s ({rep_b.pulled} rows, {n} highlights arrived)")


def bench_latency(pg: PgServer, tmp: Path, rounds: int = 30) -> None:
    site = Site(pg)
    url = site.person("lat")
    a, b = NotesDB(tmp / "lat-a.sqlite"), NotesDB(tmp / "lat-b.sqlite")
    d = a.register_document("9" * 64, "/bench/lat.md", "Latency", "markdown", 1000)
    sync(a, url)
    sync(b, url)
    times = []
    for i in range(rounds):
        t0 = time.perf_counter()
        a.add_highlight(d.id, i, i + 4, f"w{i}", note="new")
        sync(a, url)
        sync(b, url)
        times.append((time.perf_counter() - t0) * 1000)
        bd = b.document_by_fingerprint("9" * 64)
        assert bd is not None and len(b.highlights(bd.id)) == i + 1
    times.sort()
    print(f"one new highlight, client A -> server -> client B (add, A syncs, B syncs; new connection each): "
          f"median {statistics.median(times):.0f} ms, p90 {times[int(len(times) * 0.9)]:.0f} ms, "
          f"max {times[-1]:.0f} ms over {rounds}")
    a.close()
    b.close()


def _client(args: tuple[str, str, int]) -> tuple[str, float, str]:
    path, url, batch = args
    t0 = time.perf_counter()
    try:
        with NotesDB(path) as store:
            sync(store, url, batch=batch)
        return path, time.perf_counter() - t0, ""
    except Exception as exc:  # reported, not hidden
        return path, time.perf_counter() - t0, repr(exc)


def bench_concurrent(pg: PgServer, tmp: Path, clients: int = 20, changes: int = 1000) -> None:
    site = Site(pg)
    people = [site.person(f"c{i}") for i in range(clients // 2)]
    jobs = []
    for c in range(clients):
        path = tmp / f"conc-{c}.sqlite"
        fill(path, changes, docs=5, tag=f"c{c}x")
        jobs.append((str(path), people[c % len(people)], 500))
    cpu0 = server_cpu(pg)
    t0 = time.perf_counter()
    with mp.get_context("fork").Pool(clients) as pool:
        results = pool.map(_client, jobs)
    wall = time.perf_counter() - t0
    cpu = server_cpu(pg) - cpu0
    errors = [r for r in results if r[2]]
    # Everyone syncs again to pull the other device's rows; then count.
    cpu1 = server_cpu(pg)
    with mp.get_context("fork").Pool(clients) as pool:
        results2 = pool.map(_client, jobs)
    cpu_pull = server_cpu(pg) - cpu1
    errors += [r for r in results2 if r[2]]
    import psycopg

    with psycopg.connect(site.admin_url) as conn:
        on_server = conn.execute("SELECT count(*) FROM reader.items WHERE kind = 'highlight'").fetchone()[0]
    lost = 0
    for c in range(clients):
        with NotesDB(jobs[c][0]) as store:
            have = len(dump(store)["highlights"])
        lost += max(0, 2 * changes - have)  # each person has two devices: their own 1,000 and the other's
    total = clients * changes
    print(f"{clients} clients x {changes} changes at once: {len(errors)} errors, {total - on_server} lost on the server "
          f"({on_server} of {total}), {lost} missing on clients after a second round; wall {wall:.1f} s "
          f"(slowest client {max(r[1] for r in results):.1f} s); server CPU {cpu:.2f} s for the pushes = "
          f"{cpu / total * 1e6:.0f} us per change; second round (pull 1,000 each) {cpu_pull:.2f} s CPU")
    for e in errors[:3]:
        print("  error:", e)


def bench_kill(pg: PgServer, tmp: Path, trials: int) -> None:
    from tests.test_sync import kill_trials

    site = Site(pg)
    t0 = time.perf_counter()
    result = kill_trials(tmp / "kill", site.person("kill"), trials=trials, seed=2026)
    print(f"SIGKILL during sync: {result['trials']} trials, 2 killed syncs each: {json.dumps(result)}; "
          f"no loss, no duplicate (checked after every trial); {time.perf_counter() - t0:.0f} s")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", default="first,latency,concurrent,kill")
    ap.add_argument("--trials", type=int, default=100)
    args = ap.parse_args()
    wanted = set(args.only.split(","))
    with running() as pg, tempfile.TemporaryDirectory(prefix="reader-sync-bench-") as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "kill").mkdir()
        print(f"PostgreSQL on 127.0.0.1:{pg.port}, {os.cpu_count()} cores (shared machine: figures are noisy)")
        if "first" in wanted:
            bench_first(pg, tmp)
        if "latency" in wanted:
            bench_latency(pg, tmp)
        if "concurrent" in wanted:
            bench_concurrent(pg, tmp)
        if "kill" in wanted:
            bench_kill(pg, tmp, args.trials)


if __name__ == "__main__":
    main()
