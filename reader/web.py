"""Saved web pages (.html, .htm) -> the article, as a :class:`Document`.

A page saved from a browser is mostly navigation, ads, comments and scripts.
The article is taken out with trafilatura (title, byline, date, body with
headings, paragraphs, lists, block quotes and links). It was measured against
readability-lxml on ../shared/data/web-articles (word 4-gram F1 of the body):
trafilatura with ``favor_precision`` 0.973, trafilatura default 0.963,
readability-lxml 0.955.

The page's full text (every visible block, in order) is kept as the
document's ``raw`` version, so View > Show Original shows the whole page, and
``segments`` map each article block to where it stands in the page text.

trafilatura and lxml are imported only when a web page is opened.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from reader.document import LINE_BREAK, Block, Document, Span
from reader.errors import DocumentError

log = logging.getLogger("reader.web")

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}

#: Elements whose text is never shown on a page.
_INVISIBLE = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object", "canvas", "button", "select"}
#: Elements that start a new block in the page's full text.
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "aside", "header", "footer", "nav", "li", "ul", "ol", "dl", "dt", "dd",
    "blockquote", "pre", "table", "tr", "td", "th", "figure", "figcaption", "form", "fieldset", "address",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "br", "title",
}
_HEADING = re.compile(r"h([1-6])$")
#: trafilatura's ``rend`` flags -> span kinds.
_REND = (("#b", "strong"), ("#i", "em"), ("#t", "code"), ("#sup", "sup"))


def looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or (b"<html" in head and b"<head" in data[:8192].lower())


def _squash(text: str) -> str:
    return " ".join(text.split())


def decode_html(data: bytes) -> str:
    """Bytes -> text, honouring the page's declared charset (trafilatura's
    detection: BOM, meta charset, then a statistical guess)."""
    from trafilatura.utils import decode_file

    text = decode_file(data)
    return text if isinstance(text, str) else data.decode("utf-8", "replace")


def load_html(path: Path, data: bytes, fingerprint: str) -> Document:
    """The article of a saved web page, with the whole page's text as ``raw``."""
    html = decode_html(data)
    page = page_text(html, path, fingerprint)
    blocks, title, byline, author = extract_article(html)
    if not blocks:
        if not page.text.strip():
            raise DocumentError(f"{path.name} has no text.")
        log.info("%s: no article found; showing the page's text", path.name)
        page.warnings.append("Reader found no article in this page; it shows all of the page's text.")
        return page
    title = title or page.title
    head: list[Block] = [Block("heading", title, level=1)]
    if byline:
        head.append(Block("front", byline))
    if blocks[0].kind == "heading" and _squash(blocks[0].text).lower() == _squash(title).lower():
        blocks = blocks[1:]
    article = _from_blocks(path, title, head + blocks, fingerprint)
    article.raw = page
    article.author = author
    article.segments = _segments(article, page)
    return article


def _from_blocks(path: Path, title: str, blocks: list[Block], fingerprint: str) -> Document:
    """Lay blocks end to end; their spans were block-relative while parsing."""
    doc = Document.from_blocks(path, "web", title, blocks, fingerprint)
    for b in doc.blocks:
        for s in b.spans:
            s.start += b.start
            s.end += b.start
    return doc


# -- the article --------------------------------------------------------------


def extract_article(html: str) -> tuple[list[Block], str, str, str]:
    """(body blocks, title, byline, author) of the page's main article."""
    import trafilatura

    # trafilatura reports its own fallbacks failing ("readability_lxml failed: ...") as warnings; they
    # say nothing a reader can act on (the article is still taken out), so only its errors are shown.
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    try:
        result: Any = trafilatura.bare_extraction(
            _unwrap_inline_spans(html), favor_precision=True, include_comments=False, include_tables=True,
            include_formatting=True, include_links=True, include_images=False, with_metadata=True,
        )
    except Exception as exc:  # trafilatura can fail on very odd markup: show the page instead
        log.warning("article extraction failed: %s", exc)
        return [], "", "", ""
    if result is None or isinstance(result, dict) or getattr(result, "body", None) is None:
        return [], "", "", ""
    title = _clean_title(_squash(result.title or ""), _squash(result.sitename or ""))
    parts = [p for p in (_squash(result.author or ""), _squash(result.date or ""), _squash(result.sitename or "")) if p]
    if parts and parts[0] and result.author:
        parts[0] = "By " + parts[0]
    blocks: list[Block] = []
    _walk_body(result.body, blocks)
    byline = " · ".join(dict.fromkeys(parts))
    return _without_promos([b for b in blocks if b.text.strip()]), title, byline, _squash(result.author or "")


