"""Markdown for note-taking apps, from a Jinja2 template the person can change.

Escaping is on by default, as autoescaping is for HTML templates: every value
a template prints is escaped for Markdown (the '<' of an HTML tag, the '&' of an
entity and Markdown punctuation are backslashed, readable in an editor), so a note or a document that
holds ``<img src=x onerror=...>`` or ``[x](javascript:...)`` comes out as
text, never as markup. Filters mark what they produce as already safe.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from markupsafe import Markup

from notes_db.records import STYLE_WORDS
from reader.export.model import ExportDoc

TEMPLATE_NAME = "markdown-export.md.j2"


class TemplateProblem(ValueError):
    """The template could not be read or rendered; one sentence says why."""


def _resources() -> Path:
    here = Path(__file__).resolve().parent.parent.parent / "resources"
    return here if here.exists() else Path(__file__).resolve().parent.parent / "resources"


def default_template_path() -> Path:
    return _resources() / TEMPLATE_NAME


def user_template_path() -> Path:
    """A template the person put in Reader's config folder replaces the default."""
    import platformdirs

    return Path(platformdirs.user_config_dir("Reader", appauthor=False)) / TEMPLATE_NAME


#: the '&' of an entity, or the '<' that opens an HTML tag, comment, declaration or autolink (any other
#: '<', "a < b", is plain text), with the backslashes before it
_HTML_OPEN = re.compile(r"(\\*)(&(?=#\d+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)|<(?=[A-Za-z/!?]))")
_BACKTICK = re.compile(r"(\\*)(`)")
_INLINE = re.compile(r"([\\`*_\[\]|~])")
_LINE_START = re.compile(r"(?m)^(\s*)([#+=>-])")
_ORDERED = re.compile(r"(?m)^(\s*\d+)([.)])(?=\s|$)")
#: a code span as CommonMark reads one: a whole run of backticks, not escaped, up to the next run of the same
#: length. A backslash-escaped backslash before the run ("\\`") is taken as no span too: the safe side.
_CODE_SPAN = re.compile(r"(?<![`\\])(`+)(?!`).*?(?<!`)\1(?!`)")


def _escaped(pattern: re.Pattern[str], text: str) -> str:
    """Each match of ``pattern`` (group 1 the backslashes before it, group 2 the sign) made literal: one
    backslash more when those before it are an even number, which escape only each other."""
    return pattern.sub(lambda m: m.group(1) + "\\" * (len(m.group(1)) % 2 == 0) + m.group(2), text)


def html_escape(text: str) -> str:
    """No HTML tag, comment, autolink or entity survives, and the text stays readable in an editor: the
    '<' that would open one and the '&' of an entity are backslashed ("\\<b>", "\\&amp;"), which a
    CommonMark renderer shows as the characters themselves; "a < b" and "R&D" are left as they are. The
    person's own backslash before them ("\\<b>") already makes them text and gets no second one, which
    would escape it and leave the '<' live."""
    return _escaped(_HTML_OPEN, text)


def md_text(text: str) -> str:
    """Text shown as written: no HTML and no Markdown markup."""
    out = html_escape(_INLINE.sub(r"\\\1", text))
    out = _ORDERED.sub(lambda m: m.group(1) + "\\" + m.group(2), out)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), out)


def _one_line(text: str) -> str:
    return " ".join(text.replace("\u2028", " ").split())


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Markup):
        return str(value)
    if isinstance(value, str):
        return md_text(value)
    return md_text(str(value))


def f_yaml(value: Any) -> Markup:
    """A YAML double-quoted scalar (JSON is valid YAML) with no raw '<', '>' or '&'."""
    text = json.dumps("" if value is None else str(value), ensure_ascii=False)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def f_quote(value: Any, style: str = "highlight") -> Markup:
    """A blockquote of the words; struck through (``~~words~~``, GitHub's and most renderers') for a strike-out."""
    text = md_text(_one_line(str(value or "")))
    return Markup("> " + (f"~~{text}~~" if style == "strikeout" and text else text))


#: What makes a line of Markdown the start of a block (CommonMark and GitHub's tables): a heading, a list
#: item, a thematic break or a setext underline, a code fence, a link reference definition or footnote.
_BLOCK_MARK = re.compile(
    r"^(?:#{1,6}(?=\s|$)|[-+*](?=\s|$)|([-*_])(?:\s*\1){2,}\s*$|=+\s*$|`{3,}|~{3,}|\[[^\]]*\]:)")
_ORDERED_MARK = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")


def _outside_code(line: str, escape: Any) -> str:
    """``escape`` applied to a line's text outside its `code spans` (where a backslash would show). A
    backtick outside them must be escaped too: left live, it could open a span that runs into the next line
    of the paragraph and end inside one of this line's spans, freeing its text."""
    out, at = [], 0
    for m in _CODE_SPAN.finditer(line):
        out += [escape(line[at:m.start()]), m.group(0)]
        at = m.end()
    return "".join([*out, escape(line[at:])])


