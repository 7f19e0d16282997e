"""'Said nearly the same in other words' is a misquote signal: the same words in two copies of a text are not one
(tryout 13: with a copy of the sample open, the Speakers window paired each quote with its copy)."""

from __future__ import annotations

from notes_db.reviews import Finding, similar_quote_groups

SAID = "The Communist Party of China strives for both the wellbeing of the Chinese people and human progress"


def _quote(k: int, doc: int, text: str) -> Finding:
    return Finding(id=k, doc_id=doc, doc_title=f"doc {doc}", doc_path=f"/d/{doc}.md", kind="quote", text=text,
                   speaker="Xi Jinping", speaker_group="Xi Jinping", start=0, end=len(text))


def test_the_same_words_in_two_copies_are_not_said_in_other_words():
    assert similar_quote_groups([_quote(1, 1, f"“{SAID}”"), _quote(2, 2, f"“{SAID}”")]) == []
    other = SAID.replace("strives for both the wellbeing", "strives for the wellbeing")
    groups = similar_quote_groups([_quote(1, 1, f"“{SAID}”"), _quote(2, 2, f"“{SAID}”"), _quote(3, 3, other)])
    assert [[q.id for q in g] for g in groups] == [[1, 3]]  # the copy's identical words stay out of the pair


def test_the_speakers_window_tells_two_copies_apart_and_pairs_none_of_their_quotes(qtbot, window, tmp_path):
    """Second tryout s13: two copies of a text in the Speakers window had the same heading, title and date."""
    (tmp_path / "copy").mkdir()
    heads = xi_heads_of_copies(qtbot, window, [tmp_path / "sample-article.md", tmp_path / "copy" / "sample-copy.md"])
    assert "— copy/sample-copy.md (" in heads[0] and f"— {tmp_path.name}/sample-article.md (" in heads[1], heads
    assert not any(h.startswith("Said nearly the same") for h in heads)  # the same words: no pair


def xi_heads_of_copies(qtbot, window, copies) -> list[str]:
    """The sample article copied to each of ``copies`` and opened, then Xi Jinping clicked in the Speakers window:
    the headings of his quotes' documents, sorted."""
    import shutil

    from PySide6.QtCore import Qt

    from reader.ui.library_actions import _window, show_speakers
    from tests.conftest import SAMPLE
    from tests.test_claims_library import open_and_analyse

    for path in copies:
        shutil.copyfile(SAMPLE, path)
        open_and_analyse(qtbot, window, path)
    show_speakers(window)
    sp = _window(window, "speakers")
    qtbot.waitUntil(lambda: sp.people_model.rowCount() > 0, timeout=20000)
    xi = next(sp.people_model.item(r) for r in range(sp.people_model.rowCount())
              if sp.people_model.item(r).data(Qt.ItemDataRole.UserRole) == "Xi Jinping")
    idx = sp.people_filter.mapFromSource(sp.people_model.indexFromItem(xi))
    qtbot.mouseClick(sp.people.viewport(), Qt.MouseButton.LeftButton, pos=sp.people.visualRect(idx).center())
    qtbot.waitUntil(lambda: sp.quote_model.rowCount() == len(copies), timeout=20000)
    return sorted(sp.quote_model.item(r).text() for r in range(len(copies)))
