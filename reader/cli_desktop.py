"""``reader install-desktop``: the desktop entry, icon and reader:// scheme. Registered by reader/cli.py."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reader.cli_common import CliError, _out

Handler = Callable[[argparse.Namespace, Path], int]


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> dict[str, Handler]:
    d = sub.add_parser("install-desktop", parents=[common],
                       help="add Reader to the desktop: menu entry, icon, 'Open with', reader:// links")
    d.add_argument("--uninstall", action="store_true", help="remove what install-desktop installed")
    return {"install-desktop": cmd_install_desktop}


def cmd_install_desktop(args: argparse.Namespace, db_path: Path) -> int:
    from reader import desktop

    try:
        files = desktop.uninstall() if args.uninstall else desktop.install()
    except OSError as exc:
        raise CliError(f"the desktop entry could not be written: {exc.strerror} ({exc.filename})") from exc
    verb = "removed" if args.uninstall else "wrote"
    for f in files:
        _out(f"{verb} {f}")
    if not files:
        _out("nothing to remove")
    return 0
