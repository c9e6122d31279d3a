"""The kinds of job: each app registers the function that does its kind's work.

A runner takes the job row and a `Progress` and returns a `JobOutput` (the file to keep).
It refuses in plain words with Django's `ValidationError`; anything else it raises is shown to
the owner as an unexpected error and logged without its message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Job
    from .progress import Progress


@dataclass(frozen=True)
class JobOutput:
    """A job's result: a file to keep for download, or a page to continue on (`url`, such as
    an import's preview), or both; `message` (untranslated, gettext_noop) replaces the default
    "Ready to download."."""

    name: str = ""
    content: bytes = b""
    content_type: str = ""
    url: str = ""
    message: str = ""


Runner = Callable[["Job", "Progress"], JobOutput]
_RUNNERS: dict[str, Runner] = {}


def register(kind: str) -> Callable[[Runner], Runner]:
    """Decorator: `fn` does the work of jobs of `kind`."""

    def wrap(fn: Runner) -> Runner:
        _RUNNERS[kind] = fn
        return fn

    return wrap


def runner_for(kind: str) -> Runner:
    try:
        return _RUNNERS[kind]
    except KeyError:
        raise LookupError(f"no runner registered for job kind {kind!r}") from None


def kinds() -> list[str]:
    return sorted(_RUNNERS)
