"""Page view speed and memory on a 1,000-page PDF (and the 429-page QMF manual).

    python benchmarks/pdf.py [--pages N]

In one process, offscreen: bare PyMuPDF opening the file and rendering page 1
at the zoom Reader uses; Reader from "file chosen" (open_path) to page 1
painted; a jump to page 500 until it is painted; then a scroll through every
page, a screenful at a time, timing how long each newly visible page takes to
be painted; peak RSS at the end. Targets (issue 6): first page within 3x of
bare PyMuPDF, a page not yet seen painted within 50 ms, peak RSS under 400 MB.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QMF = ROOT.parent / "shared" / "corpus" / "big" / "govdocs1_027613_QMF_manual.pdf"
LINE = ("Reader renders only the pages you can see, on a thread of its own, and keeps a bounded cache of them "
        "so that a thousand pages scroll as easily as ten.")


def make_pdf(path: Path, pages: int) -> None:
    import pymupdf

    doc = pymupdf.open()
    for i in range(pages):
        page = doc.new_page(width=612, height=792)
        page.insert_text((72, 72), f"Chapter {i // 20 + 1}, page {i + 1}", fontsize=18)
        y = 110
        for k in range(38):
            page.insert_text((72, y), f"{k + 1:>2}. {LINE[: 80 + (i + k) % 30]}", fontsize=10)
            y += 16
    doc.save(str(path), garbage=3, deflate=True)
    doc.close()


def pump(app: object, until: object, timeout: float = 10.0) -> float:
    t0 = time.perf_counter()
    while not until():  # type: ignore[operator]
        app.processEvents()  # type: ignore[attr-defined]
        if time.perf_counter() - t0 > timeout:
            break
        time.sleep(0.0005)
    return (time.perf_counter() - t0) * 1000


def run(app: object, pdf: Path, db: Path, label: str, scroll: bool = True) -> None:
    from reader.ui.main_window import MainWindow

    w = MainWindow(db)
    w.resize(1320, 860)
    w.show()
    pump(app, lambda: False, 0.2)
    pv = w.page_view
    t0 = time.perf_counter()
    w.open_path(pdf)
    pump(app, lambda: 0 in pv.painted_pages, 20)
    reader_first = (pv.painted_at[0] - t0) * 1000  # the moment page 1 was drawn
    zoom = pv.zoom
    # Bare PyMuPDF as cold as Reader was: a fresh process, the import not timed.
    code = ("import sys, time, pymupdf; t = time.perf_counter(); d = pymupdf.open(sys.argv[1]); "
            "d[0].get_pixmap(matrix=pymupdf.Matrix(float(sys.argv[2]), float(sys.argv[2])), alpha=False); "
            "print((time.perf_counter() - t) * 1000)")
    bare = [float(subprocess.run([sys.executable, "-c", code, str(pdf), str(zoom)], capture_output=True, text=True,
                                 check=True).stdout) for _ in range(3)]
    b = statistics.median(bare)
    print(f"[{label}] {pv.count} pages, zoom {zoom:.2f}")
    print(f"  first page painted: Reader {reader_first:.1f} ms, bare PyMuPDF open+render {b:.1f} ms, "
          f"ratio {reader_first / b:.2f}x (target within 3x)")
    target = min(499, pv.count - 1)
    t0 = time.perf_counter()
    pv.go_to_page(target)
    pump(app, lambda: target in pv.painted_pages, 10)
    print(f"  jump to page {target + 1}: painted in {(pv.painted_at[target] - t0) * 1000:.1f} ms")
    if not scroll:
        w.close()
        return
    sb = pv.verticalScrollBar()
    sb.setValue(0)
    pump(app, lambda: False, 0.05)
    waits, stalls = [], []
    t_all = time.perf_counter()
    while True:
        new = [p for p in pv.visible_pages() if p not in pv.painted_pages and p not in pv.failed_pages]
        t0 = time.perf_counter()
        app.processEvents()
        stalls.append((time.perf_counter() - t0) * 1000)
        if new:
            pump(app, lambda new=new: all(p in pv.painted_pages or p in pv.failed_pages for p in new), 5)
            waits.append(max((pv.painted_at.get(p, t0) - t0) * 1000 for p in new))
        if sb.value() >= sb.maximum():
            break
        sb.setValue(sb.value() + sb.pageStep())
    total = time.perf_counter() - t_all
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    p95 = sorted(waits)[int(0.95 * (len(waits) - 1))] if waits else 0
    print(f"  scrolled through all pages in {total:.1f} s: a new page painted in median "
          f"{statistics.median(waits):.1f} ms, p95 {p95:.1f} ms, max {max(waits):.1f} ms (target 50 ms); "
          f"longest event-loop turn {max(stalls):.1f} ms")
    print(f"  page cache {pv.cache_bytes / 2**20:.0f} MB; peak RSS of the process {rss:.0f} MB (target under 400 MB)")
    w.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=1000)
    args = ap.parse_args()
    import pymupdf  # noqa: F401  (imported before timing, as in the running app)

    from reader.ui.app import make_app

    app = make_app()
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / f"{args.pages}-pages.pdf"
        t0 = time.perf_counter()
        make_pdf(pdf, args.pages)
        print(f"made {pdf.name} ({pdf.stat().st_size / 2**20:.1f} MB) in {time.perf_counter() - t0:.1f} s")
        run(app, pdf, Path(tmp) / "notes.sqlite", f"{args.pages}-page PDF")
        if QMF.exists():
            run(app, QMF, Path(tmp) / "notes2.sqlite", "QMF manual", scroll=True)


if __name__ == "__main__":
    main()
