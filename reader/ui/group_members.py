"""Groups and their members, from the Group tab: see who is in your groups, take someone out.

The dialog lists the groups you made or belong to on the sync server, each
with its members. The maker of a group may remove any other member, and a
member may leave; both ask first. The server (its row-level security) then
hides the group's rows from the person removed, and their Reader drops its
copies at their next sync. Talking to the server runs off the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.ui import messages
from reader.ui.tasks import Task

log = logging.getLogger("reader.ui.groups")

Groups = list[tuple[str, str, list[str]]]  # (name, maker, members)


def _user_of(url: str) -> str:
    from psycopg.conninfo import conninfo_to_dict

    try:
        return str(conninfo_to_dict(url).get("user") or "")
    except Exception:  # a URL psycopg cannot read: nobody is "you"
        return ""


class GroupsDialog(QDialog):
    """Your groups and their members; Remove from Group… (or Leave Group…) asks, then removes."""

    def __init__(self, url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Groups")
        self.resize(420, 380)
        self.url = url
        self.me = _user_of(url)
        self.groups: Groups = []
        self.confirm: QMessageBox | None = None  # the question asked before removing someone
        self._task: Task | None = None
        self._news = ""  # what the last removal did, said again once the list is read back
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(True)
        self.status = QLabel("Reading your groups from the sync server…")
        self.status.setWordWrap(True)
        self.status.setObjectName("cardMeta")
        self.remove_button = QPushButton("Remove from Group…")
        self.remove_button.setObjectName("danger")
        self.remove_button.setEnabled(False)
        self.close_button = QPushButton("Close")
        buttons = QHBoxLayout()
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("Your groups on the sync server, and who is in them."))
        lay.addWidget(self.tree, 1)
        lay.addWidget(self.status)
        lay.addLayout(buttons)
        self.tree.currentItemChanged.connect(lambda *_a: self._selection_changed())
        self.remove_button.clicked.connect(self.ask_remove)
        self.close_button.clicked.connect(self.close)
        self.refresh()

    # -- reading the groups --------------------------------------------------------------

    def _run(self, fn: Callable[[], Any], done: Callable[[Any], None], failed_text: str) -> None:
        task = Task(lambda _progress: fn(), self, name="groups")
        task.finished.connect(task.deleteLater)  # (a child of this dialog: what it read goes with it)

        # The dialog is no longer busy as soon as the answer is in, on this thread: the thread that
        # sent it may still be winding down (under load, long enough to leave Remove greyed out).
        def answered(result: object) -> None:
            if self._over(task):
                done(result)

        def failed(exc: object) -> None:
            if self._over(task):
                self._failed(failed_text, exc)

        task.succeeded.connect(answered)
        task.failed.connect(failed)
        self._task = task
        task.start()

    def _over(self, task: Task) -> bool:
        """The answer of ``task`` is in: whether it is the one the dialog waits for."""
        if task is not self._task:
            return False
        self._task = None
        return True

    def _failed(self, what: str, exc: object) -> None:
        from notes_db.sync.server import ServerError

        text = str(exc).splitlines()[0] if isinstance(exc, ServerError) and str(exc) else f"{what} ({type(exc).__name__})."
        if not isinstance(exc, ServerError):
            log.warning("%s: %r", what, exc)
        self.status.setText(text)
        self._selection_changed()

    def refresh(self) -> None:
        from notes_db.sync.groups import list_groups

        self.remove_button.setEnabled(False)
        url = self.url
        self._run(lambda: list_groups(url), self._listed, "Your groups could not be read from the sync server")

    @Slot(object)
    def _listed(self, groups: Groups) -> None:
        self.groups = groups
        self.tree.clear()
        for name, maker, members in groups:
            top = QTreeWidgetItem([name])
            top.setData(0, Qt.ItemDataRole.UserRole, (name, ""))
            for m in members:
                notes = [w for w, on in (("made the group", m == maker), ("you", m == self.me)) if on]
                child = QTreeWidgetItem([m + (f"  ({', '.join(notes)})" if notes else "")])
                child.setData(0, Qt.ItemDataRole.UserRole, (name, m))
                top.addChild(child)
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)
        self.status.setText(self._news or ("Select a member to take them out of a group." if groups
                            else "You are in no group yet. Make one with: reader group create NAME"))
        self._news = ""
        self._selection_changed()

    # -- removing -------------------------------------------------------------------

    def selected(self) -> tuple[str, str] | None:
        """(group, member) of the member selected, if they may be removed by you."""
        item = self.tree.currentItem()
        if item is None:
            return None
        group, member = item.data(0, Qt.ItemDataRole.UserRole)
        maker = next((m for n, m, _ms in self.groups if n == group), "")
        if not member or member == maker or self.me not in (maker, member):
            return None
        return group, member

    def _selection_changed(self) -> None:
        target = self.selected()
        self.remove_button.setEnabled(target is not None and not self.busy)
        self.remove_button.setText("Leave Group…" if target and target[1] == self.me else "Remove from Group…")

    @property
    def busy(self) -> bool:
        """Waiting for the server's answer (the list, or a removal)."""
        return self._task is not None

    @Slot()
    def ask_remove(self) -> None:
        target = self.selected()
        if target is None:
            return
        group, member = target
        leaving = member == self.me
        box = QMessageBox(QMessageBox.Icon.Warning, "Leave group" if leaving else "Remove from group",
                          f"Leave {group}?" if leaving else f"Remove {member} from {group}?", parent=self)
        box.setInformativeText(
            ("You will no longer see what the group shares" if leaving
             else f"{member} will no longer see what the group shares")
            + "; those notes leave that Reader at its next sync. The group's maker can add them again.")
        yes = box.addButton("Leave Group" if leaving else "Remove", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.buttonClicked.connect(lambda b: self._remove(group, member) if b is yes else None)
        self.confirm = box
        box.open()  # window-modal, without a nested event loop

    def _remove(self, group: str, member: str) -> None:
        from notes_db.sync.groups import remove_member

        self.remove_button.setEnabled(False)
        self.status.setText(f"Removing {member} from {group}…")
        url = self.url

        def done(_result: object) -> None:
            text = f"You left {group}." if member == self.me else f"{member} was removed from {group}."
            messages.status(text)
            self._news = text
            self.status.setText(text)
            self.refresh()

        self._run(lambda: remove_member(url, group, member), done, f"{member} could not be removed from {group}")

    def done(self, r: int) -> None:  # closed: a late answer from the server is dropped
        if self._task is not None:
            self._task.cancel()
        super().done(r)


def open_groups(parent: QWidget) -> GroupsDialog | None:
    """Show the Groups dialog for the sync server set up here (or say how to set one up)."""
    from notes_db.sync import config

    url = config.server_url()
    if not url:
        messages.info("Sync is not set up, so there are no groups yet. Set a server once with: "
                      "reader sync --server postgresql://user:password@host/db")
        return None
    dialog = GroupsDialog(url, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
