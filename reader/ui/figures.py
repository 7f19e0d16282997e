"""Counts as a person reads them: with the locale's thousands separator ("10,000" in English and
in the C locale, "10.000" in German), the same in every panel, window and message of the app."""

from __future__ import annotations

from PySide6.QtCore import QLocale


def count(n: int) -> str:
    """``n`` grouped by thousands as the locale groups them (the C locale's "10000" reads as
    "10,000": its own option leaves the separator out)."""
    locale = QLocale()
    locale.setNumberOptions(QLocale.NumberOption.DefaultNumberOptions)
    return locale.toString(int(n))

