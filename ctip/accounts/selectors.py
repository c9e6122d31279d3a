"""Reads of account data that depend on who asks."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import ApiToken, User


def tokens_of(user: User) -> QuerySet[ApiToken]:
    """The user's own API tokens, newest first (nobody lists another user's)."""
    return ApiToken.objects.filter(user=user).order_by("-created")


def token_for(user: User, pk: int) -> ApiToken:
    """One of the user's own tokens; 404 for anyone else's."""
    return get_object_or_404(ApiToken, pk=pk, user=user)


def has_authenticator(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def backup_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
