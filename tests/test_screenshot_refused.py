"""``reader --screenshot`` on a file Reader refuses: the window with its message, not a wait.

The refusal of a damaged PDF is said while the file is being opened, before
the screenshot loop used to start listening, so it waited out its two-minute
limit; an encrypted file waited for a password nobody could type.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT


@pytest.mark.parametrize("name", ["corrupt_bad1.pdf", "zero_pages_qpdf_empty.pdf", "enc_user_pr6531_2_asdfasdf.pdf"])
def test_screenshot_of_a_refused_file_returns(specimen, tmp_path, name):
    src = specimen(f"nasty/{name}")
    out = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", READER_DB=str(tmp_path / "n.sqlite"))
    # far below the screenshot's own 120 s limit: returning at all is what is tested
    p = subprocess.run([sys.executable, "-m", "reader", "--screenshot", str(out), str(src)], cwd=ROOT, env=env,
                       capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert p.returncode == 0 and out.stat().st_size > 0
    assert "Traceback" not in p.stderr
