"""``reader install-desktop``: a desktop entry, an icon and the reader:// URL
scheme, by the freedesktop.org conventions (Desktop Entry and Icon Theme
specifications, shared MIME-info, mimeapps.list), into the person's XDG
folders. Qt-free.

    $XDG_DATA_HOME/applications/reader.desktop
    $XDG_DATA_HOME/icons/hicolor/scalable/apps/reader.svg
    $XDG_CONFIG_HOME/mimeapps.list   x-scheme-handler/reader=reader.desktop

With it, reader:// links in other programs open Reader (handing them to the
running window), and Reader is offered under "Open with" for the documents it
reads. ``--uninstall`` removes what was installed.
"""

from __future__ import annotations

import configparser
import io
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

log = logging.getLogger("reader.desktop")

DESKTOP_ID = "reader.desktop"
ICON_NAME = "reader"
MIME_TYPES = (
    "application/pdf", "text/plain", "text/markdown", "text/x-markdown", "application/epub+zip", "text/html",
    "application/xhtml+xml", "x-scheme-handler/reader",
)


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def config_home() -> Path:
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")


def _icon_source() -> Path:
    here = Path(__file__).resolve().parent.parent / "resources" / "reader.svg"
    return here if here.exists() else Path(__file__).resolve().parent / "resources" / "reader.svg"


def _exec_quote(arg: str) -> str:
    """Quote one argument of Exec= as the Desktop Entry specification says."""
    if arg and not any(c in arg for c in ' \t\n"\'\\><~|&;$*?#()`%'):
        return arg
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`").replace("$", "\\$")
    return f'"{escaped}"'.replace("%", "%%")


def command() -> list[str]:
    """How this Reader is started: its ``reader`` script, else this Python with -m reader."""
    script = Path(sys.executable).parent / "reader"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    found = shutil.which("reader")
    return [found] if found else [sys.executable, "-m", "reader"]


def desktop_entry(cmd: list[str]) -> str:
    exec_line = " ".join(_exec_quote(a) for a in cmd) + " %u"
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.5",
        "Name=Reader",
        "GenericName=Document Reader",
        "Comment=Read closely: highlight, annotate, and check what an article claims",
        f"Exec={exec_line}",
        f"TryExec={cmd[0]}",
        f"Icon={ICON_NAME}",
        "Terminal=false",
        "StartupNotify=true",
        "StartupWMClass=Reader",
        "Categories=Office;Viewer;",
        "Keywords=pdf;markdown;epub;highlight;annotate;notes;claims;",
        "MimeType=" + ";".join(MIME_TYPES) + ";",
    ]
    return "\n".join(lines) + "\n"


def _set_scheme_default(path: Path, remove: bool = False) -> None:
    """x-scheme-handler/reader=reader.desktop in [Default Applications] of mimeapps.list,
    leaving every other line as it was."""
    parser = configparser.ConfigParser(interpolation=None, strict=False, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    if path.exists():
        parser.read_string(path.read_text(encoding="utf-8"))
    section = "Default Applications"
    if remove:
        if parser.has_section(section) and parser.get(section, "x-scheme-handler/reader", fallback="") == DESKTOP_ID:
            parser.remove_option(section, "x-scheme-handler/reader")
    else:
        if not parser.has_section(section):
            parser.add_section(section)
        parser.set(section, "x-scheme-handler/reader", DESKTOP_ID)
    buf = io.StringIO()
    parser.write(buf, space_around_delimiters=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(buf.getvalue(), encoding="utf-8")


def _refresh(apps: Path) -> None:
    tool = shutil.which("update-desktop-database")
    if tool:
        try:
            subprocess.run([tool, str(apps)], check=False, capture_output=True, timeout=30)
        except (OSError, subprocess.SubprocessError) as exc:
            log.info("update-desktop-database: %s", exc)


def install(cmd: list[str] | None = None) -> list[Path]:
    """Install the entry, the icon and the scheme handler; returns the files written."""
    apps = data_home() / "applications"
    icon_dir = data_home() / "icons" / "hicolor" / "scalable" / "apps"
    apps.mkdir(parents=True, exist_ok=True)
    icon_dir.mkdir(parents=True, exist_ok=True)
    entry = apps / DESKTOP_ID
    entry.write_text(desktop_entry(cmd or command()), encoding="utf-8")
    icon = icon_dir / f"{ICON_NAME}.svg"
    shutil.copyfile(_icon_source(), icon)
    mimeapps = config_home() / "mimeapps.list"
    _set_scheme_default(mimeapps)
    _refresh(apps)
    return [entry, icon, mimeapps]


def uninstall() -> list[Path]:
    removed = []
    for p in (data_home() / "applications" / DESKTOP_ID,
              data_home() / "icons" / "hicolor" / "scalable" / "apps" / f"{ICON_NAME}.svg"):
        if p.exists():
            p.unlink()
            removed.append(p)
    mimeapps = config_home() / "mimeapps.list"
    if mimeapps.exists():
        _set_scheme_default(mimeapps, remove=True)
    _refresh(data_home() / "applications")
    return removed
