"""Search result cards tell copies apart (tryout s15: hits from one file in two folders looked identical, title ·
page · date): when two results' documents share a title, each card names its folder and file, as the Library
does ("— a/sample-article.md"); a title only one document has stays as it was."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from tests.conftest import SAMPLE
from tests.test_gui import SENTENCE, highlight_passage


def test_hits_from_two_copies_of_a_document_name_their_folders(qtbot, open_window, tmp_path):
    copies = []
    for folder in ("pdfs", "pdfs2"):
        (tmp_path / folder).mkdir()
        copies.append(Path(shutil.copy(SAMPLE, tmp_path / folder / SAMPLE.name)))
    w = open_window(copies[0])
    highlight_passage(qtbot, w, SENTENCE)
    w.open_path(copies[1])
    qtbot.waitUntil(lambda: w.session is not None and w.doc is not None and w.doc.path == copies[1]
                    and w.session.doc is w.doc, timeout=20000)
    highlight_passage(qtbot, w, SENTENCE)
    panel = w.panels.search
    qtbot.keyClicks(w.menus.search_field, "sacrif*")
    qtbot.waitUntil(lambda: len(panel.hits) == 2 and not panel.busy, timeout=5000)
    metas = sorted(panel.list.itemWidget(panel.list.item(i)).meta.text() for i in range(2))
    assert [m.split(" — ")[1].split(" · ")[0] for m in metas] == \
        [f"pdfs{os.sep}{SAMPLE.name}", f"pdfs2{os.sep}{SAMPLE.name}"], metas
    out = os.environ.get("READER_SHOTS")
    if out:
        w.grab().save(os.path.join(out, "search_copies.png"))

    w.menus.search_field.selectAll()  # one copy's hit alone: its title only
    qtbot.keyClicks(w.menus.search_field, f'sacrif* doc:"{tmp_path / "pdfs2"}"')
    qtbot.waitUntil(lambda: len(panel.hits) == 1 and not panel.busy, timeout=5000)
    assert " — " not in panel.list.itemWidget(panel.list.item(0)).meta.text()
