"""Note signs on a PDF's pages with 10,000 highlights in one book (500 pages, 20 a page): the cost of a paint
of the pages on screen and of a mouse move's hit-test, with no notes and with every other highlight noted.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/note_signs.py
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path


def main() -> None:
    import pymupdf
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication

    from notes_db import Highlight
    from reader.pdf_pages import PdfPages
    from reader.ui.page_view import PageView

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "book.pdf"
        with pymupdf.open() as d:
            for i in range(500):
                page = d.new_page()
                for k in range(20):
                    page.insert_text((72, 80 + 30 * k), f"Line {k} of page {i} with some words.", fontsize=12)
            d.save(path)
        for noted in (False, True):
            pv = PageView()
            pv.resize(900, 1000)
            pv.show()
            pv.set_pages(PdfPages.open(path))
            hs = []
            for i in range(10000):
                page, k = divmod(i, 20)
                hs.append(Highlight(id=i + 1, doc_id=1, start=i * 10, end=i * 10 + 5, exact="x",
                                    note="a note" if noted and i % 2 else "", page=page,
                                    rects=[[page, 72, 70 + 30 * k, 200, 84 + 30 * k]]))
            t = time.perf_counter()
            pv.set_highlights(hs)
            made = (time.perf_counter() - t) * 1e3
            pv.go_to_page(250)
            app.processEvents()
            t = time.perf_counter()
            for _ in range(50):
                pv.viewport().repaint()
            paint = (time.perf_counter() - t) * 1e3 / 50
            t = time.perf_counter()
            for _ in range(1000):
                pv.note_sign_at(QPoint(50, 300))
            hit = (time.perf_counter() - t) * 1e3 / 1000
            print(f"{'half noted' if noted else 'no notes  '}: set_highlights {made:.1f} ms, paint {paint:.2f} ms, "
                  f"hit-test {hit:.3f} ms")
            pv.shutdown()


if __name__ == "__main__":
    main()
