"""A PDF's own highlight annotations that Reader took over are not drawn by MuPDF as well (tester, session 13,
pdf2 item 1): Reader imports them as its highlights and draws those; deleting the imported highlight left
MuPDF drawing the PDF's annotation on the page, so the person still saw the highlight they had deleted. The
file on disk is never changed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt

PASSAGE = "Marginal notes survive"
#: Where the second annotation lies: on no words at all, so Reader cannot take it over.
BLANK = (300.0, 300.0, 420.0, 320.0)


def annotated_pdf(path: Path) -> Path:
    """One page: a pure-yellow highlight annotation over PASSAGE, and one over a blank part of the page."""
    import pymupdf

    with pymupdf.open() as d:
        page = d.new_page()
        page.insert_text((72, 100), f"{PASSAGE} the trip between readers.", fontsize=12)
        page.insert_text((72, 130), "A second line that nobody marked.", fontsize=12)
        for rect in (page.search_for(PASSAGE)[0], pymupdf.Rect(*BLANK)):
            annot = page.add_highlight_annot(rect)
            annot.set_colors(stroke=(1, 1, 0))
            annot.update()
        d.save(path)
    return path


def yellow_share(w, rect: tuple[float, float, float, float]) -> float:
    """How much of ``rect`` (page points, page 1) is drawn highlight yellow on screen: red and green high,
    blue well below them (the PDF's annotation, or Reader's own yellow highlight over it)."""
    pv = w.page_view
    page, z = pv.page_rect(0), pv.zoom
    area = QRectF(page.x() + rect[0] * z, page.y() + rect[1] * z, (rect[2] - rect[0]) * z, (rect[3] - rect[1]) * z)
    img = pv.viewport().grab().toImage()
    n = hits = 0
    for x in range(int(area.left()) + 2, int(area.right()) - 2, 2):
        for y in range(int(area.top()) + 2, int(area.bottom()) - 2, 2):
            c = img.pixelColor(x, y)
            n += 1
            hits += c.red() > 200 and c.green() > 180 and c.blue() < c.green() - 60
    return hits / max(1, n)


def test_a_deleted_imported_highlight_is_no_longer_drawn_on_its_page(qtbot, window, tmp_path):
    pdf = annotated_pdf(tmp_path / "marked.pdf")
    before = pdf.read_bytes()
    window.open_path(pdf)
    qtbot.waitUntil(lambda: window.session is not None and window.doc is not None and window.doc.path == pdf
                    and len(window.session.highlights) == 1, timeout=20000)
    (h,) = window.session.highlights
    assert h.origin == "imported" and h.exact == PASSAGE
    pv = window.page_view
    qtbot.waitUntil(lambda: 0 in pv.painted_pages, timeout=10000)
    marked = window.controller.pdf_pages.pdf.load_page(0).search_for(PASSAGE)[0]
    spot = (marked.x0, marked.y0, marked.x1, marked.y1)
    assert yellow_share(window, spot) > 0.5  # Reader's own yellow highlight is there

    qtbot.mouseClick(pv.viewport(), Qt.MouseButton.LeftButton, pos=pv.point_of(h.start + 3))  # choose it
    assert window.panel.current_id() == h.id
    pv.setFocus()
    qtbot.keyClick(pv, Qt.Key.Key_Delete)
    assert window.session.highlights == []
    qtbot.waitUntil(lambda: yellow_share(window, spot) < 0.02, timeout=10000)  # nothing yellow left there
    window.grab().save(str(tmp_path / "deleted.png"))
    assert yellow_share(window, BLANK) > 0.8  # the annotation Reader could not take over is still drawn
    window.close()
    assert pdf.read_bytes() == before  # the file is never changed


def test_opened_again_the_deleted_highlight_stays_undrawn(qtbot, window, tmp_path, db_path):
    from tests.gui_helpers import shown_window

    pdf = annotated_pdf(tmp_path / "marked.pdf")
    window.open_path(pdf)
    qtbot.waitUntil(lambda: window.session is not None and window.doc is not None and window.doc.path == pdf
                    and len(window.session.highlights) == 1, timeout=20000)
    window.session.delete(window.session.highlights[0].id)
    window.close()

    w = shown_window(qtbot, db_path)
    w.open_path(pdf)
    qtbot.waitUntil(lambda: w.session is not None and w.doc is not None and w.doc.path == pdf, timeout=20000)
    pv = w.page_view
    qtbot.waitUntil(lambda: 0 in pv.painted_pages, timeout=10000)
    marked = w.controller.pdf_pages.pdf.load_page(0).search_for(PASSAGE)[0]
    qtbot.waitUntil(lambda: yellow_share(w, (marked.x0, marked.y0, marked.x1, marked.y1)) < 0.02, timeout=10000)
    assert w.session.highlights == [] and yellow_share(w, BLANK) > 0.8


def test_a_notes_file_of_schema_18_knows_which_annotations_it_took_over(qtbot, window, tmp_path, db_path):
    """A PDF registered by a Reader that kept no record of what it took over: the annotations older than its
    registration were imported then. The one still a highlight, and the one with no highlight any more (the
    person deleted it), are Reader's: neither is drawn by MuPDF nor imported again. One changed after the
    registration (another program added it) is imported now, and Reader draws it."""
    import json

    import pymupdf
    import sqlite_utils

    from notes_db.pdf_annotations import UNKNOWN, taken_over
    from notes_db.store import APPLICATION_ID, SCHEMA_VERSION, NotesDB, migrations
    from reader.loaders import fingerprint_bytes

    pdf = tmp_path / "old.pdf"
    lines = ["Kept as a highlight here.", "Deleted by the person here.", "Added by another program."]
    with pymupdf.open() as d:
        page = d.new_page()
        for k, line in enumerate(lines):
            page.insert_text((72, 100 + 40 * k), line, fontsize=12)
        for line, when in zip(lines, ("D:20250101000000Z", "D:20250101000000Z", "D:20260601000000Z"), strict=True):
            annot = page.add_highlight_annot(page.search_for(line)[0])
            annot.set_colors(stroke=(1, 1, 0))
            annot.set_info(modDate=when)
            annot.update()
        r = page.search_for(lines[0])[0]
        rects = json.dumps([[0, r.x0, r.y0, r.x1, r.y1]])
        d.save(pdf)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    old = sqlite_utils.Database(db_path)
    migrations.apply(old, stop_before="m019_pdf_annotations")  # the file as schema 18 left it
    old.execute("PRAGMA user_version = 18")
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    old.execute("INSERT INTO documents (fingerprint, path, title, kind, chars, pages, position, created, opened) "
                "VALUES (?, ?, 'Old', 'pdf', 90, 1, 0, '2026-01-01T00:00:00.000+00:00', '')",
                [fingerprint_bytes(pdf.read_bytes()), str(pdf.resolve())])
    old.execute("INSERT INTO highlights (doc_id, start, \"end\", exact, prefix, suffix, page, rects, color, origin, "
                "created, updated) VALUES (1, 0, 25, ?, '', '', 0, ?, 'yellow', 'imported', "
                "'2026-01-01T00:00:00.000+00:00', '2026-01-01T00:00:00.000+00:00')", [lines[0], rects])
    old.conn.commit()
    old.close()
    with NotesDB(db_path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert taken_over(store, 1) == {UNKNOWN}

    window.open_path(pdf)
    qtbot.waitUntil(lambda: window.session is not None and window.doc is not None and window.doc.path == pdf,
                    timeout=20000)
    pv = window.page_view
    qtbot.waitUntil(lambda: 0 in pv.painted_pages, timeout=10000)
    spots = [window.controller.pdf_pages.pdf.load_page(0).search_for(line)[0] for line in lines]
    kept, deleted, added = ((r.x0, r.y0, r.x1, r.y1) for r in spots)
    qtbot.waitUntil(lambda: not window.controller.importing and yellow_share(window, deleted) < 0.02, timeout=10000)
    assert [h.exact for h in window.session.highlights] == [lines[0], lines[2]]
    assert yellow_share(window, kept) > 0.5 and yellow_share(window, added) > 0.5
    window.grab().save(str(tmp_path / "schema18.png"))
    with NotesDB(db_path) as store:
        assert UNKNOWN not in taken_over(store, 1) and len(taken_over(store, 1)) == 3


def test_opened_again_in_the_same_window_its_first_frame_is_without_it(qtbot, window, tmp_path):
    """The window knows the PDF by its path: the deleted highlight is not drawn even on the first frame, before
    the text (and so its notes) is read, which takes seconds for a book."""
    pdf = annotated_pdf(tmp_path / "marked.pdf")
    window.open_path(pdf)
    qtbot.waitUntil(lambda: window.session is not None and window.doc is not None and window.doc.path == pdf
                    and len(window.session.highlights) == 1 and not window.controller.importing, timeout=20000)
    window.session.delete(window.session.highlights[0].id)
    other = tmp_path / "other.md"
    other.write_text("# Other\n\nSomething else to read.\n", encoding="utf-8")
    window.open_path(other)
    qtbot.waitUntil(lambda: window.session is not None and window.doc.path == other)

    window.open_path(pdf)  # page 1 is drawn now; the text is read afterwards
    assert window.doc is None or window.doc.path != pdf  # (its text is not in yet)
    marked = window.controller.pdf_pages.pdf.load_page(0).search_for(PASSAGE)[0]
    assert yellow_share(window, (marked.x0, marked.y0, marked.x1, marked.y1)) < 0.02
    assert yellow_share(window, BLANK) > 0.8
