"""Reader's quicker answer to PySide6's per-module question gives PySide6's own answers."""

from __future__ import annotations

import importlib
import inspect
import sys


def test_modules_are_judged_as_pyside_judges_them():
    import reader.ui  # noqa: F401  (installs the quicker check)

    feature = sys.modules["shibokensupport.feature"]
    check = feature._mod_uses_pyside
    assert getattr(check, "reader_quick", False)
    for name in ("reader.ui.reading_view", "reader.ui.main_window", "reader.session", "notes_db.store", "json",
                 "sys", "math", "PySide6.QtCore"):
        module = importlib.import_module(name)
        try:
            expected = "PySide6" in inspect.getsource(module)
        except (TypeError, OSError):
            expected = False
        assert check(module) is expected, name
