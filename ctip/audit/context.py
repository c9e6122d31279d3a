"""Who is acting right now, for audit entries written where no actor is passed (model signals of
account, device and token changes made in Django's admin, the API or a command).

A request's user is taken from the request at the moment of writing (the API authenticates after
the middleware ran); outside a request — a command — the actor is None, written as "system", and
the entry names the command (`running_command`, set by the `ctip` command line).
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

_request: ContextVar = ContextVar("ctip_audit_request", default=None)
_UNSET = object()
_override: ContextVar = ContextVar("ctip_audit_actor", default=_UNSET)
_command: ContextVar[str] = ContextVar("ctip_audit_command", default="")


def current_actor():
    override = _override.get()
    if override is not _UNSET:
        return override
    request = _request.get()
    user = getattr(request, "user", None) if request is not None else None
    return user if getattr(user, "is_authenticated", False) else None


@contextmanager
def acting_as(actor):
    """Name `actor` in the entries written inside the block (None: the operator, "system")."""
    token = _override.set(actor)
    try:
        yield
    finally:
        _override.reset(token)


@contextmanager
def during(request):
    token = _request.set(request)
    try:
        yield
    finally:
        _request.reset(token)


@contextmanager
def running_command(name: str):
    """Entries written inside the block without an actor name this operator's command."""
    token = _command.set(name)
    try:
        yield
    finally:
        _command.reset(token)


def current_command() -> str:
    """The operator's command running now ("" inside a request or a test)."""
    return _command.get()
