"""A PDF as pages: sizes, rendering, outline, links and annotations (Qt-free).

One ``PdfPages`` per thread (MuPDF documents are not shared across threads):
the page view renders with its own instance on its render thread. Opening
applies the loader's defences (page-tree lies, content-stream bombs), and a
page's pixel size is capped so a 3370 x 2384 pt poster cannot ask for gigabytes.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.errors import DocumentError, PasswordRequired

log = logging.getLogger("reader.pdf")

MAX_PIXELS = 24_000_000  # per rendered page image (~96 MB RGBA at most)

#: Reader colour name -> RGB (0..1) for PDF annotations, and back (nearest).
ANNOT_RGB = {
    "yellow": (1.0, 0.83, 0.0), "red": (1.0, 0.4, 0.4), "green": (0.37, 0.7, 0.21), "blue": (0.18, 0.66, 0.9),
    "purple": (0.64, 0.54, 0.9), "orange": (0.95, 0.6, 0.22), "gray": (0.67, 0.67, 0.67),
}


@dataclass
class PdfLink:
    page: int
    rect: tuple[float, float, float, float]
    uri: str  # "http://…", "file://…", "launch:…", or "#page=N" inside the document


#: The kinds whose rect is a place beside words, not words marked: they come in as a note on the nearest line.
NOTE_KINDS = ("note", "freetext", "ink")


@dataclass
class PdfAnnotation:
    page: int
    rects: list[tuple[float, float, float, float]]
    color: str
    content: str
    author: str
    xref: int = 0  # its object in this very file (another program's save may renumber it)
    modified: str = ""  # when it was last changed, ISO 8601 UTC ('' when the PDF does not say)
    #: highlight, underline, squiggly, strikeout (marked words) or note (a sticky note: ``rects`` is its icon)
    kind: str = "highlight"
    #: The sticky notes that answer it (/IRT), in the page's order: (content, author, key). They come in with it,
    #: in its note, not as notes of their own.
    replies: list[tuple[str, str, str]] = field(default_factory=list)
    #: A reply's own marker (its /NM name, else its object number): a reply often sits where its parent does
    reply_to: str = ""

    @property
    def key(self) -> str:
        """What tells it from the PDF's other annotations across saves by any program: its page, its place
        there, to the point, and its kind unless it is a highlight (an underline on highlighted words is another
        annotation; highlights keep the keys they had, notes_db/pdf_annotations.py), and a reply its marker."""
        x0, y0 = min(r[0] for r in self.rects), min(r[1] for r in self.rects)
        x1, y1 = max(r[2] for r in self.rects), max(r[3] for r in self.rects)
        kind = "" if self.kind == "highlight" else f":{self.kind}"
        reply = f":re:{self.reply_to}" if self.reply_to else ""
        return f"{self.page}:{round(x0)},{round(y0)},{round(x1)},{round(y1)}{kind}{reply}"


_trim_calls = 0


def split_hashtags(content: str) -> tuple[str, list[str]]:
    """'note text\n\n#a #b' -> ('note text', ['a', 'b']): Reader's own export, read back."""
    lines = content.rstrip().split("\n")
    if lines and lines[-1].strip() and all(t.startswith("#") and len(t) > 1 for t in lines[-1].split()):
        return "\n".join(lines[:-1]).strip(), [t[1:] for t in lines[-1].split()]
    return content.strip(), []


def author_of(a: Any) -> str:
    """Who made annotation ``a`` (its /T), "" when no one is named or Reader itself wrote it."""
    author = " ".join((getattr(a, "author", "") or "").split())
    return "" if author == "Reader" else author


def trim_mupdf_store(every: int = 8) -> None:
    """MuPDF keeps up to 256 MB of decoded fonts and images per process; our own
    image cache already keeps what is worth keeping, so every few pages most of
    MuPDF's store is let go (PyMuPDF cannot report the store's size)."""
    global _trim_calls
    _trim_calls += 1
    if _trim_calls % every == 0:
        import pymupdf

        pymupdf.TOOLS.store_shrink(75)


def _pdf_string(value: tuple[str, str]) -> str:
    """A PDF string as xref_get_key returns it (text or <FEFF...> hex), decoded."""
    kind, text = value
    if kind == "string":
        return text
    if kind == "hexstring" or (text.startswith("<") and text.endswith(">")):
        raw = bytes.fromhex(re.sub(r"[^0-9A-Fa-f]", "", text))
        if raw.startswith(b"\xfe\xff"):
            return raw[2:].decode("utf-16-be", errors="replace")
        return raw.decode("latin-1")
    return ""


