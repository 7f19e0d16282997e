"""Word boxes -> one band per line (Qt-free).

A highlight on a PDF is stored as the boxes of its words. Drawn one by one
they leave gaps between the words and steps where word heights differ; a
reader (and the annotation written into an exported PDF) wants one band per
line. Boxes arrive in reading order: a box joins the band before it when it
is on the same page, overlaps it vertically by at least half the smaller
height, and starts to its right within a couple of character heights (so
the two columns of a page never join across the gutter).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def line_bands(rects: Iterable[Sequence[float]]) -> list[list[float]]:
    """``[page, x0, y0, x1, y1]`` word boxes -> ``[page, x0, y0, x1, y1]`` line bands."""
    bands: list[list[float]] = []
    for r in rects:
        page, x0, y0, x1, y1 = int(r[0]), float(r[1]), float(r[2]), float(r[3]), float(r[4])
        if bands:
            b = bands[-1]
            h = min(y1 - y0, b[4] - b[2])
            overlap = min(y1, b[4]) - max(y0, b[2])
            if int(b[0]) == page and h > 0 and overlap >= 0.5 * h and b[3] - h <= x0 <= b[3] + 2.5 * h:
                b[1], b[2], b[3], b[4] = min(b[1], x0), min(b[2], y0), max(b[3], x1), max(b[4], y1)
                continue
        bands.append([page, x0, y0, x1, y1])
    return bands