def note_line(line: str) -> str:
    """One line of a note as Markdown that stays a line of the note: its inline Markdown (*emphasis*,
    `code`, links) is kept, HTML is escaped with backslashes ("\\<b>"), and nothing at its start can begin
    a block of the file (a heading, a list, a rule, a quote, a code block or fence, a table): "# Not a
    heading" is written "\\# Not a heading", "> not a quote" "\\> not a quote". Indentation goes (four
    spaces would make code)."""
    out = _outside_code(line.strip(" \t"), lambda t: _escaped(_BACKTICK, html_escape(t)).replace("|", "\\|"))
    # a backtick left unescaped opens a code span of this line, so the line is no code fence (a fence's
    # line has no backtick after its own), and a backslash before it would break the span and free its text
    if not out.startswith("`") and (_BLOCK_MARK.match(out) or out.startswith(">")):
        return "\\" + out
    return _ORDERED_MARK.sub(r"\1\\\2", out)


def f_note(value: Any) -> Markup:
    """The person's own note, kept a note and shown as they wrote it: their inline Markdown stays; HTML and
    anything that would change the file's structure (headings, rules, quotes, lists, code blocks) do not
    (:func:`note_line`). Each line ends in a hard break (a backslash), so GitHub, markdown-it or Obsidian
    show the note's lines as lines rather than joining them into one; a blank line stays a new paragraph."""
    lines = [note_line(line) for line in str(value or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if out and out[-1] and line:
            ends = len(out[-1]) - len(out[-1].rstrip("\\"))
            out[-1] += "\\" * (ends % 2) + "\\"  # the person's own final backslash stays one
        if line or (out and out[-1]):
            out.append(line)
    return Markup("\n".join(out).strip())


def hashtag(tag: str) -> str:
    body = re.sub(r"[^\w/-]+", "-", tag.strip(), flags=re.UNICODE).strip("-")
    return "#" + body if body else ""


def f_hashtags(tags: Any) -> Markup:
    return Markup(" ".join(t for t in (hashtag(str(x)) for x in tags or []) if t))


def f_url(value: Any) -> Markup:
    """A link target that cannot end the link early or open HTML."""
    text = str(value or "")
    for ch, rep in ((" ", "%20"), ("(", "%28"), (")", "%29"), ("<", "%3C"), (">", "%3E"), ('"', "%22")):
        text = text.replace(ch, rep)
    return Markup(text)


def _environment() -> Any:
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(
        autoescape=False, finalize=_finalize, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.filters.update(yaml=f_yaml, quote=f_quote, note=f_note, hashtags=f_hashtags, url=f_url)
    return env


def template_source(path: Path | None = None) -> str:
    """The template text: the one given, else the person's own, else Reader's."""
    candidates = [path] if path is not None else [user_template_path(), default_template_path()]
    for p in candidates:
        if p is not None and (path is not None or p.is_file()):
            try:
                return p.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise TemplateProblem(f"the template {p} cannot be read: {exc}") from exc
    raise TemplateProblem("Reader's Markdown template is missing from its resources")


#: how long a corrected quote's words are in the export's list of corrections (cut at a word, with "…")
CORRECTION_WORDS = 120


def shortened(text: str, limit: int = CORRECTION_WORDS) -> str:
    """``text`` on one line, cut at a word with "…" when longer than ``limit``."""
    flat = _one_line(text)
    if len(flat) <= limit:
        return flat
    head = flat[:limit]
    cut = head.rsplit(" ", 1)[0] if " " in head else head
    return cut.rstrip(",;:") + "…"


def context(doc: ExportDoc) -> dict[str, Any]:
    from reader.export import NOT_A_QUOTE, found_name

    return {
        "document": {
            "title": doc.title, "author": doc.author, "date": doc.date, "site": doc.site, "source": doc.source,
            "path": doc.record.path, "sha256": doc.sha256, "kind": doc.record.kind, "tags": doc.tags,
        },
        "highlights": [
            {
                "id": h.id, "text": h.exact, "note": h.note, "tags": list(h.tags), "color": h.color,
                "style": h.style, "style_word": STYLE_WORDS.get(h.style, ""),
                "page": h.page + 1 if h.page is not None else None, "created": h.created, "modified": h.updated,
                "link": doc.link(h), "orphaned": h.orphaned, "prefix": h.prefix, "suffix": h.suffix,
                "author": h.author,
            }
            for h in doc.highlights
        ],
        "reviews": [
            {"text": r.text, "kind": r.kind, "status": r.status, "note": r.note, "source": r.source,
             "updated": r.updated[:10], "link": doc.claim_link(r)}
            for r in doc.reviews
        ],
        "corrections": [
            {"text": shortened(c.text), "speaker": NOT_A_QUOTE if c.dismissed else c.speaker,
             "not_a_quote": c.dismissed, "found": found_name(f) or "nobody", "updated": c.updated[:10],
             "link": doc.quote_link(c)}
            for c, f in doc.corrections
        ],
    }


def render(doc: ExportDoc, template: str | None = None) -> str:
    from jinja2 import TemplateError

    source = template if template is not None else template_source()
    try:
        out = _environment().from_string(source).render(**context(doc))
    except TemplateError as exc:
        lineno = getattr(exc, "lineno", None)
        line = f" (line {lineno})" if lineno else ""
        raise TemplateProblem(f"the Markdown template does not work{line}: {exc}") from exc
    out = re.sub(r"\n{3,}", "\n\n", out)
    return out.rstrip() + "\n"
