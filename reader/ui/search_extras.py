"""Search results that are not highlights: reviewed claims and quotes found in
documents (notes_db.reviews), shown after the highlights in the search panel.
Clicking one opens its document at the passage."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QListWidgetItem

from notes_db.paths import file_in_folder
from reader.speaker_labels import said_by
from reader.ui.annotations import elide

if TYPE_CHECKING:
    from notes_db.search import Results
    from reader.ui.search_panel import SearchPanel

RANGE = "range"  # item data: (RANGE, path, start, end)


def _card(title: str, body: str, extra: str = "") -> QLabel:
    label = QLabel(f"<div style='color:#6b665c'>{html.escape(title)}</div>"
                   f"<div>“{html.escape(elide(' '.join(body.split()), 260))}”</div>"
                   + (f"<div style='color:#6b665c'>{html.escape(elide(extra, 200))}</div>" if extra else ""))
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setObjectName("resultExtra")
    label.setContentsMargins(8, 6, 8, 6)
    return label


def add_results(panel: SearchPanel, res: Results, width: int, copies: frozenset[str] | set[str] = frozenset()) -> int:
    """Append reviewed claims and quotes to the panel's list; returns how many. A document whose title is in
    ``copies`` (another document among the results has it) is named by its folder and file too."""
    def title(name: str, path: str | None) -> str:
        return f"{name} — {file_in_folder(path)}" if name in copies and path else name

    n = 0
    for r in res.reviews:
        extra = " · ".join(x for x in (f"Note: {r.note}" if r.note else "", f"Source: {r.source}" if r.source else "")
                           if x)
        card = _card(f"{title(r.doc_title, r.doc_path)} · claim, {r.status}",
                     r.text or "(open the document to read the claim)", extra)
        _add(panel, card, width, (RANGE, r.doc_path, r.start or 0, r.end or 0))
        n += 1
    for q in res.quotes:
        card = _card(f"{title(q.doc_title, q.doc_path)} · quote, {said_by(q.speaker, q.speaker_group)}", q.words)  # the person
        _add(panel, card, width, (RANGE, q.doc_path, q.start, q.end))
        n += 1
    return n


def _add(panel: SearchPanel, card: QLabel, width: int, data: tuple[str, str, int, int]) -> None:
    item = QListWidgetItem()
    item.setData(Qt.ItemDataRole.UserRole, data)
    card.setFixedWidth(max(width, 120))
    panel.list.addItem(item)
    panel.list.setItemWidget(item, card)
    h = card.heightForWidth(max(width, 120))
    item.setSizeHint(QSize(width, (h if h > 0 else card.sizeHint().height()) + 4))
