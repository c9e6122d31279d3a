"""Who must show a second factor, and whether a request has: one rule for pages and the API.

A role that can open personal data (PERSONAL_DATA_ROLES, and every superuser) needs a verified
second factor on every request: a session must have passed django-otp's check; an API token
counts only when it was issued after a second factor (by its verified owner on the account page)
or by an operator's command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser

from .roles import PERSONAL_DATA_ROLES

if TYPE_CHECKING:  # models import this module: the types only, for the checker
    from django.http import HttpRequest

    from .models import ApiToken, User

# Set in the session after a backup code was used by someone without an authenticator app:
# they are led to enrol one before going on (ctip.accounts.middleware).
ENROL_SESSION_KEY = "ctip_enrol_authenticator"


def needs_second_factor(user: User | AnonymousUser) -> bool:
    if isinstance(user, AnonymousUser) or not user.is_authenticated:
        return False
    return user.role in PERSONAL_DATA_ROLES or user.is_superuser


def second_factor_passed(user: User | AnonymousUser, token: ApiToken | None = None) -> bool:
    """True when `user` may go on: no second factor is due, or this session or token has one."""
    if not needs_second_factor(user):
        return True
    if token is not None:
        return bool(token.second_factor)
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def session_may_proceed(request: HttpRequest) -> bool:
    """A logged-in session that passed its second factor and owes no enrolment."""
    return second_factor_passed(request.user) and not request.session.get(ENROL_SESSION_KEY)


def may_issue_token(user: User | AnonymousUser) -> bool:
    """Tokens are made by their owner, in a session that passed the second factor if one is due."""
    return bool(getattr(user, "is_active", False)) and second_factor_passed(user)


def may_enrol_authenticator(user: User | AnonymousUser) -> bool:
    """Adding an authenticator app needs the second factor passed (the first enrolment of a user
    without any device happens on the second-factor page itself)."""
    return needs_second_factor(user) and second_factor_passed(user)
