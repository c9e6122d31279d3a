"""The kinds of job: each app registers the function that does its kind's work.

A runner takes the job row and a `Progress` and returns a `JobOutput` (the file to keep).
It refuses in plain words with Django's `ValidationError`; anything else it raises is shown to
the owner as an unexpected error and logged without its message.

An app whose jobs leave things behind (staged upload files) registers a cleaner too:
`ctip jobs cleanup` runs every cleaner and reports how many things each removed.
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


Cleaner = Callable[[], int]
_CLEANERS: dict[str, Cleaner] = {}


def register_cleaner(what: str) -> Callable[[Cleaner], Cleaner]:
    """Decorator: `fn()` removes what jobs left behind and returns how many; `what` names
    them in `ctip jobs cleanup`'s report ("orphaned staged upload file(s)")."""

    def wrap(fn: Cleaner) -> Cleaner:
        _CLEANERS[what] = fn
        return fn

    return wrap


def cleaners() -> dict[str, Cleaner]:
    return dict(_CLEANERS)


def runner_for(kind: str) -> Runner:
    try:
        return _RUNNERS[kind]
    except KeyError:
        raise LookupError(f"no runner registered for job kind {kind!r}") from None


def kinds() -> list[str]:
    return sorted(_RUNNERS)