#: A kicker that heads links to other articles inside a story: "DON'T MISS", "SEE MORE:", "READ MORE".
_KICKER = re.compile(r"(?:[A-Z][A-Z'’]*\s?){1,4}:?\s*")
_KICKER_COLON = re.compile(r"(?:[A-Z][A-Z'’]*\s?){1,4}:")
_TAG = re.compile(r"\[\s*[A-Z][A-Z ]*\]")
#: What a promo line adds around its links: "[INSIGHT]", "[VIDEO]", "|".
_PROMO_TAGS = re.compile(r"\[\s*[A-Z][A-Z ]*\]?|[\[\]|•·]|\b[A-Z]{2,}\]")


def _link_share(b: Block) -> float:
    """The share of a block's letters and digits that lie inside links (promo tags left out)."""
    text = _PROMO_TAGS.sub(lambda m: " " * len(m.group(0)), b.text)
    total = sum(ch.isalnum() for ch in text)
    linked = sum(ch.isalnum() for s in b.spans if s.kind == "link" for ch in text[s.start:s.end])
    return linked / total if total else 0.0


def _without_promos(blocks: list[Block]) -> list[Block]:
    """Blocks without the promos a news site sets inside its story: a kicker ("DON'T MISS",
    "SEE MORE:") with the links to other stories it heads, and lines of such links with
    their tags ("... jibe [INSIGHT]"). A run of such lines is dropped only when it holds a
    line that links make nearly all of, and a kicker or a tag says what it is: prose that
    links a phrase stays, and so does a list of links with nothing to mark it as promotion."""

    def links(b: Block) -> bool:  # a line of links to stories: headlines (words), not a DOI or an address
        linked = " ".join(b.text[s.start:s.end] for s in b.spans if s.kind == "link")
        return len(re.findall(r"[^\W\d_]{2,}", linked)) >= 3 and _link_share(b) >= 0.8

    def kicker(b: Block) -> bool:
        return _KICKER.fullmatch(b.text.strip()) is not None and not any(s.kind == "link" for s in b.spans)

    def tags_only(b: Block) -> bool:
        return not _PROMO_TAGS.sub("", b.text).strip(" :")

    def part(b: Block) -> bool:
        return b.kind in ("paragraph", "list_item") and (links(b) or kicker(b) or tags_only(b))

    out: list[Block] = []
    k = 0
    while k < len(blocks):
        j = k
        while j < len(blocks) and part(blocks[j]):
            j += 1
        run = blocks[k:j]
        if any(links(b) for b in run) and any(kicker(b) or tags_only(b) or _TAG.search(b.text)
                                              or _KICKER_COLON.match(b.text) for b in run):
            k = j
            continue
        out.extend(run or blocks[k:k + 1])
        k = max(j, k + 1)
    return out


#: A span whose class or style says it is not shown (screen-reader text, hidden parts): never unwrapped.
_HIDDEN = re.compile(r"hidden|sr-only|screen-reader|visually-hidden|offscreen|display:\s*none", re.I)


def _unwrap_inline_spans(html: str) -> Any:
    """The page as an lxml tree, with each visible ``<span>`` that stands inside a
    paragraph's running text replaced by its content.

    trafilatura's precision mode prunes elements by class (``class="link"``,
    ``"bottom"``, a border style), which is right for blocks and wrong for an
    inline span in the middle of a sentence: "La Canfora has reported that
    <span class="link"><a>the NFL will fine Rudolph</a></span> for his role"
    lost its object. A span inside a ``<p>`` carries no structure, so its class
    is dropped and its text stays where it was. Hidden spans are left alone.
    """
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return html
    for span in tree.xpath("//p//span"):
        attrs = " ".join(str(v) for k, v in span.attrib.items() if k in ("class", "id", "style"))
        if span.get("aria-hidden") == "true" or span.get("hidden") is not None or _HIDDEN.search(attrs):
            continue
        span.drop_tag()
    return tree


def _clean_title(title: str, site: str) -> str:
    """'Headline - Site' or 'Headline | Site' -> 'Headline' (the site is in the byline)."""
    m = re.match(r"(.{12,}?)\s+[-|–—:·]\s+([^-|–—]{2,40})$", title)
    if m and (not site or _squash(m.group(2)).lower() in site.lower() or site.lower() in m.group(2).lower()):
        return m.group(1).strip()
    return title


