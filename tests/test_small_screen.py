"""An 800x600 screen (a new user's tryout): the first window fits the screen, the search
controls wrap whole instead of being cut, result cards follow the list's width, and the
Claims list keeps room for entries while a claim's review form is open."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication

from tests.conftest import SAMPLE


def _inside(widget, outer: QRect) -> bool:
    top_left = widget.mapToGlobal(widget.rect().topLeft())
    return outer.contains(QRect(top_left, widget.size()))


def test_the_first_window_fits_the_screen(qtbot, db_path):
    from reader.ui.app import DEFAULT_SIZE, fit_to_screen
    from reader.ui.main_window import MainWindow

    area = QApplication.primaryScreen().availableGeometry()  # offscreen: smaller than the default size
    assert area.width() < DEFAULT_SIZE[0]
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    fit_to_screen(w)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: area.contains(w.frameGeometry()))  # its frame too
    assert _inside(w.statusBar(), area) and _inside(w.tabs, area)


def _small_window(qtbot, db_path):
    """The window as it opens on an 800x600 screen (fit_to_screen: the screen's whole area)."""
    from reader.ui.main_window import MainWindow

    w = MainWindow(db_path)
    qtbot.addWidget(w)
    w.resize(800, 600)
    w.show()
    qtbot.waitExposed(w)
    w.open_path(SAMPLE)
    qtbot.waitUntil(lambda: w.panels.built and w.panels.analysis.result is not None, timeout=60000)
    return w


def test_search_controls_wrap_whole_and_cards_follow_a_narrow_panel(qtbot, db_path):
    w = _small_window(qtbot, db_path)
    w.controller.create_highlight(0, 30, "yellow", note="the minister and his title, to check against "
                                  "the ministry's own list of officials", tags=["figures", "check-later"])
    w.panels.show_search()
    search = w.panels.search
    qtbot.keyClicks(search.query, "minister")
    qtbot.waitUntil(lambda: search.list.count() > 0 and not search.busy, timeout=30000)
    w.splitter.setSizes([520, 280])  # the panel squeezed, as a small window does
    qtbot.waitUntil(lambda: w.tabs.width() <= 300)
    QApplication.processEvents()
    for control in (search.order, search.related, search.save_button):
        assert control.isVisible()
        assert control.width() >= control.sizeHint().width(), control  # "Most rel", "ave searc" no more
        assert search.rect().contains(QRect(control.mapTo(search, control.rect().topLeft()), control.size()))
    bar = search.list.horizontalScrollBar()
    assert not bar.isVisible() or bar.maximum() == 0
    card = search.list.itemWidget(search.list.item(0))
    assert card.width() <= search.list.viewport().width()
    w.grab().save(str(w.controller.db_path.parent / "narrow-search.png"))


def test_claims_list_keeps_entries_in_view_with_the_review_form_open(qtbot, db_path):
    w = _small_window(qtbot, db_path)
    panel = w.panels.analysis
    w.tabs.setCurrentWidget(panel)
    panel.sections.setCurrentIndex(1)  # Claims
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() > 2)
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    qtbot.waitUntil(panel.detail.isVisible)
    QApplication.processEvents()
    view = panel.tree.viewport().rect()
    view = panel.tree.viewport().rect()
    whole = [i for i in range(panel.tree.topLevelItemCount())
             if view.contains(panel.tree.visualItemRect(panel.tree.topLevelItem(i)))]
    assert len(whole) >= 2, whole  # was one and a half on the tryout's screen
    # the review form is three rows (status and note, source and save side by side), not five:
    # the list keeps clearly more room than the form takes
    assert view.height() >= 1.3 * panel.detail.height(), (view.height(), panel.detail.height())
    assert _inside(panel.save_button, QRect(panel.mapToGlobal(panel.rect().topLeft()), panel.size()))


def test_claims_rows_are_as_tall_as_their_painted_text(qtbot, db_path):
    """No empty line under an entry (there was one after the first claim): each row is measured
    at the width its text is painted in, whatever the panel's width."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFontMetrics

    w = _small_window(qtbot, db_path)
    panel = w.panels.analysis
    w.tabs.setCurrentWidget(panel)
    tree = panel.tree
    wrong = []
    for width in range(260, 420, 9):
        w.splitter.setSizes([800 - width, width])
        for section in range(4):
            panel.sections.setCurrentIndex(section)
            QApplication.processEvents()
            tree.doItemsLayout()
            for i in range(tree.topLevelItemCount()):
                item = tree.topLevelItem(i)
                rect = tree.visualItemRect(item)
                text = item.text(0)
                font = item.data(0, Qt.ItemDataRole.FontRole) or tree.font()
                lines = QFontMetrics(font).boundingRect(rect.adjusted(4, 5, -4, -5).x(), 0, rect.width() - 8,
                                                               100000, Qt.TextFlag.TextWordWrap, text).height()
                if rect.height() != lines + 10:
                    wrong.append((width, section, i, rect.height(), lines + 10))
    assert wrong == []


def _rows_not_as_painted(tree) -> list[tuple[int, int, int]]:
    """The rows (headings and entries) whose height is not their text's painted in the list's font."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFontMetrics

    tree.doItemsLayout()
    items = []
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        items += [top, *(top.child(j) for j in range(top.childCount()))]
    wrong = []
    for n, item in enumerate(items):
        rect = tree.visualItemRect(item)
        font = item.data(0, Qt.ItemDataRole.FontRole) or tree.font()
        lines = QFontMetrics(font).boundingRect(rect.adjusted(4, 5, -4, -5).x(), 0, rect.width() - 8, 100000,
                                               Qt.TextFlag.TextWordWrap, item.text(0)).height()
        if rect.isValid() and rect.height() != lines + 10:
            wrong.append((n, rect.height(), lines + 10))
    return wrong


def test_claims_rows_follow_a_bigger_font(qtbot, db_path):
    """Each row is measured as it is made (wrap_delegate.HintedWrapDelegate); the list's font grown, they are
    measured again: no entry cut to its first lines."""
    from PySide6.QtGui import QFont

    w = _small_window(qtbot, db_path)
    panel = w.panels.analysis
    w.tabs.setCurrentWidget(panel)
    tree = panel.tree
    qtbot.waitUntil(lambda: tree.topLevelItemCount() > 0)
    assert _rows_not_as_painted(tree) == []
    font = QFont(tree.font())
    font.setPointSize(font.pointSize() + 5)
    tree.setFont(font)
    QApplication.processEvents()
    assert _rows_not_as_painted(tree) == []
