"""What every view of a document offers the rest of the window.

The reading view (the text, repaired or original) and the page view (a PDF on
its pages) are different widgets; the find bar, jumps from panels and search
results, and the reading position talk to whichever is showing through this
protocol only, so a new kind of view is one more class that has these methods.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from notes_db import Highlight


class DocumentView(Protocol):
    def setFocus(self) -> None:  # noqa: N802 (Qt names it)
        """Take the keyboard (Qt's own method)."""

    def selection_range(self) -> tuple[int, int] | None:
        """The selected text as offsets into the document's text, if any."""

    def top_offset(self) -> int:
        """The text offset at the top of what is on screen."""

    def is_offset_visible(self, offset: int) -> bool:
        """Whether the character at ``offset`` is on screen."""

    def scroll_to(self, offset: int, *, flash_to: int | None = None, top: bool = False) -> None:
        """Bring an offset into view, flashing up to ``flash_to`` if given."""

    def flash(self, start: int, end: int, ms: int = 1200) -> None:
        """Briefly mark a passage so the eye finds it after a jump."""

    def set_highlights(self, highlights: list[Highlight]) -> None:
        """Show these highlights (the whole set for the document)."""