class _Inline:
    """Text with spans, built from an element's inline content."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.spans: list[Span] = []
        self.pos = 0

    def add(self, text: str | None) -> None:
        if not text:
            return
        text = re.sub(r"\s+", " ", text)
        if self.pos == 0 or (self.parts and self.parts[-1].endswith((" ", LINE_BREAK))):
            text = text.lstrip(" ")
        if text:
            self.parts.append(text)
            self.pos += len(text)

    def element(self, el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        start = self.pos
        if tag == "lb":
            self.parts.append(LINE_BREAK)
            self.pos += 1
        else:
            self.add(el.text)
            for child in el:
                self.element(child)
            kind, href = "", ""
            if tag == "ref":
                kind, href = "link", str(el.get("target", ""))
            elif tag == "hi":
                rend = str(el.get("rend", ""))
                kind = next((k for flag, k in _REND if flag in rend), "")
            elif tag == "code":
                kind = "code"
            if kind and self.pos > start and (kind != "link" or href):
                self.spans.append(Span(start, self.pos, kind, href))
        self.add(el.tail)

    def block(self, kind: str, level: int = 0) -> Block:
        text = "".join(self.parts)
        stripped = text.rstrip()
        spans = [Span(s.start, min(s.end, len(stripped)), s.kind, s.href) for s in self.spans if s.start < len(stripped)]
        return Block(kind, stripped, level=level, spans=spans)


def _inline_block(el: Any, kind: str, level: int = 0) -> Block:
    b = _Inline()
    b.add(el.text)
    for child in el:
        b.element(child)
    return b.block(kind, level)


def _walk_body(el: Any, out: list[Block], context: str = "") -> None:
    """trafilatura's XML body -> blocks: head, p, list/item, quote, code, table."""
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "head":
            m = re.search(r"h([1-6])", str(child.get("rend", "h2")))
            out.append(_inline_block(child, "heading", max(2, int(m.group(1)) if m else 2)))
        elif tag == "p":
            out.append(_inline_block(child, context or "paragraph"))
        elif tag == "list":
            _walk_body(child, out, "list_item" if context != "quote" else "quote")
        elif tag == "item":
            if any(isinstance(c.tag, str) and c.tag in ("list", "p") for c in child):
                first = _Inline()
                first.add(child.text)
                for c in child:
                    if c.tag in ("list", "p"):
                        break
                    first.element(c)
                if "".join(first.parts).strip():
                    out.append(first.block("list_item"))
                _walk_body(child, out, "list_item")
            else:
                out.append(_inline_block(child, "list_item" if context != "quote" else "quote"))
        elif tag == "quote":
            if any(isinstance(c.tag, str) and c.tag in ("p", "list", "head") for c in child):
                _walk_body(child, out, "quote")
            else:
                out.append(_inline_block(child, "quote"))
        elif tag == "code":
            body = "".join(child.itertext()).strip("\n").replace("\n", LINE_BREAK)
            if body.strip():
                out.append(Block("code", body, spans=[Span(0, len(body), "code")]))
        elif tag == "table":
            for row in child.iter("row"):
                cells = [_squash("".join(c.itertext())) for c in row if isinstance(c.tag, str)]
                line = " | ".join(c for c in cells if c)
                if line:
                    out.append(Block("paragraph", line))
        elif tag in ("div", "section", "main", "body"):
            _walk_body(child, out, context)
        elif tag:
            blk = _inline_block(child, context or "paragraph")
            if blk.text:
                out.append(blk)


# -- the whole page ------------------------------------------------------------


def page_text(html: str, path: Path, fingerprint: str) -> Document:
    """Every visible block of the page, in document order (what View > Show
    Original shows for a web page)."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except Exception as exc:  # lxml raises ParserError / ValueError on empty or absurd input
        raise DocumentError(f"{path.name} cannot be read as a web page.") from exc
    title_el = root.find(".//title")
    title = _squash(title_el.text_content()) if title_el is not None else ""
    blocks: list[Block] = []
    current: list[str] = []
    kind = ["paragraph"]

    def flush() -> None:
        text = _squash("".join(current))
        current.clear()
        if text:
            blocks.append(Block(kind[0], text, level=int(kind[1]) if len(kind) > 1 else 0))
        kind[:] = ["paragraph"]

    def walk(el: Any) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in _INVISIBLE or not tag:
            if el.tail:
                current.append(el.tail)
            return
        block = tag in _BLOCK_TAGS
        if block:
            flush()
            m = _HEADING.match(tag)
            if m:
                kind[:] = ["heading", m.group(1)]
            elif tag == "li":
                kind[:] = ["list_item"]
            elif tag == "blockquote":
                kind[:] = ["quote"]
        if el.text:
            current.append(el.text)
        for child in el:
            walk(child)
        if block:
            flush()
        if el.tail:
            current.append(el.tail)

    body = root.find("body")
    walk(body if body is not None else root)
    flush()
    if not blocks:
        raise DocumentError(f"{path.name} has no text.")
    doc = Document.from_blocks(path, "web", title or path.stem, blocks, fingerprint)
    return doc


def _segments(article: Document, page: Document) -> list[tuple[int, int, int]]:
    """(article offset, page offset, length) for each article block found in
    the page's text, so positions carry over to View > Show Original."""
    segs: list[tuple[int, int, int]] = []
    text = page.text
    cursor = 0
    for b in article.blocks:
        needle = b.text.replace(LINE_BREAK, " ")
        if not needle:
            continue
        at = text.find(needle, cursor)
        length = len(needle)
        if at < 0:
            probe = needle[:40]
            at = text.find(probe, cursor) if len(probe) >= 12 else -1
            length = len(probe)
        if at < 0:
            continue
        segs.append((b.start, at, length))
        cursor = at + length
    return segs
