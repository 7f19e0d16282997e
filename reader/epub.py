"""EPUB (2 and 3) -> a reflowed :class:`Document` with its table of contents.

An EPUB is a zip of XHTML chapters listed in reading order by its package
file (the spine). Reader reads the chapters' markup itself (lxml) rather
than PyMuPDF's laid-out pages: headings, paragraphs, lists, block quotes,
emphasis and links keep what they are, and the table of contents (EPUB 3
navigation document, or the EPUB 2 NCX) points at exact places in the text.

Every way the file can be wrong (not a zip, no package file, DRM, a chapter
that claims to be gigabytes) ends in :class:`DocumentError`.
"""

from __future__ import annotations

import io
import logging
import posixpath
import re
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from reader.document import LINE_BREAK, Block, Document, Span
from reader.errors import DocumentError

log = logging.getLogger("reader.epub")

EPUB_SUFFIXES = {".epub"}
#: A chapter larger than this uncompressed is refused (a zip bomb, not a book).
MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 512 * 1024 * 1024

_NS = {
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
    "xhtml": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
}
_BLOCKS = {
    "p", "div", "section", "article", "main", "aside", "header", "footer", "nav", "li", "ul", "ol", "dl", "dt", "dd",
    "blockquote", "pre", "table", "tr", "td", "th", "figure", "figcaption", "address", "hr", "body",
    "h1", "h2", "h3", "h4", "h5", "h6",
}
_SKIP = {"script", "style", "head", "title", "svg", "math", "object", "iframe", "template"}
_INLINE_KIND = {"em": "em", "i": "em", "cite": "em", "strong": "strong", "b": "strong", "code": "code", "tt": "code",
                "kbd": "code", "sup": "sup"}


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


class _Book:
    def __init__(self, zf: zipfile.ZipFile, name: str) -> None:
        self.zf = zf
        self.name = name
        self.read_total = 0

    def read(self, member: str) -> bytes:
        try:
            info = self.zf.getinfo(member)
        except KeyError as exc:
            raise DocumentError(f"{self.name} is damaged: {member} is missing.") from exc
        self.read_total += info.file_size
        if info.file_size > MAX_MEMBER_BYTES or self.read_total > MAX_TOTAL_BYTES:
            raise DocumentError(f"{self.name} is too large to open.")
        try:
            return self.zf.read(info)
        except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError) as exc:  # bad CRC, unknown method, encrypted
            raise DocumentError(f"{self.name} is damaged: {member} cannot be read.") from exc

    def xml(self, member: str) -> Any:
        from lxml import etree

        parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
        root = etree.fromstring(self.read(member), parser)
        if root is None:
            raise DocumentError(f"{self.name} is damaged: {member} is not readable XML.")
        return root


