"""A cheaper answer to the question PySide6 asks of every module imported after it.

For its ``__feature__`` switches (snake_case, true_property) PySide6 notes, for
each module imported once it is loaded, whether that module's source mentions
"PySide6", and finds out with ``inspect.getsource``: paths tried, the file read
and split into lines, then joined again, about a third of a millisecond a
module. Reader imports some 300 modules before its first frame, so that is a
tenth of its start. :func:`quicker_module_check` answers the same question by
reading the file's bytes; anything that is not a plain ``.py`` file still goes
to PySide6's own check. (PySide6 is pinned; if its internals change, nothing is
replaced.)
"""

from __future__ import annotations

import sys
from types import ModuleType


def quicker_module_check() -> None:
    import PySide6  # noqa: F401  (loads shiboken's support modules)

    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None or getattr(original, "reader_quick", False):
        return

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return bool(original(module))
        try:
            with open(path, "rb") as f:
                return b"PySide6" in f.read()
        except OSError:  # no source to read: as inspect.getsource fails
            return False

    uses_pyside.reader_quick = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
