"""The shared attribution articles (../shared/data/attribution/dev) as the tests use them: copied into the
test's tmp_path (the shared folder is read-only), and read by the real ``reader extract --json`` command."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SHARED

DEV = SHARED / "data" / "attribution" / "dev"


def copy_shared(src: Path, tmp_path: Path) -> Path:
    """A copy of the shared file ``src`` in ``tmp_path`` (skips the test when the shared data is not beside the
    project)."""
    if not src.exists():
        pytest.skip("the shared data is not beside the project")
    path = tmp_path / src.name
    shutil.copy(src, path)
    return path


def dev_article(tmp_path: Path, name: str) -> Path:
    """A copy in ``tmp_path`` of the dev article whose file name is ``name`` or starts with it (skips the test
    when the shared data is not beside the project)."""
    found = sorted(DEV.glob(name if name.endswith(".txt") else name + "*.txt"))
    if not found:
        pytest.skip("the shared data is not beside the project")
    return copy_shared(found[0], tmp_path)


def extract(path: Path) -> dict[str, Any]:
    """What ``reader extract --json PATH`` prints, read."""
    out = subprocess.run([sys.executable, "-m", "reader", "extract", "--json", str(path)],
                         capture_output=True, text=True, check=True)
    return dict(json.loads(out.stdout))


def extract_quotes(path: Path) -> list[dict[str, str]]:
    """The quotes ``reader extract --json PATH`` finds."""
    return list(extract(path)["quotes"])


def speaker_in_process(path: Path, words: str) -> str | None:
    """The speaker the analysis, run in this process (so a test may switch a model off), gives the quote of
    ``path`` that starts with ``words``."""
    from reader.analysis import analyse
    from reader.loaders import load

    return next(q for q in analyse(load(path)).quotes if q.text.startswith(words)).speaker
