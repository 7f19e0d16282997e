"""Where the sync server's connection string is kept: never in plain text beside the notes.

The system keyring when the ``keyring`` package and a backend are there; else
a file readable by its owner only (0600) in the user's config folder (not the
data folder that holds the notes). ``READER_SYNC_CONFIG`` points elsewhere
(tests, several libraries).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from pathlib import Path
from typing import Any

log = logging.getLogger("notes_db.sync.config")

ENV_VAR = "READER_SYNC_CONFIG"
KEYRING_SERVICE = "Reader sync"


def config_path() -> Path:
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir("Reader", appauthor=False)) / "sync.json"


def _keyring() -> Any:
    if os.environ.get(ENV_VAR):
        return None  # an explicit file wins (tests never touch a real keyring)
    try:
        import keyring  # type: ignore[import-not-found]  # optional
        from keyring.backends.fail import Keyring as FailKeyring  # type: ignore[import-not-found]
    except ImportError:
        return None
    backend = keyring.get_keyring()
    return None if isinstance(backend, FailKeyring) else keyring


def load() -> dict[str, Any]:
    path = config_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    if not isinstance(data, dict):
        data = {}
    if data.get("server") == "keyring":
        kr = _keyring()
        data["server"] = kr.get_password(KEYRING_SERVICE, "server") if kr else None
    return data


def server_url() -> str | None:
    url = load().get("server")
    return str(url) if url else None


def auto_interval() -> int:
    """Seconds between background syncs in the app (0: only when asked)."""
    try:
        return max(0, int(load().get("auto", 0)))
    except (TypeError, ValueError):
        return 0


def save(*, server: str | None = None, auto: int | None = None) -> Path:
    data = load()
    if server is not None:
        data["server"] = server
    if auto is not None:
        data["auto"] = int(auto)
    stored = dict(data)
    kr = _keyring()
    if kr and stored.get("server"):
        with contextlib.suppress(Exception):  # a locked or broken keyring: fall back to the 0600 file
            kr.set_password(KEYRING_SERVICE, "server", stored["server"])
            stored["server"] = "keyring"
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(stored, fh)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)
    return path
