"""File -> :class:`Document`: plain text, Markdown and PDF.

Every way a file can be wrong ends in :class:`DocumentError` with a sentence
for a person. PyMuPDF is imported only when a PDF is opened: its import costs
more than the whole first frame.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reader.contents import chapter_level, settle_chapter_headings
from reader.document import LINE_BREAK, Block, Document, Span, WordTable
from reader.errors import DocumentError, PasswordRequired
from reader.pdf_hygiene import defuse_contents, fix_page_tree

log = logging.getLogger("reader.load")

TEXT_SUFFIXES = {".txt", ".text", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
PDF_SUFFIXES = {".pdf"}
MAX_TEXT_BYTES = 200 * 1024 * 1024
#: Content streams are text; these filters only make sense for images, and a
#: content stream using them is how decompression bombs hide.

Progress = Callable[[int, int], None]


def fingerprint_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load(
    path: str | Path,
    password: str | None = None,
    progress: Progress | None = None,
    *,
    repaired: bool = True,
    disabled_repairs: tuple[str, ...] = (),
    encoding: str | None = None,
) -> Document:
    """Open any supported file, repaired for reading (``repaired=False`` for the
    text as converted). ``encoding`` overrides detection for text files.
    Raises :class:`DocumentError` with the reason."""
    doc = load_raw(path, password, progress, encoding=encoding)
    if doc.kind in ("web", "epub"):  # already made for reading; raw is the page's full text
        return doc if repaired or doc.raw is None else doc.raw
    if not repaired:
        return doc
    from reader.repair import repair

    return repair(doc, disabled_repairs)


#: Encodings a person chose in this session (View > Encoding), by resolved path.
_chosen_encodings: dict[Path, str] = {}


def choose_encoding(path: str | Path, encoding: str | None) -> None:
    """Read ``path`` in ``encoding`` from now on in this session (None: detect again)."""
    key = Path(path).expanduser().resolve()
    if encoding:
        _chosen_encodings[key] = encoding_name(encoding)
    else:
        _chosen_encodings.pop(key, None)


def chosen_encoding(path: str | Path) -> str | None:
    return _chosen_encodings.get(Path(path).expanduser().resolve())


def load_raw(
    path: str | Path, password: str | None = None, progress: Progress | None = None, *, encoding: str | None = None
) -> Document:
    """The document exactly as converted, before any repair."""
    p = Path(path).expanduser()
    if not p.exists():
        raise DocumentError(f"File not found: {p}")
    if p.is_dir():
        raise DocumentError(f"{p} is a folder, not a document.")
    try:
        size = p.stat().st_size
        if size > MAX_TEXT_BYTES and p.suffix.lower() not in PDF_SUFFIXES:
            raise DocumentError(f"{p.name} is too large to open ({size // 2**20} MB).")
        data = p.read_bytes()
    except PermissionError as exc:
        raise DocumentError(f"Reader is not allowed to read {p}.") from exc
    except OSError as exc:
        raise DocumentError(f"{p} cannot be read: {exc.strerror}.") from exc
    if not data.strip():
        raise DocumentError(f"{p.name} is empty.")
    suffix = p.suffix.lower()
    if suffix in PDF_SUFFIXES or data[:1024].lstrip().startswith(b"%PDF"):
        return load_pdf(p, data, password=password, progress=progress)
    if suffix == ".epub" or (data[:4] == b"PK\x03\x04" and b"application/epub+zip" in data[:100]):
        from reader.epub import load_epub

        return load_epub(p, data, fingerprint_bytes(data))
    if suffix in {".html", ".htm", ".xhtml"} or (suffix == "" and data[:15].lower().startswith((b"<!doctype html", b"<html"))):
        from reader.web import load_html

        return load_html(p, data, fingerprint_bytes(data))
    forced = encoding or _chosen_encodings.get(p.resolve())
    text, found = decode_text(data, p.name, forced)
    if suffix in MARKDOWN_SUFFIXES:
        doc = parse_markdown(text, p, fingerprint_bytes(data))
    else:
        doc = parse_plain_text(text, p, fingerprint_bytes(data))
    doc.encoding = found
    if forced and "\ufffd" in text:
        doc.warnings.append(f"Some bytes of {p.name} are not valid {encoding_label(found)}; they show as \ufffd.")
    return doc


# -- text --------------------------------------------------------------------

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# Bytes Windows-1252 leaves undefined: their presence means Latin-1.
_CP1252_HOLES = {0x81, 0x8D, 0x8F, 0x90, 0x9D}
#: How much of a file the encoding detector reads: enough for any language's
#: statistics, bounded so a 200 MB file is not read twice.
DETECT_BYTES = 256 * 1024

#: Encodings a person can choose in View > Encoding, by label.
ENCODINGS: tuple[tuple[str, str], ...] = (
    ("UTF-8", "utf-8"), ("UTF-16 LE", "utf-16-le"), ("UTF-16 BE", "utf-16-be"),
    ("Windows-1252 (Western)", "cp1252"), ("ISO-8859-1 (Latin-1)", "iso8859-1"),
    ("ISO-8859-15 (Latin-9)", "iso8859-15"), ("Mac Roman", "mac-roman"),
    ("Windows-1250 (Central European)", "cp1250"), ("ISO-8859-2 (Central European)", "iso8859-2"),
    ("Windows-1251 (Cyrillic)", "cp1251"), ("KOI8-R (Russian)", "koi8-r"), ("KOI8-U (Ukrainian)", "koi8-u"),
    ("ISO-8859-5 (Cyrillic)", "iso8859-5"), ("Mac Cyrillic", "mac-cyrillic"),
    ("Windows-1253 (Greek)", "cp1253"), ("ISO-8859-7 (Greek)", "iso8859-7"),
    ("Windows-1254 (Turkish)", "cp1254"), ("ISO-8859-9 (Turkish)", "iso8859-9"),
    ("Windows-1255 (Hebrew)", "cp1255"), ("ISO-8859-8 (Hebrew)", "iso8859-8"),
    ("Windows-1256 (Arabic)", "cp1256"), ("ISO-8859-6 (Arabic)", "iso8859-6"),
    ("Windows-1257 (Baltic)", "cp1257"), ("Windows-1258 (Vietnamese)", "cp1258"),
    ("Windows-874 (Thai)", "cp874"),
    ("Shift_JIS (Japanese)", "shift_jis"), ("EUC-JP (Japanese)", "euc_jp"), ("ISO-2022-JP (Japanese)", "iso2022_jp"),
    ("GB18030 (Chinese, Simplified)", "gb18030"), ("GB2312 (Chinese, Simplified)", "gb2312"),
    ("Big5 (Chinese, Traditional)", "big5"), ("EUC-KR / CP949 (Korean)", "cp949"),
)
_LABELS = {codec: label.split(" (")[0] for label, codec in ENCODINGS}
_LABELS.update({"utf-8-sig": "UTF-8 (BOM)", "utf-32-le": "UTF-32 LE", "utf-32-be": "UTF-32 BE", "ascii": "ASCII",
                "cp932": "Shift_JIS (Windows)", "iso2022_jp_2": "ISO-2022-JP-2", "iso2022_kr": "ISO-2022-KR"})


def encoding_name(name: str) -> str:
    """A codec name in Python's canonical spelling ("latin_1" -> "iso8859-1")."""
    import codecs

    lowered = name.lower()
    if lowered in ("utf-8-sig", "utf_8_sig"):
        return "utf-8-sig"
    try:
        canonical = codecs.lookup(lowered).name
    except LookupError:
        return lowered
    # codecs calls both UTF-16 byte orders "utf-16-le/-be" but BOM-detecting "utf-16": keep the order
    return canonical


