"""Who acts in a service and who sends a request: the two types every layer names.

`Actor` is the acting user passed first to every service; None only for an operator's command
(the audit entry then names the command, ctip.audit.context.running_command). Never None to skip
a check: a caller that checked still passes the user, so the audit names them.
"""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from .models import User

Actor: TypeAlias = User | None
# Whom a permission predicate is asked about: an actor, or an anonymous visitor (the navigation
# asks before login); every predicate answers "no" for an anonymous visitor.
AnyUser: TypeAlias = User | AnonymousUser | None


class AuthenticatedRequest(HttpRequest):
    """A request behind the login: its user is a signed-in ctip user (for type checkers)."""

    user: User
