"""Groups on the sync server: create, add a member, list. Row-level security decides who may."""

from __future__ import annotations

import psycopg

from notes_db.sync.server import ROLE_NAME, ServerError, _first_line, connect


def create_group(url: str, name: str) -> None:
    name = " ".join(name.split())
    if not name:
        raise ServerError("A group needs a name.")
    with connect(url) as conn:
        try:
            row = conn.execute("INSERT INTO reader.groups(name) VALUES (%s) RETURNING id", [name]).fetchone()
            assert row is not None
            conn.execute("INSERT INTO reader.members(group_id, member) VALUES (%s, current_user)", [row[0]])
            conn.commit()
        except psycopg.errors.UniqueViolation as exc:
            raise ServerError(f"There is already a group called {name!r}.") from exc
        except psycopg.Error as exc:
            raise ServerError(f"The group could not be created: {_first_line(exc)}") from exc


def add_member(url: str, group: str, member: str) -> None:
    if not ROLE_NAME.match(member):
        raise ServerError(f"{member!r} is not a user name on the sync server.")
    with connect(url) as conn:
        try:
            row = conn.execute("SELECT id, owner = current_user FROM reader.groups WHERE name = %s", [group]).fetchone()
            if row is None:
                raise ServerError(f"No group called {group!r} that you belong to.")
            if not row[1]:
                raise ServerError(f"Only the person who made {group!r} can add members.")
            if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [member]).fetchone():
                raise ServerError(f"There is no user {member!r} on the sync server.")
            conn.execute("INSERT INTO reader.members(group_id, member) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                         [row[0], member])
            conn.commit()
        except psycopg.Error as exc:
            raise ServerError(f"The member could not be added: {_first_line(exc)}") from exc


def remove_member(url: str, group: str, member: str) -> None:
    """Take a member out of a group (its maker may remove anyone; a member may leave).

    From then on row-level security hides the group's rows from them; their
    Reader drops its copies at their next sync.
    """
    with connect(url) as conn:
        try:
            row = conn.execute("SELECT id, owner::text, current_user::text FROM reader.groups WHERE name = %s",
                               [group]).fetchone()
            if row is None:
                raise ServerError(f"No group called {group!r} that you belong to.")
            group_id, owner, me = row
            if member == owner:
                raise ServerError(f"{member} made {group!r} and stays in it.")
            if me not in (owner, member):
                raise ServerError(f"Only the person who made {group!r} can remove members.")
            gone = conn.execute("DELETE FROM reader.members WHERE group_id = %s AND member = %s",
                                [group_id, member]).rowcount
            if not gone:
                raise ServerError(f"{member} is not in {group!r}.")
            conn.commit()
        except psycopg.Error as exc:
            raise ServerError(f"The member could not be removed: {_first_line(exc)}") from exc


def list_groups(url: str) -> list[tuple[str, str, list[str]]]:
    """(name, owner, members) of every group you own or belong to."""
    with connect(url) as conn:
        try:
            rows = conn.execute(
                "SELECT g.name, g.owner::text, coalesce(array_agg(m.member::text ORDER BY m.member) "
                "FILTER (WHERE m.member IS NOT NULL), '{}') FROM reader.groups g "
                "LEFT JOIN reader.members m ON m.group_id = g.id GROUP BY g.id ORDER BY g.name").fetchall()
        except psycopg.Error as exc:
            raise ServerError(f"The groups could not be listed: {_first_line(exc)}") from exc
    return [(str(n), str(o), list(ms)) for n, o, ms in rows]
