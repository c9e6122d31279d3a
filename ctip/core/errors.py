"""The one vocabulary of refusals every service raises.

- Django's `ValidationError`: bad input (a dict when it names form fields), nothing written;
- Django's `PermissionDenied`: the user may not do this;
- `Conflict`: a stale version, nothing written;
- Django's `Http404`: "not yours" looks like "not there" (selectors).

Pages put them on forms through `ctip.core.forms.submit`; the API maps them once in
`ctip.api.errors.exception_handler`; commands print `one_line(exc)`.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

__all__ = ["Conflict", "PermissionDenied", "ValidationError", "one_line"]


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


def one_line(exc: Exception) -> str:
    """A refusal as one line for a command's error message (a ValidationError's messages joined)."""
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)
