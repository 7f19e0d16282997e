"""Errors a person can act on. Anything else is a bug and fails loudly."""

from __future__ import annotations


class DocumentError(Exception):
    """The file cannot be opened as a document; the message says why."""


class PasswordRequired(DocumentError):
    """An encrypted PDF that needs its password (``wrong`` after a bad try)."""

    def __init__(self, message: str, *, wrong: bool = False) -> None:
        super().__init__(message)
        self.wrong = wrong