def pdf_time(value: str) -> str:
    """A PDF date ("D:20261130211500+01'00'") as ISO 8601 UTC; '' when it is not one."""
    from datetime import UTC, datetime, timedelta, timezone

    m = re.match(r"(?:D:)?(\d{4})(\d\d)?(\d\d)?(\d\d)?(\d\d)?(\d\d)?(?:([Zz+-])(\d\d)?'?(\d\d)?)?", value or "")
    if not m:
        return ""
    try:
        mo, d, h, mi, s = (int(g) if g else k for g, k in zip(m.groups()[1:6], (1, 1, 0, 0, 0), strict=True))
        sign = -1 if m.group(7) == "-" else 1
        zone = timezone(sign * timedelta(hours=int(m.group(8) or 0), minutes=int(m.group(9) or 0)))
        t = datetime(int(m.group(1)), mo, d, h, mi, s, tzinfo=zone)
        return t.astimezone(UTC).isoformat(timespec="milliseconds")
    except ValueError:
        return ""


def nearest_color(rgb: tuple[float, ...] | None) -> str:
    if not rgb or len(rgb) < 3:
        return "yellow"
    return min(ANNOT_RGB, key=lambda n: sum((a - b) ** 2 for a, b in zip(ANNOT_RGB[n], rgb[:3], strict=False)))


def _annotation_rects(a: Any) -> list[tuple[float, float, float, float]]:
    """The boxes a highlight annotation covers: its quads, else its rectangle."""
    verts = a.vertices or []
    rects = []
    for k in range(0, len(verts) - 3, 4):  # quads: four points each
        xs = [p[0] for p in verts[k:k + 4]]
        ys = [p[1] for p in verts[k:k + 4]]
        rects.append((min(xs), min(ys), max(xs), max(ys)))
    if not rects:
        r = a.rect
        rects = [(r.x0, r.y0, r.x1, r.y1)]
    return rects


def taken_types() -> dict[int, str]:
    """The kinds of annotation Reader imports and takes over (PyMuPDF's type -> PdfAnnotation.kind): marked words
    (as a highlight each, in the annotation's own colour) and sticky notes (a note on the nearest line)."""
    import pymupdf

    return {pymupdf.PDF_ANNOT_HIGHLIGHT: "highlight", pymupdf.PDF_ANNOT_UNDERLINE: "underline",
            pymupdf.PDF_ANNOT_SQUIGGLY: "squiggly", pymupdf.PDF_ANNOT_STRIKE_OUT: "strikeout",
            pymupdf.PDF_ANNOT_TEXT: "note"}


def noted_types() -> dict[int, str]:
    """The kinds of annotation Reader imports as a note on the nearest line but leaves MuPDF to draw (never hidden,
    and kept in the annotated copy): a text box (FreeText: its text is the note) and a drawing (Ink: the note says
    "drawing on page N")."""
    import pymupdf

    return {pymupdf.PDF_ANNOT_FREE_TEXT: "freetext", pymupdf.PDF_ANNOT_INK: "ink"}


def _reply_marker(a: Any, kind: str) -> str:
    """A reply's own marker for its key (PdfAnnotation.reply_to): its /NM name, else its object number; '' for
    an annotation that answers none."""
    if kind != "note" or not a.irt_xref:
        return ""
    return str((a.info or {}).get("id") or "") or str(a.xref)


def page_highlight_annotations(pdf: Any, i: int, page: Any) -> list[PdfAnnotation]:
    """The annotations Reader imports on one loaded page (cheap when it has none): highlights, underlines,
    squiggles, strike-outs and sticky notes (:func:`taken_types`), with their authors."""
    if pdf.xref_get_key(page.xref, "Annots")[0] == "null":
        return []
    kinds = {**taken_types(), **noted_types()}
    out: list[PdfAnnotation] = []
    answers: dict[int, int] = {}  # a reply's xref -> the xref it answers
    for a in page.annots(types=list(kinds)):
        kind = kinds[a.type[0]]
        rects = _annotation_rects(a) if kind not in NOTE_KINDS else [tuple(a.rect)]
        info = a.info or {}
        content = info.get("content", "") or ""
        if kind == "ink":  # (a drawing says where it is; its own words, if any, under that)
            content = f"drawing on page {i + 1}" + (f"\n\n{content.strip()}" if content.strip() else "")
        colors = a.colors or {}
        out.append(PdfAnnotation(i, rects, nearest_color(colors.get("stroke") or colors.get("fill")),
                                 content, info.get("title", "") or "", a.xref,
                                 pdf_time(info.get("modDate", "") or info.get("creationDate", "") or ""), kind,
                                 reply_to=_reply_marker(a, kind)))
        if kind == "note" and a.irt_xref:
            answers[a.xref] = a.irt_xref
    if not answers:
        return out
    by_xref = {a.xref: a for a in out}

    def root(xref: int) -> PdfAnnotation | None:  # a reply to a reply answers the first one
        seen = set()
        while xref in answers and xref not in seen:
            seen.add(xref)
            xref = answers[xref]
        return by_xref.get(xref)

    kept = []
    for a in out:
        first = root(a.xref) if a.xref in answers else None
        if first is not None and first is not a:
            first.replies.append((a.content, a.author, a.key))
        else:
            kept.append(a)
    return kept