def load_epub(path: Path, data: bytes, fingerprint: str) -> Document:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise DocumentError(f"{path.name} is damaged and cannot be opened as an EPUB.") from exc
    with zf:
        book = _Book(zf, path.name)
        if "META-INF/encryption.xml" in zf.namelist():
            enc = book.read("META-INF/encryption.xml").decode("utf-8", "replace")
            # Font obfuscation is allowed; anything else is DRM.
            algorithms = set(re.findall(r'Algorithm="([^"]+)"', enc))
            if algorithms - {"http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC"}:
                raise DocumentError(f"{path.name} is protected by DRM and cannot be opened.")
        container = book.xml("META-INF/container.xml")
        rootfile = container.find(".//c:rootfile", _NS)
        opf_path = rootfile.get("full-path", "") if rootfile is not None else ""
        if not opf_path:
            raise DocumentError(f"{path.name} is damaged: it does not say where its contents are.")
        opf = book.xml(opf_path)
        base = posixpath.dirname(opf_path)
        title = _text(opf.find(".//dc:title", _NS)) or path.stem
        author = ", ".join(t for t in (_text(e) for e in opf.findall(".//dc:creator", _NS)) if t)
        manifest: dict[str, tuple[str, str, str]] = {}
        for item in opf.findall(".//opf:manifest/opf:item", _NS):
            href = posixpath.normpath(posixpath.join(base, unquote(item.get("href", ""))))
            manifest[item.get("id", "")] = (href, item.get("media-type", ""), item.get("properties", ""))
        spine_el = opf.find(".//opf:spine", _NS)
        spine = [manifest[i.get("idref", "")][0] for i in opf.findall(".//opf:spine/opf:itemref", _NS)
                 if i.get("idref", "") in manifest]
        if not spine:
            raise DocumentError(f"{path.name} has no chapters.")

        blocks: list[Block] = [Block("heading", title, level=1)]
        if author:
            blocks.append(Block("front", f"By {author}"))
        anchors: dict[str, int] = {}  # "chapter.xhtml" or "chapter.xhtml#id" -> block index
        for href in spine:
            anchors.setdefault(href, len(blocks))
            try:
                root = _parse_xhtml(book.read(href))
            except DocumentError as exc:
                log.warning("%s: %s", path.name, exc)
                continue
            body = next((e for e in root.iter() if _local(e.tag) == "body"), None)
            if body is None:
                continue
            _Walker(blocks, anchors, href).walk(body)
        if len(blocks) <= 2:
            raise DocumentError(f"{path.name} has no text.")
        toc = _nav_toc(book, manifest) or _ncx_toc(book, manifest, spine_el)

    doc = Document.from_blocks(path, "epub", title, blocks, fingerprint)
    for b in doc.blocks:  # spans were block-relative while parsing
        for s in b.spans:
            s.start += b.start
            s.end += b.start
    entries: list[tuple[int, str, int]] = []
    for level, label, target in toc:
        idx = anchors.get(target, anchors.get(target.split("#", 1)[0]))
        if idx is not None and label:
            entries.append((level, label, doc.blocks[min(idx, len(doc.blocks) - 1)].start))
    doc.toc = entries
    doc.author = author
    return doc


def _text(el: Any) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def _parse_xhtml(data: bytes) -> Any:
    import lxml.html
    from lxml import etree

    try:
        parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        root = None
    if root is None:  # not even recoverable XML: read it as HTML
        try:
            root = lxml.html.document_fromstring(data)
        except Exception as exc:  # lxml's ParserError for empty documents
            raise DocumentError("a chapter is empty or unreadable") from exc
    return root


class _Walker:
    """XHTML body -> blocks with inline spans; element ids -> block index."""

    def __init__(self, blocks: list[Block], anchors: dict[str, int], href: str) -> None:
        self.blocks = blocks
        self.anchors = anchors
        self.href = href
        self.parts: list[str] = []
        self.spans: list[Span] = []
        self.pos = 0
        self.kind = "paragraph"
        self.level = 0
        self.context: list[str] = []
        self.pre = 0

    def add(self, text: str | None) -> None:
        if not text:
            return
        if self.pre:
            text = text.replace("\r\n", "\n").replace("\n", LINE_BREAK)
        else:
            text = re.sub(r"\s+", " ", text)
            if self.pos == 0 or (self.parts and self.parts[-1].endswith((" ", LINE_BREAK))):
                text = text.lstrip(" ")
        if text:
            self.parts.append(text)
            self.pos += len(text)

    def flush(self) -> None:
        text = "".join(self.parts)
        body = text.rstrip() if not self.pre else text.strip(LINE_BREAK)
        if body.strip():
            kind = self.kind if self.kind != "paragraph" else (self.context[-1] if self.context else "paragraph")
            spans = [Span(s.start, min(s.end, len(body)), s.kind, s.href) for s in self.spans if s.start < len(body)]
            if kind == "code":
                spans = [Span(0, len(body), "code")]
            self.blocks.append(Block(kind, body, level=self.level, spans=spans))
        self.parts, self.spans, self.pos = [], [], 0
        self.kind, self.level = "paragraph", 0

    def walk(self, el: Any) -> None:
        tag = _local(el.tag)
        if not tag or tag in _SKIP:
            self.add(el.tail)
            return
        ident = el.get("id") or (el.get("name") if tag == "a" else None)
        if ident:
            self.anchors.setdefault(f"{self.href}#{ident}", len(self.blocks))
        if tag in _BLOCKS:
            self.flush()
            pushed = ""
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self.kind, self.level = "heading", min(6, int(tag[1]) + 1)  # the book's title is the only level 1
            elif tag == "blockquote":
                pushed = "quote"
            elif tag == "li":
                pushed = "list_item"
            elif tag == "pre":
                self.kind = "code"
                self.pre += 1
            if pushed:
                self.context.append(pushed)
            kind, level = self.kind, self.level
            self.add(el.text)
            for child in el:
                if _local(child.tag) in _BLOCKS and self.parts:
                    k, lv = self.kind, self.level
                    self.flush()
                    self.kind, self.level = k, lv
                self.walk(child)
                if _local(child.tag) in _BLOCKS:
                    self.kind, self.level = kind, level
            self.flush()
            if pushed:
                self.context.pop()
            if tag == "pre":
                self.pre -= 1
            self.add(el.tail)
            return
        if tag == "br":
            self.parts.append(LINE_BREAK)
            self.pos += 1
            self.add(el.tail)
            return
        if tag == "img":
            alt = (el.get("alt") or "").strip()
            if alt and self.parts:
                self.add(f" {alt} ")
            self.add(el.tail)
            return
        start = self.pos
        self.add(el.text)
        for child in el:
            self.walk(child)
        kind = _INLINE_KIND.get(tag, "")
        href = ""
        if tag == "a" and el.get("href"):
            kind, href = "link", str(el.get("href"))
        if kind and self.pos > start:
            self.spans.append(Span(start, self.pos, kind, href))
        self.add(el.tail)


