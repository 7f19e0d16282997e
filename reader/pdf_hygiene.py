"""Defences for PDFs that lie (a page tree claiming billions of pages or looping,
content streams that are decompression bombs), applied in memory before MuPDF
walks them. Used by the text loader and the page view alike; needs only the
open pymupdf document, never imports it."""

from __future__ import annotations

import logging
import re
from typing import Any

log = logging.getLogger("reader.loaders")

IMAGE_ONLY_FILTERS = {"/JBIG2Decode", "/DCTDecode", "/JPXDecode", "/CCITTFaxDecode"}


def _xref_list(value: tuple[str, str]) -> list[int]:
    kind, text = value
    if kind in ("xref", "array"):
        return [int(m) for m in re.findall(r"(\d+) \d+ R", text)]
    return []


def fix_page_tree(pdf: Any, warnings: list[str]) -> None:
    """A page tree that lies about its size (9,999,999,999 pages) or loops makes
    MuPDF search for a minute. Count the real leaves, cycle-safe, and correct
    the counts in memory (the file is never written)."""
    try:
        root = _xref_list(pdf.xref_get_key(pdf.pdf_catalog(), "Pages"))
    except Exception:
        return
    if not root:
        return
    limit = pdf.xref_length()
    seen: set[int] = set()
    counts: dict[int, int] = {}

    def leaves(x: int, depth: int) -> int:
        if x in seen or not 0 < x < limit or depth > 64:
            return 0
        seen.add(x)
        if pdf.xref_get_key(x, "Type")[1] == "/Page":
            return 1
        n = sum(leaves(k, depth + 1) for k in _xref_list(pdf.xref_get_key(x, "Kids")))
        counts[x] = n
        return n

    claimed = pdf.page_count
    if claimed <= limit:
        return  # every page needs an object: a count this size is plausible (a loop shows when a page loads)
    real = leaves(root[0], 0)
    if 0 < real < claimed:
        for x, n in counts.items():
            pdf.xref_set_key(x, "Count", str(n))
        warnings.append(f"The PDF claimed {claimed:,} pages; {real} could be found.")
        log.info("page tree said %d pages, found %d", claimed, real)


def defuse_contents(pdf: Any, page_xref: int) -> None:
    """Drop content streams that use image-only filters (decompression bombs)."""
    try:
        refs = _xref_list(pdf.xref_get_key(page_xref, "Contents"))
        keep = [r for r in refs if pdf.xref_get_key(r, "Filter")[1] not in IMAGE_ONLY_FILTERS]
        if len(keep) != len(refs):
            log.info("dropped %d suspicious content streams", len(refs) - len(keep))
            pdf.xref_set_key(page_xref, "Contents", "[" + " ".join(f"{r} 0 R" for r in keep) + "]")
    except Exception as exc:  # a damaged page dictionary: let extraction report it
        log.debug("could not inspect contents: %s", exc)