class PdfPages:
    def __init__(self, data: bytes, name: str = "document.pdf", password: str | None = None) -> None:
        import pymupdf

        from reader.pdf_hygiene import fix_page_tree

        pymupdf.TOOLS.mupdf_display_errors(False)
        self.name = name
        self.path: Path | None = None  # set by open(); a PDF from memory has none
        self.password: str | None = None
        self.data = data
        try:
            self.pdf = pymupdf.open(stream=data, filetype="pdf")
        except Exception as exc:
            raise DocumentError(f"{name} is damaged and cannot be opened as a PDF.") from exc
        if self.pdf.needs_pass:
            if password is None:
                raise PasswordRequired(f"{name} is encrypted and needs a password.")
            if not self.pdf.authenticate(password):
                raise PasswordRequired(f"Wrong password for {name}.", wrong=True)
        self.warnings: list[str] = []
        fix_page_tree(self.pdf, self.warnings)
        self.count = self.pdf.page_count
        if self.count == 0:
            raise DocumentError(f"{name} is damaged (perhaps cut short): it has no pages to show."
                                    if self.pdf.is_repaired else f"{name} has no pages.")
        self._sizes: dict[int, tuple[float, float]] = {}
        self._defused: set[int] = set()
        self._hid: set[int] = set()  # pages with annotations hidden from rendering
        self.title = ""
        try:  # the title the PDF gives itself (window title while its text is read)
            from reader.titles import first_page_title, looks_like_file_name, pdf_title

            self.title = pdf_title((self.pdf.metadata or {}).get("title"))
            if not self.title or looks_like_file_name(self.title, Path(name).stem):
                self.title = first_page_title(self._page(0))[0] or self.title
        except Exception:
            self.title = ""

    @classmethod
    def open(cls, path: str | Path, password: str | None = None) -> PdfPages:
        p = Path(path)
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise DocumentError(f"{p} cannot be read: {exc.strerror}.") from exc
        pages = cls(data, p.name, password)
        pages.path = p
        pages.password = password  # the same file opened again (handed over once more) needs no new question
        return pages

    def close(self) -> None:
        self.pdf.close()

    def _page(self, i: int) -> Any:
        from reader.pdf_hygiene import defuse_contents

        page = self.pdf.load_page(i)
        if i not in self._defused:
            defuse_contents(self.pdf, page.xref)
            self._defused.add(i)
        return page

    def size(self, i: int) -> tuple[float, float]:
        """Page size in points (cached); a page that cannot load counts as A4."""
        if i not in self._sizes:
            try:
                r = self.pdf.load_page(i).rect
                self._sizes[i] = (max(1.0, r.width), max(1.0, r.height))
            except Exception:
                self._sizes[i] = (595.0, 842.0)
        return self._sizes[i]

    def render(self, i: int, zoom: float, hidden: Collection[str] = ()) -> tuple[int, int, int, bytes] | None:
        """(width, height, stride, RGB bytes) of page i at ``zoom`` pixels per point, without the highlight
        annotations whose keys are in ``hidden`` (those Reader took over and draws itself, PdfAnnotation.key;
        only this copy in memory is changed, never the file)."""
        import pymupdf

        try:
            page = self._page(i)
            if hidden or i in self._hid:
                self._hide(page, i, hidden)
            w, h = page.rect.width, page.rect.height
            if w * h * zoom * zoom > MAX_PIXELS:
                zoom = (MAX_PIXELS / max(1.0, w * h)) ** 0.5
            pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False, annots=True)
        except Exception as exc:
            log.warning("page %d of %s did not render: %s", i + 1, self.name, exc)
            return None
        finally:
            trim_mupdf_store()
        return pix.width, pix.height, pix.stride, bytes(pix.samples)

    def _hide(self, page: Any, i: int, hidden: Collection[str]) -> None:
        import pymupdf

        if self.pdf.xref_get_key(page.xref, "Annots")[0] == "null":
            return
        flag = pymupdf.PDF_ANNOT_IS_HIDDEN
        any_hidden = False
        kinds = taken_types()
        for a in page.annots(types=list(kinds)):
            kind = kinds[a.type[0]]
            rects = [tuple(a.rect)] if kind == "note" else _annotation_rects(a)
            want = PdfAnnotation(i, rects, "", "", "", kind=kind, reply_to=_reply_marker(a, kind)).key in hidden
            any_hidden = any_hidden or want
            if want != bool(a.flags & flag):
                a.set_flags(a.flags | flag if want else a.flags & ~flag)
        if any_hidden:
            self._hid.add(i)
        else:
            self._hid.discard(i)

    def has_text(self, i: int) -> bool:
        try:
            return bool(self._page(i).get_text("text").strip())
        except Exception:
            return False

    def toc(self) -> list[tuple[int, str, int]]:
        """(level, title, 0-based page) of the outline; loops and junk are dropped."""
        try:
            entries = self.pdf.get_toc(simple=True)
        except Exception as exc:
            log.info("outline unreadable: %s", exc)
            return []
        out = []
        for level, title, page in entries[:5000]:
            if 1 <= page <= self.count:
                out.append((int(level), str(title).strip() or f"Page {page}", int(page) - 1))
        return out

    def links(self, i: int) -> list[PdfLink]:
        """Links on a page, described, never followed: the view asks before opening any.

        Launch and remote go-to actions are told apart by the action itself
        (/S), not by PyMuPDF's link kind, which reports a /Launch as a remote
        go-to and a ``file:`` URI as a launch."""
        import pymupdf

        out = []
        try:
            for ln in self._page(i).get_links():
                r = ln.get("from")
                rect = (r.x0, r.y0, r.x1, r.y1) if r is not None else (0, 0, 0, 0)
                kind = ln.get("kind")
                if kind == pymupdf.LINK_GOTO and ln.get("page", -1) >= 0:
                    out.append(PdfLink(i, rect, f"#page={int(ln['page']) + 1}"))
                elif kind in (pymupdf.LINK_URI, pymupdf.LINK_LAUNCH, pymupdf.LINK_GOTOR):
                    uri = self._link_target(ln, kind)
                    if uri:
                        out.append(PdfLink(i, rect, uri))
        except Exception as exc:
            log.info("links of page %d unreadable: %s", i + 1, exc)
        return out

    def _link_target(self, ln: dict[str, Any], kind: int) -> str:
        """The href of a URI, launch or remote link: "launch:FILE", "remote:FILE" or the URI."""
        import pymupdf

        from reader.links import LAUNCH_PREFIX, REMOTE_PREFIX

        action, written = "", ""
        xref = int(ln.get("xref") or 0)
        if xref > 0:
            try:
                action = self.pdf.xref_get_key(xref, "A/S")[1]
                if action == "/URI":
                    written = _pdf_string(self.pdf.xref_get_key(xref, "A/URI"))
                elif action in ("/Launch", "/GoToR"):
                    written = self._filespec(xref)
            except Exception as exc:  # a damaged annotation: fall back to what PyMuPDF says
                log.debug("link action unreadable: %s", exc)
                action = ""
        if action == "/Launch":
            return LAUNCH_PREFIX + (written or str(ln.get("file") or ""))
        if action == "/GoToR":
            return REMOTE_PREFIX + (written or str(ln.get("file") or ""))
        if action == "/URI" and written:
            return written
        if kind == pymupdf.LINK_URI:
            return str(ln.get("uri", ""))
        target = str(ln.get("file") or ln.get("uri") or "")
        if target.startswith("file:") or "://" in target:
            return target
        return (LAUNCH_PREFIX if kind == pymupdf.LINK_LAUNCH else REMOTE_PREFIX) + target

    def _filespec(self, xref: int) -> str:
        """The file a /Launch or /GoToR action names (/F, a file specification or
        a string; /Win /F for Windows launch parameters)."""
        for key in ("A/F", "A/Win/F"):
            kind, value = self.pdf.xref_get_key(xref, key)
            if kind == "xref":
                spec = int(value.split()[0])
                for sub in ("UF", "F"):
                    name = _pdf_string(self.pdf.xref_get_key(spec, sub))
                    if name:
                        return name
            elif kind == "dict":
                m = re.search(r"/(?:UF|F)\s*\((.*?)\)", value)
                if m:
                    return m.group(1)
            else:
                name = _pdf_string((kind, value))
                if name:
                    return name
        return ""

    def export_annotated(self, highlights: list[Any], out: Path, taken: Collection[str] = ()) -> list[str]:
        """Write a copy with a real highlight annotation per highlight (note as its text; an Underline, Squiggly or
        StrikeOut annotation for a highlight of that style; titled with its author, else "Reader"); returns the style
        of each written. A text box or drawing the PDF had stays in the copy and says its note itself. The PDF's own
        highlight annotations Reader took over (``taken``, their keys: reader/pdf_takeover.py) are left out
        of the copy: each is one of ``highlights`` now (written again, as it is now), or was deleted."""
        import pymupdf

        copy = pymupdf.open(stream=self.data, filetype="pdf")
        written: list[str] = []
        try:
            if copy.needs_pass:
                raise DocumentError("Encrypted PDFs cannot be exported with annotations yet.")
            boxed: set[int] = set()  # the highlights a text box or drawing the copy keeps says already
            if taken:
                for pno in range(copy.page_count):
                    page = copy.load_page(pno)
                    found = page_highlight_annotations(copy, pno, page)
                    gone = {a.xref for a in found if a.key in taken}
                    for annot in [a for a in page.annots(types=list(taken_types())) if a.xref in gone]:
                        page.delete_annot(annot)
                    boxed.update(_kept_as_boxes(highlights, [a for a in found if a.key in taken and a.kind in
                                                            noted_types().values()], boxed))
            by_page: dict[int, list[Any]] = {}
            from reader.bands import line_bands

            for h in highlights:
                if h.rects and not h.orphaned and h.id not in boxed:
                    for r in line_bands(h.rects):  # one QuadPoints set per line, as PDF readers draw them
                        by_page.setdefault(int(r[0]), []).append((h, r))
            done: set[tuple[int, int]] = set()
            for pno, items in by_page.items():
                page = copy.load_page(pno)
                groups: dict[int, list[Any]] = {}
                for h, r in items:
                    groups.setdefault(h.id, []).append(pymupdf.Rect(r[1], r[2], r[3], r[4]).quad)
                for hid, quads in groups.items():
                    h = next(h for h, _r in items if h.id == hid)
                    # (an underline, a squiggle, a strike-out: an annotation of that kind, as Okular and Zotero write)
                    add = {"underline": page.add_underline_annot, "squiggly": page.add_squiggly_annot,
                           "strikeout": page.add_strikeout_annot}.get(getattr(h, "style", ""), page.add_highlight_annot)
                    annot = add(quads=quads)
                    annot.set_colors(stroke=ANNOT_RGB.get(h.color, ANNOT_RGB["yellow"]))
                    content = h.note + (("\n\n" if h.note else "") + " ".join(f"#{t}" for t in h.tags) if h.tags else "")
                    annot.set_info(content=content, title=getattr(h, "author", "") or "Reader", creationDate=_pdf_date(h.created),
                                   modDate=_pdf_date(h.updated or h.created))
                    annot.update()
                    if (hid, 0) not in done:
                        done.add((hid, 0))
                        written.append(getattr(h, "style", "") or "highlight")
            copy.save(str(out), garbage=3, deflate=True)
        except OSError as exc:
            raise DocumentError(f"The annotated PDF could not be written: {exc.strerror}.") from exc
        finally:
            copy.close()
        return written


