"""Taking a member out of a group from the window (the Group tab's Groups… dialog), against a real PostgreSQL server.

Every wait is on what the person sees (the list, the status line, the button), never on time: the test once
failed under a load of ~10 because the dialog counted itself busy until the thread that read the list had
ended, so a member clicked just after the list came in left Remove greyed out."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from notes_db.sync import config
from notes_db.sync.groups import add_member, create_group, list_groups
from tests.pg_server import (
    PgServer,
    pg,  # noqa: F401  (the session's server fixture)
)
from tests.sync_helpers import Site, role_of
from tests.test_sync_gui import window  # noqa: F401  (a window on the sample, sync configured per test)


def members(url: str, group: str) -> list[str]:
    return next((ms for name, _maker, ms in list_groups(url) if name == group), [])


def click_member(qtbot, dialog, name: str) -> None:
    tree = dialog.tree
    item = next(tree.topLevelItem(0).child(i) for i in range(tree.topLevelItem(0).childCount())
                if tree.topLevelItem(0).child(i).text(0).split()[0] == name)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())
    assert tree.currentItem() is item


@pytest.fixture(params=["threads as they come", "threads slow to end"])
def load(request, monkeypatch):
    """Under load the thread that read the groups may be held up after handing its answer to the window: the
    second run makes that happen every time (the thread sleeps after each answer it sends)."""
    if request.param == "threads slow to end":
        from reader.ui import tasks

        send = tasks.Task._emit

        def send_then_lag(self, signal, *args):
            send(self, signal, *args)
            if self.name == "groups":
                time.sleep(0.3)

        monkeypatch.setattr(tasks.Task, "_emit", send_then_lag)
    return request.param


@pytest.mark.usefixtures("qapp", "load")
def test_the_groups_maker_removes_a_member_from_the_group_tab_after_confirming(qtbot, window, pg: PgServer):  # noqa: F811
    site = Site(pg)
    alice, bob, carol = site.person("alice"), site.person("bob"), site.person("carol")
    group = f"desk_{site.tag}"
    create_group(alice, group)
    add_member(alice, group, role_of(bob))
    add_member(alice, group, role_of(carol))
    w = window()
    config.save(server=alice)

    w.tabs.setCurrentWidget(w.panels.sync.panel)
    qtbot.mouseClick(w.panels.sync.panel.groups_button, Qt.MouseButton.LeftButton)
    dialog = w.panels.sync.groups_dialog
    qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() == 1, timeout=10000)
    top = dialog.tree.topLevelItem(0)
    assert top.text(0) == group
    assert sorted(top.child(i).text(0) for i in range(top.childCount())) == sorted(
        [f"{role_of(alice)}  (made the group, you)", role_of(bob), role_of(carol)])

    click_member(qtbot, dialog, role_of(alice))
    assert not dialog.remove_button.isEnabled()  # the maker stays in the group
    click_member(qtbot, dialog, role_of(bob))
    assert dialog.remove_button.isEnabled() and dialog.remove_button.text() == "Remove from Group…"

    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)  # asks first; Cancel keeps bob
    box = dialog.confirm
    assert box.isVisible() and box.text() == f"Remove {role_of(bob)} from {group}?"
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not box.isVisible())
    assert dialog.remove_button.isEnabled() and not dialog.busy  # nothing was sent to the server
    assert dialog.status.text() == "Select a member to take them out of a group."
    assert role_of(bob) in members(alice, group)

    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    box = dialog.confirm
    remove = next(b for b in box.buttons() if b.text() == "Remove")
    box.grab().save(str(w.controller.db_path.parent / "confirm.png"))
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.status.text() == f"{role_of(bob)} was removed from {group}.", timeout=10000)
    qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() == 1 and dialog.tree.topLevelItem(0).childCount() == 2,
                    timeout=10000)
    top = dialog.tree.topLevelItem(0)
    assert all(not top.child(i).text(0).startswith(role_of(bob)) for i in range(top.childCount()))
    assert dialog.status.text() == f"{role_of(bob)} was removed from {group}."  # still said once the list is back
    dialog.grab().save(str(w.controller.db_path.parent / "groups.png"))
    w.grab().save(str(w.controller.db_path.parent / "window.png"))
    assert members(alice, group) == sorted([role_of(alice), role_of(carol)])  # on the server
    assert group not in [name for name, _m, _ms in list_groups(bob)]  # bob no longer sees the group at all
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    # a member (not the maker) may leave, and may not remove anyone else
    config.save(server=carol)
    qtbot.mouseClick(w.panels.sync.panel.groups_button, Qt.MouseButton.LeftButton)
    dialog = w.panels.sync.groups_dialog
    qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() == 1, timeout=10000)
    click_member(qtbot, dialog, role_of(alice))
    assert not dialog.remove_button.isEnabled()
    click_member(qtbot, dialog, role_of(carol))
    assert dialog.remove_button.isEnabled() and dialog.remove_button.text() == "Leave Group…"
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.confirm.text() == f"Leave {group}?"
    qtbot.mouseClick(next(b for b in dialog.confirm.buttons() if b.text() == "Leave Group"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.status.text() == f"You left {group}.", timeout=10000)
    assert members(alice, group) == [role_of(alice)]