def encoding_label(name: str) -> str:
    """How an encoding is named to a person: "KOI8-R", "Windows-1256", "UTF-8"."""
    canonical = encoding_name(name)
    return _LABELS.get(canonical, canonical.upper())


def decode_text(data: bytes, name: str = "file", encoding: str | None = None) -> tuple[str, str]:
    """Bytes -> (text, encoding), newlines made ``\n``: :func:`decode_only`, then :func:`normalise_newlines`."""
    text, enc = decode_only(data, name, encoding)
    return normalise_newlines(text), enc


def decode_only(data: bytes, name: str = "file", encoding: str | None = None) -> tuple[str, str]:
    """Bytes -> (text, encoding), line ends as they are in the file.

    A byte-order mark decides; then UTF-8 (the common case, decoded at once);
    then charset-normalizer on the first :data:`DETECT_BYTES` (Big5,
    Shift_JIS, KOI8-R, Windows-1255...); Windows-1252/Latin-1 only when it has
    no better idea. ``encoding`` forces one (View > Encoding): bytes that are
    not valid in it show as U+FFFD rather than failing."""
    if encoding:
        enc = encoding_name(encoding)
        body = data[3:] if enc == "utf-8-sig" and data.startswith(b"\xef\xbb\xbf") else data
        return body.decode(enc.replace("-sig", ""), errors="replace"), enc
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(enc.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                raise DocumentError(f"{name} says it is {enc.upper()} but is not valid {enc.upper()}.") from exc
            return text, enc
    if b"\x00" in data[:4096] or data.endswith(b"\x00"):
        enc = _utf16_without_bom(data[:4096])
        if enc:
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise DocumentError(f"{name} is a binary file, not text.") from exc
        # NUL padding before or after the text, as some tools write: the text is what is between
        stripped = data.strip(b"\x00")
        if not stripped.strip():
            raise DocumentError(f"{name} holds no text (only NUL bytes).")
        if b"\x00" in stripped[:4096]:
            raise DocumentError(f"{name} is a binary file, not text.")
        data = stripped
    try:
        text, enc = data.decode("utf-8"), "utf-8"
        if "\x1b" in text and _ISO2022.search(data):
            text, enc = _iso2022(data) or (text, enc)
    except UnicodeDecodeError:
        text, enc = _detect(data)
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if controls > max(8, len(text[:20000]) // 100) or (controls >= 2 and controls * 10 > len(text[:20000])):
        # many control characters, or a few in a file of a few bytes ("\x01\x02garbage\xff\xfe")
        raise DocumentError(f"{name} is a binary file, not text.")
    return text, enc


# The escape sequences that switch a 7-bit ISO-2022 text into Japanese, Korean or Chinese.
_ISO2022 = re.compile(rb"\x1b(?:\$[@B]|\$\(D|\$\)[ACG]|\([BJI])")


def _iso2022(data: bytes) -> tuple[str, str] | None:
    """7-bit ISO-2022 (Japanese mail and news, for one): valid ASCII, so UTF-8
    accepts it, but its escapes would otherwise show as control characters."""
    for enc in ("iso2022_jp", "iso2022_jp_2", "iso2022_kr"):
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    return None


def _utf16_without_bom(sample: bytes) -> str:
    """UTF-16 without a BOM shows as every other byte zero."""
    even_zero = sample[0::2].count(0) / max(len(sample[0::2]), 1)
    odd_zero = sample[1::2].count(0) / max(len(sample[1::2]), 1)
    if even_zero > 0.4 and odd_zero < 0.05:
        return "utf-16-be"
    if odd_zero > 0.4 and even_zero < 0.05:
        return "utf-16-le"
    return ""


def _detect(data: bytes) -> tuple[str, str]:
    """Not UTF-8: ask charset-normalizer (on a bounded prefix) which legacy
    encoding the bytes read best in, and decode the whole file with the first
    of its guesses that fits every byte."""
    from charset_normalizer import from_bytes  # ~20 ms; only non-UTF-8 text needs it

    # from just before the first non-ASCII byte: a long ASCII preamble says nothing
    first = re.search(rb"[\x80-\xff]", data)
    start = max(0, first.start() - 1024) if first else 0
    prefix = data[start:start + DETECT_BYTES]
    guesses: list[str] = []
    short = _short_latin(prefix)
    if short:
        guesses.append(short)
    try:
        # the prefix may end inside a multi-byte character: the detector tolerates that
        guesses += [m.encoding for m in from_bytes(prefix)]
    except Exception as exc:  # a detector bug must not stop a file from opening
        log.warning("encoding detection failed: %s", exc)
    for guess in guesses:
        enc = encoding_name(guess)
        if enc.startswith("utf-8"):
            continue  # UTF-8 already failed on the whole file
        try:
            return data.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            continue
    enc = "iso8859-1" if any(b in _CP1252_HOLES for b in data) else "cp1252"
    return data.decode(enc), enc


#: Few non-ASCII bytes: too little for charset-normalizer's statistics.
SHORT_HIGH_BYTES = 100
#: The Latin-script families chardet's guess is taken in (its wrong guesses on short Latin text are Greek,
#: Cyrillic or Baltic codecs, which are left to charset-normalizer).
_SHORT_LATIN = {"cp1250", "iso8859-2", "cp1252", "iso8859-1", "iso8859-15"}
SHORT_SURE = 0.12


def _short_latin(data: bytes) -> str:
    """A short text's Latin encoding as chardet judges it, or "".

    On a few accented words ("Művelődési Ház", "Kraków leży nad Wisłą",
    "El niño comió") charset-normalizer often guesses ISO-8859-10, CP775 or
    Windows-1250 for Spanish; chardet's language models read them right
    (27 of 29 right against 21, on the corpus's non-UTF-8 files and short
    Central and Western European sentences; 27 of 32 against 22 on short
    sentences in twelve legacy encodings). Longer texts keep
    charset-normalizer, which names the corpus's encodings exactly."""
    if sum(1 for b in data[:65536] if b > 127) >= SHORT_HIGH_BYTES:
        return ""
    try:
        import chardet  # only short non-UTF-8 text needs it

        found = chardet.detect(data)
    except Exception as exc:  # a detector bug must not stop a file from opening
        log.warning("encoding detection failed: %s", exc)
        return ""
    guess, confidence = found.get("encoding") or "", float(found.get("confidence") or 0)
    enc = encoding_name(guess) if guess else ""
    # other scripts only when chardet is surer: its wrong guesses on a few Latin words ("Café au lait"
    # as Windows-1257, "Ça coûte" as Mac Cyrillic) come at 0.07-0.08; KOI8-R, Hebrew, Turkish right at 0.14-0.34
    return enc if enc in _SHORT_LATIN or (enc and confidence >= SHORT_SURE) else ""


def normalise_newlines(text: str) -> str:
    """Every line end ``\n``; form feeds a paragraph break; NUL bytes dropped. Each change is
    local: the beginning of a text is normalised as it is in the whole."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n").replace("\x00", "")


_SPACES = re.compile(r"[ \t]+")
WRAP_WIDTH = 100  # no hard-wrapped text has longer lines (Gutenberg wraps at ~70, mail at 72-78)
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]]*$")


def one_paragraph_per_line(lines: list[str]) -> bool:
    """Whether a block of lines (no blank line among them) is prose written one paragraph
    a line, as news sites and word processors save it, rather than hard-wrapped prose
    (lines of one width joined into a paragraph) or verse, lists and addresses (short lines).
    A wrap rarely makes a line longer than ~100 characters; given one, the block is a paragraph
    a line when its lines end as sentences end, or most of them are that long and few go on
    mid-sentence on the next line as a wrap's do, or it is a line above one more than twice as long
    (a heading or byline above a paragraph)."""
    if len(lines) < 2 or max(map(len, lines)) <= WRAP_WIDTH:  # the common case, decided cheaply
        return False
    lines = [ln.strip() for ln in lines if ln.strip()]
    if len(lines) < 2:
        return False
    lengths = [len(_SPACES.sub(" ", ln)) if "  " in ln or "\t" in ln else len(ln) for ln in lines]
    if max(lengths) <= WRAP_WIDTH:
        return False
    before = lengths[:-1]
    ended = [bool(_SENTENCE_END.search(ln[-8:])) for ln in lines[:-1]]
    ends = sum(ended)
    long_before = sum(1 for n in before if n > WRAP_WIDTH)
    # a wrap (at a wider width too) breaks mid-sentence, the next line going on in small letters
    goes_on = sum(1 for e, ln in zip(ended, lines[1:], strict=True) if not e and ln[0].islower())
    heading_above = len(lines) == 2 and lengths[1] > 2 * lengths[0]
    return ends * 2 >= len(before) or (long_before * 2 > len(before) and goes_on * 4 < len(before)) or heading_above


def _line_paragraphs(lines: list[str]) -> list[str]:
    """A paragraph a line, except that a line going on with a small letter after one
    ending mid-sentence continues it (a stray break inside a paragraph)."""
    paras: list[str] = []
    for ln in lines:
        ln = ln.strip()
        if not ln:
            continue
        if paras and ln[0].islower() and not _SENTENCE_END.search(paras[-1][-8:]):
            paras[-1] += " " + ln
        else:
            paras.append(ln)
    return paras


def _text_block(body: str) -> Block:
    if "  " in body or "\t" in body:
        body = _SPACES.sub(" ", body)
    level = chapter_level(body)  # "CHAPTER I", "BOOK ONE: 1805", "Part 2": headings
    return Block("heading", body, level=level) if level else Block("paragraph", body)


def parse_plain_text(text: str, path: Path, fingerprint: str) -> Document:
    """Paragraphs are separated by blank lines. Hard-wrapped prose is rejoined;
    short lines (verse, lists, addresses) keep their breaks; a block written one
    paragraph per line (long lines, ending as sentences do) is a paragraph a line."""
    blocks: list[Block] = []
    for para in re.split(r"\n\s*\n", text):
        lines = [ln.rstrip() for ln in para.split("\n")]
        while lines and not lines[0].strip():
            lines.pop(0)
        if not lines:
            continue
        if one_paragraph_per_line(lines):
            blocks.extend(_text_block(body) for body in _line_paragraphs(lines))
            continue
        long_lines = sum(1 for ln in lines if len(ln) > 55)
        if len(lines) > 1 and long_lines >= (len(lines) - 1) * 0.6:
            body = " ".join(ln.strip() for ln in lines)
        else:
            body = LINE_BREAK.join(ln.strip() for ln in lines)
        blocks.append(_text_block(body))
    if not blocks:
        raise DocumentError(f"{path.name} has no text.")
    settle_chapter_headings(blocks)
    title = blocks[0].text.split(LINE_BREAK)[0].strip()
    if len(title) > 100 or len(blocks) == 1:
        title = path.stem
    if title.startswith("<"):  # markup saved as text (an RSS feed as .xml.txt): its <title>, else the file's name
        title = markup_title(text) or path.stem
    fields = header_fields(blocks[:HEADER_BLOCKS])
    doc = Document.from_blocks(path, "text", fields.get("title") or title, blocks, fingerprint)
    doc.author = fields.get("author", "")
    return doc


_MARKUP_TITLE = re.compile(r"<(?:[\w-]+:)?title\b[^>]*>(.*?)</(?:[\w-]+:)?title\s*>", re.IGNORECASE | re.DOTALL)


def markup_title(text: str) -> str:
    """The first non-empty <title> (or <dc:title>) of XML or HTML kept as text, without markup."""
    import html

    for m in _MARKUP_TITLE.finditer(text, 0, min(len(text), 50_000)):
        inner = re.sub(r"<!\[CDATA\[(.*?)\]\]>", r"\1", m.group(1), flags=re.DOTALL)
        title = " ".join(html.unescape(re.sub(r"<[^>]*>", " ", inner)).split())
        if title:
            return title[:200]
    return ""


#: How far into a plain text its "Title:" and "Author:" lines are looked for.
HEADER_BLOCKS = 40
_HEADER_FIELD = re.compile(r"^(Title|Author)s?:[ \t]+(\S.{0,150})$", re.IGNORECASE)


def header_fields(blocks: list[Block]) -> dict[str, str]:
    """The "Title: ..." and "Author: ..." lines a text opens with (Project Gutenberg's
    books, many e-texts), lower-cased names to values; the first of each counts."""
    found: dict[str, str] = {}
    for b in blocks:
        for line in b.text.split(LINE_BREAK):
            m = _HEADER_FIELD.match(line.strip())
            if m:
                found.setdefault(m.group(1).lower(), " ".join(m.group(2).split()))
    return found


# -- Markdown ----------------------------------------------------------------

_BLOCK_KIND = {"blockquote_open": "quote", "list_item_open": "list_item"}


def parse_markdown(text: str, path: Path, fingerprint: str) -> Document:
    from markdown_it import MarkdownIt  # ~15 ms; only Markdown needs it

    tokens = MarkdownIt("commonmark").parse(text)
    blocks: list[Block] = []
    context: list[str] = []
    pending: Block | None = None
    for tok in tokens:
        if tok.type in _BLOCK_KIND:
            context.append(_BLOCK_KIND[tok.type])
        elif tok.type in ("blockquote_close", "list_item_close"):
            if context:
                context.pop()
        elif tok.type == "heading_open":
            pending = Block("heading", "", level=int(tok.tag[1:]))
        elif tok.type == "paragraph_open":
            pending = Block(context[-1] if context else "paragraph", "")
        elif tok.type == "inline" and pending is not None:
            pending.text, pending.spans = _inline(tok.children or [])
            if pending.text.strip():
                blocks.append(pending)
            pending = None
        elif tok.type in ("fence", "code_block"):
            body = tok.content.rstrip("\n").replace("\n", LINE_BREAK)
            if body.strip():
                blocks.append(Block("code", body, spans=[Span(0, len(body), "code")]))
        elif tok.type == "html_block":
            body = re.sub(r"<[^>]+>", "", tok.content).strip()
            if body:
                blocks.append(Block("paragraph", " ".join(body.split())))
    if not blocks:
        raise DocumentError(f"{path.name} has no text.")
    title = next((b.text for b in blocks if b.kind == "heading" and b.level == 1), "")
    title = re.sub(r"\[\d+\]$", "", title).strip() or next(
        (b.text for b in blocks if b.kind == "heading"), path.stem
    )
    doc = Document.from_blocks(path, "markdown", title.replace(LINE_BREAK, " "), blocks, fingerprint)
    for b in doc.blocks:  # spans were block-relative while parsing
        for s in b.spans:
            s.start += b.start
            s.end += b.start
    return doc


def _inline(children: list[Any]) -> tuple[str, list[Span]]:
    out: list[str] = []
    spans: list[Span] = []
    open_spans: list[Span] = []
    pos = 0

    def push(text: str) -> None:
        nonlocal pos
        out.append(text)
        pos += len(text)

    def open_span(kind: str, href: str = "") -> None:
        open_spans.append(Span(pos, pos, kind, href))

    def close_span(kind: str) -> None:
        for i in range(len(open_spans) - 1, -1, -1):
            if open_spans[i].kind == kind:
                s = open_spans.pop(i)
                s.end = pos
                if s.end > s.start:
                    spans.append(s)
                return

    for c in children:
        t = c.type
        if t == "text":
            push(c.content)
        elif t == "softbreak":
            push(" ")
        elif t == "hardbreak":
            push(LINE_BREAK)
        elif t == "code_inline":
            start = pos
            push(c.content)
            spans.append(Span(start, pos, "code"))
        elif t in ("strong_open", "em_open"):
            open_span(t[:-5] if t == "strong_open" else "em")
        elif t in ("strong_close", "em_close"):
            close_span("strong" if t == "strong_close" else "em")
        elif t == "link_open":
            open_span("link", str(c.attrs.get("href", "")))
        elif t == "link_close":
            close_span("link")
        elif t == "image":
            push(c.content or "[image]")
        elif t == "html_inline":
            tag = c.content.strip().lower()
            if tag == "<sup>":
                open_span("sup")
            elif tag == "</sup>":
                close_span("sup")
            elif tag.startswith("<br"):
                push(LINE_BREAK)
    text = "".join(out)
    # Collapse runs of spaces without moving span offsets: only trailing/leading trimmed.
    stripped = text.rstrip()
    lead = len(stripped) - len(stripped.lstrip())
    if lead:
        stripped = stripped[lead:]
        for s in spans:
            s.start = max(0, s.start - lead)
            s.end = max(0, s.end - lead)
    for s in spans:
        s.end = min(s.end, len(stripped))
    return stripped, [s for s in spans if s.end > s.start]


# -- PDF ---------------------------------------------------------------------

MAX_PAGES = 100_000


def load_pdf(path: Path, data: bytes, password: str | None = None, progress: Progress | None = None) -> Document:
    import pymupdf  # heavy: only when a PDF is opened

    pymupdf.TOOLS.mupdf_display_errors(False)
    try:
        pdf = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # PyMuPDF raises several types for damaged files
        raise DocumentError(f"{path.name} is damaged and cannot be opened as a PDF.") from exc
    with pdf:
        if pdf.needs_pass:
            if password is None:
                raise PasswordRequired(f"{path.name} is encrypted and needs a password.")
            if not pdf.authenticate(password):
                raise PasswordRequired(f"Wrong password for {path.name}.", wrong=True)
        warnings: list[str] = []
        if pdf.is_repaired:
            warnings.append("The PDF was damaged; Reader repaired what it could.")
        fix_page_tree(pdf, warnings)
        if pdf.page_count == 0:
            raise DocumentError(f"{path.name} is damaged (perhaps cut short): it has no pages to show."
                                    if pdf.is_repaired else f"{path.name} has no pages.")
        if pdf.page_count > MAX_PAGES:
            raise DocumentError(f"{path.name} claims {pdf.page_count:,} pages, which cannot be right.")
        blocks: list[Block] = []
        words = WordTable()
        pos = 0
        total = pdf.page_count
        flags = pymupdf.TEXTFLAGS_WORDS & ~pymupdf.TEXT_PRESERVE_LIGATURES
        from reader.pdf_markers import (
            inline_ordinals,
            lead_note_numbers,
            page_markers,
            small_raised_digits,
            strip_markers,
        )
        from reader.pdf_pages import page_highlight_annotations
        from reader.pdf_readable import unreadable, warning

        annotations: list[Any] = []
        symbols_only: list[int] = []  # pages whose text layer is symbols (fonts with no letters mapped)
        for pno in range(total):
            marker = Block("page", f"Page {pno + 1}", page=pno, ident=f"page-{pno + 1}")
            blocks.append(marker)
            pos += len(marker.text) + 1
            try:
                page = pdf.load_page(pno)
                defuse_contents(pdf, page.xref)
                raw = page.get_text("words", flags=flags)
                if raw and small_raised_digits(raw):  # footnote markers in the running text go (pdf_markers.py)
                    raw = strip_markers(raw, page_markers(raw, page.get_text("dict", flags=flags)))
                raw = inline_ordinals(raw)  # a raised "th" after its number, not at the end of the paragraph
                raw = lead_note_numbers(raw)  # a note's raised number before its text, not after it
                if raw and unreadable(raw):
                    symbols_only.append(pno + 1)
                width = page.rect.width
                annotations += page_highlight_annotations(pdf, pno, page)
            except Exception as exc:
                log.warning("page %d of %s: %s", pno + 1, path.name, exc)
                warnings.append(f"Page {pno + 1} could not be read.")
                bad = Block("paragraph", "[This page could not be read.]", page=pno)
                blocks.append(bad)
                pos += len(bad.text) + 1
                continue
            by_block: dict[int, list[Any]] = {}
            for w in raw:
                by_block.setdefault(w[5], []).append(w)
            for ws in (part for g in _reading_order(list(by_block.values()), width) for part in _indented_paragraphs(g)):
                parts: list[str] = []
                bpos = pos
                prev_line = None
                for w in sorted(ws, key=lambda w: (w[6], w[7])):
                    if parts:
                        # lines keep their breaks (U+2028): the repair step decides what they were
                        parts.append(LINE_BREAK if w[6] != prev_line else " ")
                        bpos += 1
                    prev_line = w[6]
                    text = _word_text(w[4])
                    words.append(bpos, bpos + len(text), pno, (w[0], w[1], w[2], w[3]))
                    parts.append(text)
                    bpos += len(text)
                blk = Block("paragraph", "".join(parts), page=pno)
                blocks.append(blk)
                pos += len(blk.text) + 1
            if pno % 16 == 15:
                from reader.pdf_pages import trim_mupdf_store

                trim_mupdf_store(every=1)
            if progress:
                progress(pno + 1, total)
        if not any(b.kind != "page" and b.text.strip() for b in blocks):
            warnings.append("This PDF has no text layer (a scan?): text cannot be selected.")
        elif symbols_only:
            warnings.append(warning(symbols_only, total))
        from reader.titles import title_and_author

        page1 = " ".join(b.text for b in blocks if b.page == 0 and b.kind != "page")
        title, author = title_and_author(pdf, path.stem, page1)
        blocks = _title_apart(blocks, title)
        doc = Document.from_blocks(
            path, "pdf", title, blocks, fingerprint_bytes(data), page_count=total, words=words,
            warnings=warnings,
        )
        doc.annotations = annotations
        doc.author = author
    return doc


def _title_apart(blocks: list[Block], title: str) -> list[Block]:
    """The first page's block that opens with the printed title, split after the title's
    lines, so the title is a block of its own (a heading) and not the start of the first
    paragraph ("IRAQ: LEGAL HISTORY AND TRADITIONS Present day Iraq exists ...").
    Blocks are joined by one character and lines by one, so no offset moves."""
    want = re.findall(r"\w+", title.lower())
    if not want:
        return blocks
    for k, b in enumerate(blocks):
        if b.page != 0 or b.kind != "paragraph":
            continue
        lines = b.text.split(LINE_BREAK)
        got: list[str] = []
        for n, line in enumerate(lines[:-1], start=1):
            got += re.findall(r"\w+", line.lower())
            if got != want[: len(got)]:
                break
            if got == want:
                head = Block("paragraph", LINE_BREAK.join(lines[:n]), page=b.page)
                rest = Block("paragraph", LINE_BREAK.join(lines[n:]), page=b.page)
                return [*blocks[:k], head, rest, *blocks[k + 1 :]]
    return blocks


def _indented_paragraphs(ws: list[Any]) -> list[list[Any]]:
    """A PDF block's words split where a new paragraph starts inside it: a line
    indented by about an em or more (up to a few) from the block's left edge,
    after a line that ends a sentence. Only when such lines are few (a
    hanging-indent list, such as references, indents most of its lines)."""
    lines: dict[int, list[Any]] = {}
    for w in ws:
        lines.setdefault(w[6], []).append(w)
    if len(lines) < 3:
        return [ws]
    keys = sorted(lines)
    x0 = {k: min(w[0] for w in lines[k]) for k in keys}
    left = min(x0.values())
    heights = sorted(w[3] - w[1] for w in ws)
    em = heights[len(heights) // 2]
    if em <= 0:
        return [ws]

    def last_word(k: int) -> str:
        return max(lines[k], key=lambda w: w[7])[4]

    starts = [
        k for prev, k in itertools.pairwise(keys)
        if 0.7 * em <= x0[k] - left <= 4 * em and re.search(r"[.!?:][\"”’)]?$", last_word(prev))
    ]
    indented = sum(1 for k in keys[1:] if x0[k] - left >= 0.7 * em)
    if indented > (len(keys) - 1) / 3:
        starts = []
    # a blank line's gap after a line that ends a sentence starts a paragraph too, indented or not ('…have been
    # highlighted.' then, two empty lines below, 'By Constance Johnson': tryout 13 read them as one paragraph)
    top = {k: min(w[1] for w in lines[k]) for k in keys}
    bottom = {k: max(w[3] for w in lines[k]) for k in keys}
    starts += [k for prev, k in itertools.pairwise(keys) if k not in starts and top[k] - bottom[prev] >= em
               and re.search(r"[.!?:][\"”’)]?$", last_word(prev))]
    if not starts:
        return [ws]
    out: list[list[Any]] = []
    cur: list[Any] = []
    for k in keys:
        if k in starts and cur:
            out.append(cur)
            cur = []
        cur += lines[k]
    out.append(cur)
    return out


_ENCLOSED = {"c": "©", "C": "©", "r": "®", "R": "®", "p": "℗", "P": "℗"}


# TeX without T1 fonts draws an accent as a glyph of its own beside the letter, and text
# extraction returns the spacing form: "na¨ıve", "´etude", "Bo¨hm"; cedilla and ogonek come
# after their letter ("franc¸ais"). Each spacing accent and the combining mark it stands for.
_ACCENTS_BEFORE = {"\u00a8": "\u0308", "\u00b4": "\u0301", "`": "\u0300", "\u02c6": "\u0302", "\u02dc": "\u0303",
                   "\u02c7": "\u030c", "\u02d8": "\u0306", "\u02da": "\u030a", "\u00af": "\u0304",
                   "\u02d9": "\u0307", "\u02dd": "\u030b"}
_ACCENTS_AFTER = {"\u00b8": "\u0327", "\u02db": "\u0328"}
_ACCENT_BEFORE = re.compile("([" + "".join(_ACCENTS_BEFORE) + "])([A-Za-z\u0131\u0237])")
_ACCENT_AFTER = re.compile("([A-Za-z])([" + "".join(_ACCENTS_AFTER) + "])")
_DOTLESS = {"\u0131": "i", "\u0237": "j"}


def _word_text(word: str) -> str:
    """A PDF word's text as a reader expects it: TeX's circled and accented letters
    composed (see :func:`_enclosed`, :func:`_accented`)."""
    if "\u20dd" in word:
        word = _enclosed(word)
    if not word.isascii() or "`" in word:
        word = _accented(word)
    return word


def _accented(word: str) -> str:
    """A spacing accent next to its letter, as TeX draws it, made one accented letter
    ("na¨ıve" -> "naïve", "´etude" -> "étude", "franc¸ais" -> "français"). Only where the
    two make one precomposed letter; a grave (`) only before a vowel in a word with no
    other backtick, so `code` quotes stay as they are."""

    def compose(base: str, mark: str) -> str | None:
        one = unicodedata.normalize("NFC", _DOTLESS.get(base, base) + mark)
        return one if len(one) == 1 else None

    def before(m: re.Match[str]) -> str:
        acc, base = m.group(1), m.group(2)
        if acc == "`" and (base not in "aeiouAEIOU" or word.count("`") != 1):
            return m.group(0)
        return compose(base, _ACCENTS_BEFORE[acc]) or m.group(0)

    def after(m: re.Match[str]) -> str:
        return compose(m.group(1), _ACCENTS_AFTER[m.group(2)]) or m.group(0)

    return _ACCENT_AFTER.sub(after, _ACCENT_BEFORE.sub(before, word))


def _enclosed(word: str) -> str:
    """A letter followed by COMBINING ENCLOSING CIRCLE (U+20DD), as TeX draws ©
    and ® and text extraction returns them: "c⃝2009" -> "©2009", "r⃝" -> "®";
    other letters become their circled forms (Ⓐ, ⓐ)."""

    def one(m: re.Match[str]) -> str:
        ch = m.group(1)
        if ch in _ENCLOSED:
            return _ENCLOSED[ch]
        if "A" <= ch <= "Z":
            return chr(0x24B6 + ord(ch) - ord("A"))
        if "a" <= ch <= "z":
            return chr(0x24D0 + ord(ch) - ord("a"))
        return m.group(0)

    return re.sub(r"([A-Za-z])\u20dd", one, word)


def _reading_order(groups: list[list[Any]], width: float) -> list[list[Any]]:
    """Blocks of words in reading order: on a two-column page, the left column
    top to bottom, then the right one, between full-width blocks (titles,
    wide figures) which keep their place."""

    def box(ws: list[Any]) -> tuple[float, float, float, float]:
        return min(w[0] for w in ws), min(w[1] for w in ws), max(w[2] for w in ws), max(w[3] for w in ws)

    boxes = [(box(ws), ws) for ws in groups if ws]
    boxes.sort(key=lambda b: (round(b[0][1]), b[0][0]))
    mid = width / 2
    left = [b for b in boxes if b[0][2] <= mid + width * 0.04]
    right = [b for b in boxes if b[0][0] >= mid - width * 0.04]
    side_by_side = any(lb[0][1] < rb[0][3] and rb[0][1] < lb[0][3] for lb in left for rb in right)
    if not side_by_side:
        return [ws for _b, ws in boxes]
    ordered: list[list[Any]] = []
    run_l: list[Any] = []
    run_r: list[Any] = []
    for b in boxes:
        (x0, _y0, x1, _y1), ws = b
        if x1 <= mid + width * 0.04:
            run_l.append(ws)
        elif x0 >= mid - width * 0.04:
            run_r.append(ws)
        else:  # spans both columns: the columns above it end here
            ordered += run_l + run_r + [ws]
            run_l, run_r = [], []
    return ordered + run_l + run_r
