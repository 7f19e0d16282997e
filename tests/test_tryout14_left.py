"""What session 14's tryout found and its fixes left (/work/briefs/s14/tryout_report.md section 2, seen again in
session 15), each driven as the person did it."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter


class _Written(QPainter):
    """A painter that keeps every text drawn through it: what a card says, line by line."""

    def __init__(self, device: QImage) -> None:
        super().__init__(device)
        self.texts: list[str] = []

    def drawText(self, *args) -> None:  # noqa: N802 (Qt's name)
        if isinstance(args[-1], str):
            self.texts.append(args[-1])
        super().drawText(*args)


def card_text(lst, index) -> list[str]:
    """The texts the annotations list paints on the card of ``index``, top to bottom (the card as the list paints
    it into its cache, here through a painter that keeps the words)."""
    from reader.ui.highlights_model import HighlightRole

    rect = lst.visualRect(index)
    image = QImage(rect.size(), QImage.Format.Format_ARGB32)
    painter = _Written(image)
    try:
        lst.itemDelegate()._paint_card(painter, QRect(0, 0, rect.width(), rect.height()), index.data(HighlightRole),
                                       False)
    finally:
        painter.end()
    return painter.texts


def sticky_and_reply(path, line: str = "The harbour was closed for the winter.", left: int = 72, size: int = 12,
                     at: tuple[int, int] = (330, 90)):
    """A PDF whose sticky note by Erin ("Sticky: is this true?", placed ``at``) Frank answers ("Reply: yes, see Sec
    6"), on a page with ``line`` and a line nobody wrote about."""
    import pymupdf

    with pymupdf.open() as d:
        page = d.new_page()
        page.insert_text((left, 100), line, fontsize=size)
        page.insert_text((left, 130), "Nobody wrote anything about this line.", fontsize=size)
        sticky = page.add_text_annot(at, "Sticky: is this true?")
        sticky.set_info(title="Erin")
        sticky.update()
        reply = page.add_text_annot((at[0] + 30, at[1]), "Reply: yes, see Sec 6")
        reply.set_info(title="Frank")
        reply.set_irt_xref(sticky.xref)
        reply.update()
        d.save(path)
    return path


def sticky_card(qtbot, window, path):
    """The PDF at ``path`` opened, its one highlight's card in the Notes tab once Frank's reply is in its note:
    (the list, the card's index)."""
    from tests.test_pdf_own_highlights_first_seen import open_pdf

    open_pdf(qtbot, window, path)
    window.tabs.setCurrentWidget(window.panel)
    lst = window.panel.list
    qtbot.waitUntil(lambda: lst.isVisible() and lst.model().rowCount() == 1)
    index = lst.model().index(0, 0)
    qtbot.waitUntil(lambda: "Frank" in index.data(Qt.ItemDataRole.ToolTipRole))  # the reply came in, in the note
    return lst, index


def test_a_pdfs_sticky_note_and_its_reply_are_two_signed_lines_on_the_card(qtbot, window, tmp_path):
    """Tryout s14 (s13_pdf_notes): a sticky note and its reply came in as "note / — Erin / reply / — Frank", and
    the card ran them together ("Sticky: is this true? — Erin Reply: …"; since: "— Erin  ↵  Reply…  ↵  — Frank")."""
    lst, index = sticky_card(qtbot, window, sticky_and_reply(tmp_path / "notes.pdf"))
    said = card_text(lst, index)
    assert said[-2:] == ["Sticky: is this true? — Erin", "Reply: yes, see Sec 6 — Frank"], said


def test_the_search_tabs_card_shows_a_sticky_note_and_its_reply_on_lines_of_their_own(qtbot, window, tmp_path):
    """The Search tab's result card ran a note's lines into one: "Sticky: is this true? — Erin Reply: yes, see
    Sec 6 — Frank" (tryout s14, the same note as on the annotations list's card)."""
    import re

    from tests.test_pdf_own_highlights_first_seen import open_pdf

    open_pdf(qtbot, window, sticky_and_reply(tmp_path / "notes.pdf"))
    panel = window.panels.search
    qtbot.keyClicks(window.menus.search_field, "sec")
    qtbot.waitUntil(lambda: len(panel.hits) == 1 and not panel.busy and panel.list.count() == 1, timeout=10000)
    card = panel.list.itemWidget(panel.list.item(0))
    qtbot.waitUntil(card.isVisible)
    lines = [re.sub(r"<[^>]+>", "", line) for line in card.note.text().split("<br>")]  # as the label breaks them
    assert lines == ["Sticky: is this true? — Erin", "Reply: yes, see Sec 6 — Frank"], card.note.text()
    one = card.note.fontMetrics().lineSpacing()
    assert card.note.height() >= 2 * one  # laid out on two lines, the card as tall as they need


def test_the_speakers_windows_people_of_one_copy_name_its_folder_and_file(qtbot, window, tmp_path):
    """Tryout s14 (s22_speakers_xi), with the s14 fix: a copy's quotes were headed '— copy/sample-article.md', but
    the people list still read 'Their leaders (in Working Hard to Bring…' twice, one entry per copy, alike."""
    from reader.ui.library_actions import _window
    from tests.test_similar_quotes_copies import xi_heads_of_copies

    copies = [tmp_path / folder / "sample-article.md" for folder in ("resources", "copy")]
    for path in copies:  # the same file name in two folders
        path.parent.mkdir()
    xi_heads_of_copies(qtbot, window, copies)
    people = _window(window, "speakers").people_model
    names = [people.item(r).text() for r in range(people.rowCount())]
    own = [n for n in names if " (in " in n]  # the groups of each copy's own, not a name ("Their leaders")
    assert own and all(n.split(" (in ")[0] in {m.split(" (in ")[0] for m in own if m != n} for n in own), names
    assert all("— copy/sample-article.md)" in n or "— resources/sample-article.md)" in n for n in own), own
    group = own[0].split(" (in ")[0]  # one group, in each copy
    theirs = [n for n in own if n.startswith(f"{group} (in ")]
    assert len(theirs) == 2, own
    assert len(set(names)) == len(names), names  # no two entries read alike
    # and as the list shows them, however narrow: the title is cut, the folder and file stay
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QTextLayout
    from PySide6.QtWidgets import QStyleOptionViewItem

    from reader.ui.library_title import text_room

    view = _window(window, "speakers").people
    rows = [view.model().mapFromSource(people.indexFromItem(people.item(names.index(n)))) for n in theirs]
    fm = view.fontMetrics()
    least = max(fm.horizontalAdvance(n.split(" (in ")[0] + " (in … — resources/sample-article.md)") for n in theirs)
    for width in range(least + 30, fm.horizontalAdvance(theirs[0]) + 30, 7):
        shown = []
        for index in rows:
            opt = QStyleOptionViewItem()
            view.initViewItemOption(opt)
            opt.rect = QRect(0, 0, width, 20)
            view.itemDelegate().initStyleOption(opt, index)
            layout = QTextLayout(opt.text, opt.font)  # the text as the style lays it out, then cuts its end
            layout.beginLayout()
            line = layout.createLine()
            line.setLineWidth(100_000)
            layout.endLayout()
            room = text_room(opt)
            kept = opt.text if line.naturalTextWidth() <= room else fm.elidedText(opt.text, Qt.TextElideMode.ElideRight,
                                                                                    room)
            shown.append(kept)
        assert "— copy/sample-article.md" in shown[0] + shown[1], (width, shown)
        assert "— resources/sample-article.md" in shown[0] + shown[1], (width, shown)


def test_a_narrow_library_keeps_the_title_column_wide_enough_to_tell_copies_apart(qtbot, window, db_path, tmp_path):
    """Tryout s14 (s26bc), after the s14 fix: a Library made narrower gave the title column what the other columns
    left (900 pixels: 105, 800: 26), and both copies read '— pdf…ot.pdf'. The title column keeps room for a short
    title and the whole '— folder/file'; the other columns scroll sideways."""
    from PySide6.QtGui import QTextLayout
    from PySide6.QtWidgets import QStyleOptionViewItem

    from notes_db.store import NotesDB
    from reader.ui.library_title import text_room

    title = "Trace-based Just-in-Time Type Specialization for Dynamic Languages"
    with NotesDB(db_path) as store:
        for sha, name in (("a", "exp_annot.pdf"), ("b", "annot.pdf")):
            path = tmp_path / "pdfs" / name
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(b"%PDF-1.4\n")
            store.register_document(sha * 64, str(path), title, "pdf", 90_000)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    lib = window.library_window
    qtbot.waitExposed(lib)
    qtbot.waitUntil(lambda: lib.model.rowCount() == 2)
    table = lib.table

    def shown(row: int) -> str:
        """A title cell's text as the person sees it: what the delegate gives, cut at its end if the style must."""
        index = table.model().index(row, 0)
        opt = QStyleOptionViewItem()
        table.initViewItemOption(opt)
        opt.rect = table.visualRect(index)
        table.itemDelegateForIndex(index).initStyleOption(opt, index)
        layout = QTextLayout(opt.text, opt.font)
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(100_000)
        layout.endLayout()
        room = text_room(opt)
        return opt.text if line.naturalTextWidth() <= room else opt.fontMetrics.elidedText(
            opt.text, Qt.TextElideMode.ElideRight, room)

    for width in (900, 800, 700):  # narrower than the other columns with a title beside them
        lib.resize(width, 420)
        qtbot.waitUntil(lambda w=width: lib.width() == w and table.viewport().width() < w)
        for row in range(2):
            name = lib.model.entries[row].path.rsplit("/", 1)[-1]
            qtbot.waitUntil(lambda r=row, n=name: shown(r).endswith(f"— pdfs/{n}"))
            assert shown(row).startswith("Trace"), shown(row)  # and the title's first word beside it


def test_reader_speakers_name_heads_two_copies_of_one_title_by_their_folders(tmp_path):
    """Tryout s14 section 2 (copies read alike), in `reader speakers NAME`: each document's heading was its title
    alone, so two copies of one title printed the same heading twice."""
    from notes_db.reviews import record_findings
    from notes_db.store import NotesDB
    from tests.test_export import ok, reader

    db = tmp_path / "notes.sqlite"
    with NotesDB(db) as store:
        for k, folder in enumerate(("resources", "copy")):
            path = tmp_path / folder / "sample-article.md"
            path.parent.mkdir()
            path.write_text("x", encoding="utf-8")
            doc = store.register_document(f"sha{k}", str(path), "Working Hard", "markdown", 1)
            record_findings(store, doc.id, [], [("“We will build it.”", "Xi Jinping", "Xi Jinping", "said", 0, 5,
                                                 "direct")])
    out = ok(reader("speakers", "Xi Jinping", db=db))
    heads = [line.strip() for line in out.splitlines() if line.startswith("  ") and not line.startswith("    ")]
    assert sorted(heads) == ["Working Hard — copy/sample-article.md (1 quote)",
                             "Working Hard — resources/sample-article.md (1 quote)"], out


def test_reader_search_prints_a_notes_lines_under_each_other(db_path, tmp_path):
    """`reader search` ran a note's lines into one: "note: Sticky: is this true? — Erin Reply: yes, see [Sec] 6 —
    Frank" (tryout s14, the PDF's sticky note and its reply)."""
    from tests.test_export import ok, reader

    pdf = sticky_and_reply(tmp_path / "notes.pdf")
    ok(reader("notes", str(pdf), db=db_path))  # its annotations come in
    out = ok(reader("search", "sec", db=db_path)).splitlines()
    at = next(k for k, line in enumerate(out) if line.startswith("    note: "))
    assert out[at:at + 2] == ["    note: Sticky: is this true? — Erin",
                              "          Reply: yes, see [Sec] 6 — Frank"], out
