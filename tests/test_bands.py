"""PDF highlights as one band per line: on screen and in the exported PDF."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from reader.bands import line_bands
from tests.test_pages import drag, open_pdf, window  # noqa: F401 (the fixture)


def test_word_boxes_become_line_bands():
    words = [[0, 10, 100, 40, 112], [0, 44, 99, 80, 112.5], [0, 84, 100, 120, 112],  # line 1 (heights differ)
             [0, 10, 114, 50, 126], [0, 54, 114, 90, 126],                            # line 2
             [0, 320, 114, 360, 126],                                                 # the other column
             [1, 10, 100, 40, 112]]                                                   # next page
    bands = line_bands(words)
    assert [b[0] for b in bands] == [0, 0, 0, 1]
    assert bands[0] == [0, 10, 99, 120, 112.5] and bands[1] == [0, 10, 114, 90, 126]
    assert bands[2][1] == 320  # never joined across the gutter
    assert line_bands([]) == []


def test_highlight_is_one_band_per_line_on_screen_and_in_the_export(qtbot, window, specimen, tmp_path):  # noqa: F811
    w = window()
    open_pdf(qtbot, w, specimen("normal/tracemonkey.pdf"))
    pv = w.page_view
    t = w.doc.text
    s = t.index("Dynamic languages such as JavaScript are more difficult")
    e = t.index("compile than statically typed ones", s) + len("compile than statically typed ones")
    drag(qtbot, pv.viewport(), pv.point_of(s), pv.point_of(e - 1))
    qtbot.keyClick(pv, Qt.Key.Key_1)
    (h,) = w.session.highlights
    lines = line_bands(h.rects)
    assert 2 <= len(lines) < len(h.rects)  # many words, two lines
    # the gap between two highlighted words on screen is tinted too (no word-by-word gaps)
    pv.viewport().repaint()
    img = pv.viewport().grab().toImage()
    r = pv.page_rect(0)
    z = pv.zoom
    first, second = h.rects[0], h.rects[1]
    gap_x = r.x() + (first[3] + second[1]) / 2 * z
    mid_y = r.y() + (first[2] + first[4]) / 2 * z
    c = QColor(img.pixel(QPoint(int(gap_x), int(mid_y))))
    assert c.blue() < c.red() - 20  # yellowish, not the white page
    out = tmp_path / "exported.pdf"
    w.pdf.export_annotated_pdf(str(out))
    import pymupdf

    with pymupdf.open(out) as d:
        page = d[0]
        (annot,) = list(page.annots())
        assert len(annot.vertices) == 4 * len(lines)  # one QuadPoints set per line
        assert annot.info["creationDate"].startswith("D:20") and annot.info["modDate"].startswith("D:20")
