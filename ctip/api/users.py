"""Who sends an API request, for the type checker: every API view is behind DRF's
IsAuthenticated (settings.REST_FRAMEWORK), so its request's user is a signed-in ctip user."""

from typing import cast

from rest_framework.request import Request

from ctip.accounts.models import User


def user_of(request: Request) -> User:
    """The signed-in user of an API request (DRF's stubs also allow an anonymous one, which
    IsAuthenticated has refused before any view runs)."""
    return cast(User, request.user)