def _kept_as_boxes(highlights: list[Any], boxes: list[PdfAnnotation], claimed: Collection[int]) -> set[int]:
    """The highlights (ids) that the text boxes and drawings of a page (``boxes``: taken over, kept in the annotated
    copy) came in as, their note and author still as they came: the box says them already, so the copy has no
    highlight annotation of them too (opening the copy brought each in twice: the box and Reader's highlight).
    One box, one highlight; one whose note was edited in Reader is written (it says what the box no longer does)."""
    out: set[int] = set()
    for a in boxes:
        note, author = split_hashtags(a.content)[0], author_of(a)
        h = next((h for h in highlights if h.id not in out and h.id not in claimed and h.rects
                  and getattr(h, "origin", "") == "imported" and h.note == note
                  and (getattr(h, "author", "") or "") == author and int(min(r[0] for r in h.rects)) == a.page), None)
        if h is not None:
            out.add(h.id)
    return out


def _pdf_date(iso: str) -> str:
    """ISO 8601 (notes_db's timestamps, UTC) -> a PDF date string."""
    from datetime import UTC, datetime

    try:
        t = datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        t = datetime.now(UTC)
    t = t.astimezone(UTC) if t.tzinfo else t.replace(tzinfo=UTC)
    return t.strftime("D:%Y%m%d%H%M%SZ")