def _target(base_file: str, href: str) -> str:
    path, _, frag = unquote(href).partition("#")
    full = posixpath.normpath(posixpath.join(posixpath.dirname(base_file), path)) if path else base_file
    return f"{full}#{frag}" if frag else full


def _nav_toc(book: _Book, manifest: dict[str, tuple[str, str, str]]) -> list[tuple[int, str, str]]:
    """EPUB 3: the navigation document's toc list, nested lists as levels."""
    nav_href = next((h for h, _m, props in manifest.values() if "nav" in props.split()), "")
    if not nav_href:
        return []
    try:
        root = _parse_xhtml(book.read(nav_href))
    except DocumentError:
        return []
    navs = [e for e in root.iter() if _local(e.tag) == "nav"]
    toc_nav = next((n for n in navs if "toc" in (n.get(f"{{{_NS['epub']}}}type") or n.get("type") or "")), None)
    toc_nav = toc_nav if toc_nav is not None else (navs[0] if navs else None)
    if toc_nav is None:
        return []
    out: list[tuple[int, str, str]] = []

    def walk(ol: Any, level: int) -> None:
        for li in ol:
            if _local(li.tag) != "li":
                continue
            a = next((c for c in li.iter() if _local(c.tag) in ("a", "span")), None)
            if a is not None and a.get("href"):
                out.append((level, _text(a), _target(nav_href, a.get("href"))))
            for sub in li:
                if _local(sub.tag) == "ol":
                    walk(sub, level + 1)

    ol = next((e for e in toc_nav.iter() if _local(e.tag) == "ol"), None)
    if ol is not None:
        walk(ol, 1)
    return out


def _ncx_toc(book: _Book, manifest: dict[str, tuple[str, str, str]], spine: Any) -> list[tuple[int, str, str]]:
    """EPUB 2: the NCX navMap."""
    ncx_id = spine.get("toc", "") if spine is not None else ""
    ncx_href = manifest.get(ncx_id, ("", "", ""))[0] or next(
        (h for h, mt, _p in manifest.values() if mt == "application/x-dtbncx+xml"), "")
    if not ncx_href:
        return []
    try:
        root = book.xml(ncx_href)
    except DocumentError:
        return []
    out: list[tuple[int, str, str]] = []

    def walk(el: Any, level: int) -> None:
        for point in el.findall("ncx:navPoint", _NS):
            label = _text(point.find("ncx:navLabel", _NS))
            content = point.find("ncx:content", _NS)
            if content is not None and content.get("src"):
                out.append((level, label, _target(ncx_href, content.get("src"))))
            walk(point, level + 1)

    nav_map = root.find("ncx:navMap", _NS)
    if nav_map is not None:
        walk(nav_map, 1)
    return out
