"""``reader sync``, ``reader sync-server``, ``reader group`` and ``reader share``.

Registered by reader.cli; psycopg is imported only when one of these runs.
Failures print one line on stderr and exit 1; local notes are never touched
by a failed sync (changes wait for the next one).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path

COMMANDS = ("sync", "sync-server", "group", "share")
PASSWORD_ENV = "READER_SYNC_PASSWORD"


class SyncCliError(Exception):
    pass


def _out(text: str) -> None:
    sys.stdout.write(text + "\n")


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    s = sub.add_parser("sync", parents=[common], help="send and receive notes through the sync server")
    s.add_argument("--server", metavar="URL", help="postgresql://user:password@host/db (kept in the keyring or a 0600 file)")
    s.add_argument("--auto", metavar="SECONDS", type=int, help="sync in the background every SECONDS in the app (0: off)")
    s.add_argument("--status", action="store_true", help="show last sync, pending changes and the last error; do not sync")
    srv = sub.add_parser("sync-server", parents=[common], help="set up a PostgreSQL database as a sync server (admin)")
    srv_sub = srv.add_subparsers(dest="server_command", metavar="ACTION", required=True)
    i = srv_sub.add_parser("init", help="create or upgrade the schema, roles and row-level security policies")
    i.add_argument("url", metavar="URL", help="postgresql:// URL of an administrator (may create roles)")
    u = srv_sub.add_parser("add-user", help="create a person's login role")
    u.add_argument("url", metavar="URL", help="postgresql:// URL of an administrator")
    u.add_argument("name", help="the person's user name (lower-case letters, digits, _)")
    u.add_argument("--password", help=f"their password (else ${PASSWORD_ENV}, else asked)")
    g = sub.add_parser("group", parents=[common], help="groups to share highlights and reviews with")
    g_sub = g.add_subparsers(dest="group_command", metavar="ACTION", required=True)
    gc = g_sub.add_parser("create", help="make a group (you are its first member)")
    gc.add_argument("name")
    ga = g_sub.add_parser("add", help="add a member to a group you made")
    ga.add_argument("name")
    ga.add_argument("user")
    gr = g_sub.add_parser("remove", help="take a member out of a group you made (or leave one)")
    gr.add_argument("name")
    gr.add_argument("user")
    g_sub.add_parser("list", help="your groups and their members")
    sh = sub.add_parser("share", parents=[common], help="share a document's notes, or one highlight, with a group")
    sh.add_argument("path", metavar="PATH", help="the document")
    sh.add_argument("--password", help=argparse.SUPPRESS)
    who = sh.add_mutually_exclusive_group(required=True)
    who.add_argument("--group", help="the group to share with")
    who.add_argument("--private", action="store_true", help="stop sharing")
    sh.add_argument("--highlight", type=int, metavar="ID", help="only this highlight (ids: reader notes PATH --json)")


def handlers() -> dict[str, Callable[[argparse.Namespace, Path], int]]:
    return {"sync": _guard(_cmd_sync), "sync-server": _guard(_cmd_server), "group": _guard(_cmd_group),
            "share": _guard(_cmd_share)}


def _guard(fn: Callable[[argparse.Namespace, Path], int]) -> Callable[[argparse.Namespace, Path], int]:
    def run(args: argparse.Namespace, db_path: Path) -> int:
        from notes_db import StorageError
        from notes_db.sync.client import SyncError
        from notes_db.sync.server import ServerError

        try:
            return fn(args, db_path)
        except (SyncError, ServerError, StorageError, SyncCliError) as exc:
            sys.stderr.write(f"reader: {exc}\n")
            return 1
    return run


def _url(explicit: str | None = None) -> str:
    from notes_db.sync import config

    url = explicit or config.server_url()
    if not url:
        raise SyncCliError("no sync server yet: run 'reader sync --server postgresql://user:password@host/db' once")
    if not url.startswith(("postgresql://", "postgres://")):
        raise SyncCliError("the server must be a postgresql:// URL")
    return url


def _cmd_sync(args: argparse.Namespace, db_path: Path) -> int:
    from notes_db import NotesDB
    from notes_db.sync import config
    from notes_db.sync.local import Replica

    if args.auto is not None and args.auto < 0:
        raise SyncCliError("--auto must be 0 (off) or a number of seconds")
    if args.server:
        _url(args.server)
    if args.auto is not None:
        config.save(auto=args.auto)
    with NotesDB(db_path) as store:
        replica = Replica(store)
        if args.status:
            if args.server:  # asked to keep it, not to sync: kept untried, and said so
                _saved(args.server, "not tried yet: 'reader sync' connects")
            url = config.server_url()
            _out(f"server: {_where(url) if url else 'none yet (reader sync --server URL)'}")
            _out(f"last sync: {replica.get('last_sync') or 'never'}")
            _out(f"pending changes: {replica.pending()}")
            err = replica.get("last_error")
            if err and url:  # an error of a server forgotten since (sync.json deleted) is not this one's
                _out(f"last error: {err}")
            return 0
        from notes_db.sync.client import SyncError, sync

        try:
            report = sync(store, _url(args.server))
        except SyncError as exc:
            if args.server:  # a URL that cannot connect (a typo, a wrong password) is not kept
                raise SyncError(f"{exc} The server was not saved.") from exc
            raise
    if args.server:
        _saved(args.server, "")
    _out(report.summary())
    return 0


def _saved(url: str, note: str) -> None:
    from notes_db.sync import config

    where = config.save(server=url)
    place = "the keyring" if config.load().get("server") and "keyring" in where.read_text() else str(where)
    _out(f"server saved in {place}" + (f" ({note})" if note else ""))


def _where(url: str) -> str:
    """The server without its password."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    return f"{parts.username + '@' if parts.username else ''}{host}{':' + str(parts.port) if parts.port else ''}{parts.path}"


