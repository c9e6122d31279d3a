"""Errors every app raises the same way (besides Django's ValidationError and PermissionDenied)."""

from __future__ import annotations


class Conflict(Exception):
    """The object changed since the user read it (a stale version): nothing was written.

    Pages answer 409 and keep the user's input; the API answers 409 with `current_version`.
    """

    def __init__(self, message: str, *, current_version: int | None = None):
        super().__init__(message)
        self.message = message
        self.current_version = current_version

    def __str__(self) -> str:
        return self.message
