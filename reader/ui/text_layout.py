"""The reading view's text: a Document turned into a QTextDocument.

Built in one edit block before the view has it, so nothing is laid out until
it is shown; Qt then lays out a long text a screenful at a time. The text is
never edited afterwards (highlights and marks are painted over it, see
``highlight_overlay.py``): an edit while Qt is still laying out lazily makes
it forget the paragraphs it had not reached yet.
"""

from __future__ import annotations

import re
import threading
import time
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextListFormat,
)

from reader.document import Document
from reader.textpos import TextPositions, qt_safe
from reader.ui import style

PARAGRAPH = "\u2029"
_HEADING_PT = {1: 21.0, 2: 16.5, 3: 14.0, 4: 13.0, 5: 12.5, 6: 12.5}


def font(families: list[str], pt: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    f = QFont()
    f.setFamilies(families)
    f.setPointSizeF(pt)
    f.setWeight(weight)
    return f


#: Pixels between a byline or header block and the text below it.
FRONT_GAP = 18


def base_format() -> QTextCharFormat:
    base = QTextCharFormat()
    base.setFont(font(style.READING_FAMILY, style.FONT_PT))
    base.setForeground(QBrush(QColor(style.INK)))
    return base


def block_formats(kind: str, level: int, base: QTextCharFormat) -> tuple[QTextBlockFormat, QTextCharFormat]:
    bf = QTextBlockFormat()
    bf.setLineHeight(style.LINE_HEIGHT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    bf.setBottomMargin(10)
    cf = QTextCharFormat(base)
    if kind == "heading":
        cf.setFont(font(style.SANS, _HEADING_PT.get(level, 12.5), QFont.Weight.DemiBold))
        bf.setTopMargin(22 if level <= 2 else 14)
        bf.setBottomMargin(8)
        bf.setLineHeight(125, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        bf.setHeadingLevel(level)
    elif kind == "quote":
        bf.setLeftMargin(24)
        cf.setForeground(QBrush(QColor(style.QUOTE_INK)))
        cf.setFontItalic(True)
    elif kind == "code":
        cf.setFont(font(style.MONO, style.FONT_PT - 2))
        bf.setBackground(QColor(style.CODE_BG))
        bf.setLineHeight(120, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    elif kind == "page":
        cf.setFont(font(style.SANS, 9))
        cf.setForeground(QBrush(QColor(style.MUTED)))
        cf.setFontCapitalization(QFont.Capitalization.AllUppercase)
        cf.setFontLetterSpacing(110)
        bf.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        bf.setTopMargin(18)
    elif kind == "front":
        cf.setFont(font(style.SANS, style.FONT_PT - 2.5))
        cf.setForeground(QBrush(QColor(style.MUTED)))
        bf.setLineHeight(125, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        bf.setBottomMargin(2)
    elif kind in ("caption", "footnote"):
        cf.setFont(font(style.SANS, style.FONT_PT - 2.5))
        cf.setForeground(QBrush(QColor(style.MUTED)))
        bf.setLineHeight(130, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        bf.setBottomMargin(6)
        if kind == "caption":
            cf.setFontItalic(True)
            bf.setLeftMargin(18)
    return bf, cf


def span_format(kind: str, href: str, title: str = "") -> QTextCharFormat:
    f = QTextCharFormat()
    if title:
        f.setToolTip(title)
    if kind == "em":
        f.setFontItalic(True)
    elif kind == "strong":
        f.setFontWeight(QFont.Weight.Bold)
    elif kind == "code":
        f.setFontFamilies(style.MONO)
        f.setBackground(QColor(style.CODE_BG))
    elif kind == "link":
        f.setAnchor(True)
        f.setAnchorHref(href)
        f.setForeground(QBrush(QColor(style.ACCENT)))
        f.setFontUnderline(True)
        f.setUnderlineColor(QColor(style.LINK_LINE))
    elif kind in ("sup", "footref"):
        f.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
        f.setForeground(QBrush(QColor(style.ACCENT)))
        if href:
            f.setAnchor(True)
            f.setAnchorHref(href)
    return f


_BREAKS_BUT_PARAGRAPH = re.compile("[\r\n\ufdd0\ufdd1]")


def _joined(doc: Document) -> str:
    """The blocks' texts, one paragraph separator between them, made safe for Qt
    (see ``textpos.qt_safe``) in one pass when no block holds a separator itself."""
    text = PARAGRAPH.join(b.text for b in doc.blocks)
    if text.count(PARAGRAPH) == max(0, len(doc.blocks) - 1):
        return _BREAKS_BUT_PARAGRAPH.sub(" ", text)
    return PARAGRAPH.join(qt_safe(b.text) for b in doc.blocks)


def build_document(doc: Document, positions: TextPositions, parent: QObject | None,
                   chunk: int = 0) -> QTextDocument:
    """The document's blocks and spans as a QTextDocument, laid out when shown.

    The whole text goes in with one insertText (Qt splits it into paragraphs
    at U+2029, as setPlainText does); only blocks that are not plain
    paragraphs are then given their own formats, and list items their list."""
    qdoc = QTextDocument(parent)
    qdoc.setUndoRedoEnabled(False)
    qdoc.setDefaultFont(font(style.READING_FAMILY, style.FONT_PT))
    qdoc.setDocumentMargin(28)
    cur = QTextCursor(qdoc)
    cur.beginEditBlock()
    base = base_format()
    formats: dict[tuple[str, int], tuple[QTextBlockFormat, QTextCharFormat]] = {}

    def formats_for(kind: str, level: int) -> tuple[QTextBlockFormat, QTextCharFormat]:
        key = (kind, level)
        if key not in formats:
            formats[key] = block_formats(kind, level, base)
        return formats[key]

    para_bf, para_cf = formats_for("paragraph", 0)
    cur.setBlockFormat(para_bf)
    cur.setBlockCharFormat(para_cf)
    text = _joined(doc)
    if chunk:  # off the GUI thread: Qt holds the interpreter lock while it takes a text in, a piece at a time
        for at in range(0, len(text), chunk):
            cur.insertText(text[at:at + chunk], para_cf)
            time.sleep(0)  # the interpreter to the window between pieces
    else:
        cur.insertText(text, para_cf)
    # Only the blocks that are not plain paragraphs are visited (a book has a few
    # hundred headings among 12,000 paragraphs); a list goes on while items follow each other.
    current_list, last_item = None, -2
    for i, b in enumerate(doc.blocks):
        if b.kind == "paragraph":
            continue
        block = qdoc.findBlockByNumber(i)
        bf, cf = formats_for(b.kind, b.level)
        if b.kind == "front" and i + 1 < len(doc.blocks) and doc.blocks[i + 1].kind not in ("front", "heading"):
            bf = QTextBlockFormat(bf)  # the byline (or the header's last line) stands apart from the text
            bf.setBottomMargin(FRONT_GAP)
        c = QTextCursor(block)
        c.setBlockFormat(bf)
        c.setBlockCharFormat(cf)
        c.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        c.setCharFormat(cf)
        if b.kind == "list_item":
            if current_list is None or last_item != i - 1:
                lf = QTextListFormat()
                lf.setStyle(QTextListFormat.Style.ListDisc)
                lf.setIndent(1)
                current_list = c.createList(lf)
            else:
                current_list.add(block)
            last_item = i
    for b in doc.blocks:
        for s in b.spans:
            cur.setPosition(positions.to_qt(s.start))
            cur.setPosition(positions.to_qt(s.end), QTextCursor.MoveMode.KeepAnchor)
            cur.mergeCharFormat(span_format(s.kind, s.href, s.title))
    cur.endEditBlock()
    return qdoc


#: A text this long (characters) is built off the GUI thread while it loads: War and Peace's
#: QTextDocument (3 MB) took 150-250 ms of the GUI thread, the longest turn of its opening.
PREBUILD_OVER = 200_000
#: Characters taken in at a time there (~10 ms: the window waits for the interpreter no longer than that).
PREBUILD_CHUNK = 40_000


class Prebuilt(NamedTuple):
    doc: Document
    positions: TextPositions
    qdoc: QTextDocument


_prebuilt: Prebuilt | None = None
_prebuilt_lock = threading.Lock()
#: Set once the reading view has painted the text it shows (cleared when it is given another): a
#: text is built only then, so the build does not take the interpreter from the first screen.
screen_painted = threading.Event()
#: The longest a build waits for that (seconds): a window that paints nothing still gets it.
PAINT_WAIT_S = 2.0
_quit_hooked: list[bool] = []


def prebuild(doc: Document) -> None:
    """On the thread that loaded ``doc``: its QTextDocument, built as :func:`build_document` builds it
    (nothing is laid out until a view has it) and handed to the GUI thread, where the reading view
    takes it (:func:`take_prebuilt`). One at a time: a text opened since replaces it."""
    global _prebuilt
    if doc.kind == "pdf" or len(doc.text) < PREBUILD_OVER:  # (a PDF shows its pages)
        return
    screen_painted.wait(PAINT_WAIT_S)  # the beginning shown first (reader/preview.py) is painted
    positions = TextPositions(doc.text)
    qdoc = build_document(doc, positions, None, chunk=PREBUILD_CHUNK)
    app = QCoreApplication.instance()
    if app is not None:
        qdoc.moveToThread(app.thread())
    with _prebuilt_lock:
        old, _prebuilt = _prebuilt, Prebuilt(doc, positions, qdoc)
    if old is not None:
        old.qdoc.deleteLater()  # (on the GUI thread, whose object it is now)
    if app is not None and not _quit_hooked:
        _quit_hooked.append(True)
        app.aboutToQuit.connect(lambda: drop_prebuilt(None))  # none left for the interpreter's exit


def take_prebuilt(doc: Document) -> Prebuilt | None:
    """``doc``'s QTextDocument built beside its loading, if it was (each is taken once). Another's,
    built for a file the person left before it was shown, is let go (one a view will never take)."""
    global _prebuilt
    with _prebuilt_lock:
        pre, _prebuilt = _prebuilt, None
    if pre is not None and pre.doc is not doc:
        pre.qdoc.deleteLater()
        return None
    return pre


def drop_prebuilt(doc: Document | None) -> None:
    """Let go of ``doc``'s QTextDocument built beside its loading if no view took it (of any, given None)."""
    global _prebuilt
    with _prebuilt_lock:
        pre = _prebuilt
        if pre is None or (doc is not None and pre.doc is not doc):
            return
        _prebuilt = None
    pre.qdoc.deleteLater()