def _cmd_server(args: argparse.Namespace, db_path: Path) -> int:
    from notes_db.sync.server import add_user, init_server

    if args.server_command == "init":
        n = init_server(args.url)
        _out(f"sync server ready ({n} migration{'s' if n != 1 else ''} applied)")
        return 0
    password = args.password or os.environ.get(PASSWORD_ENV)
    if not password:
        if not sys.stdin.isatty():
            raise SyncCliError(f"give the new user's password with --password or ${PASSWORD_ENV}")
        password = getpass.getpass(f"password for {args.name}: ")
    add_user(args.url, args.name, password)
    _out(f"user {args.name} can now sync")
    return 0


def _cmd_group(args: argparse.Namespace, db_path: Path) -> int:
    from notes_db.sync.groups import add_member, create_group, list_groups, remove_member

    url = _url()
    if args.group_command == "create":
        create_group(url, args.name)
        _out(f"group {args.name} created")
    elif args.group_command == "add":
        add_member(url, args.name, args.user)
        _out(f"{args.user} added to {args.name}")
    elif args.group_command == "remove":
        remove_member(url, args.name, args.user)
        _out(f"{args.user} removed from {args.name} (their copies go at their next sync)")
    else:
        groups = list_groups(url)
        for name, owner, members in groups:
            _out(f"{name} (made by {owner}): {', '.join(members)}")
        if not groups:
            _out("no groups")
    return 0


def _cmd_share(args: argparse.Namespace, db_path: Path) -> int:
    from reader.cli_common import CliError, _session

    try:
        s = _session(args, db_path)
    except CliError as exc:
        raise SyncCliError(str(exc)) from exc
    group = None if args.private else args.group
    if group is not None:  # a group lives on a sync server: with none, nobody could ever get what is shared
        _url()  # (it said "shared with nosuch, sent at the next sync" and exited 0, while 'group create' refused)
    if args.highlight is not None:
        if s.highlight(args.highlight) is None:
            raise SyncCliError(f"no highlight {args.highlight} in {Path(args.path).name}")
        s.store.share_highlight(args.highlight, group)
        _out(f"highlight {args.highlight}: {'shared with ' + group if group else 'private'} (sent at the next sync)")
    else:
        s.store.share_document(s.doc_id, group)
        _out(f"{s.record.title}: {'notes shared with ' + group if group else 'private'} (sent at the next sync)")
    return 0
