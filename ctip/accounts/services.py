"""Every write to accounts that is more than a model save: tokens, second factor, sessions.

Plain changes of users, devices and tokens are also written to the audit log by
ctip.accounts.signals, whoever makes them (pages, API, Django's admin, commands).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ctip.audit.context import acting_as
from ctip.audit.services import record

from .models import ApiToken, User
from .permissions import may_issue_token

BACKUP_CODE_COUNT = 10


def issue_token(actor: User, *, name: str = "") -> tuple[ApiToken, str]:
    """A token for the acting user themself, from the account page (shown once)."""
    if not may_issue_token(actor):
        raise PermissionDenied("pass the second factor before making a token")
    with acting_as(actor):
        return ApiToken.issue(actor, second_factor=True, via=ApiToken.Via.ACCOUNT, name=name)


def issue_token_by_operator(user: User, *, days: int | None = None) -> tuple[ApiToken, str]:
    """`ctip token create`: an operator vouches for the token (it counts as a second factor)."""
    if not user.is_active:
        raise PermissionDenied("the user is not active")
    with acting_as(None):
        return ApiToken.issue(
            user,
            second_factor=True,
            via=ApiToken.Via.COMMAND,
            name="ctip token create",
            days=days,
        )


def revoke_token(actor: User | None, token: ApiToken) -> ApiToken:
    """End a token now (its owner on the account page, or an administrator)."""
    if not token.revoked:
        with acting_as(actor):
            token.revoked = True
            token.save(update_fields=["revoked"])
    return token


def _revoke_all(user: User) -> int:
    tokens = list(ApiToken.objects.filter(user=user, revoked=False))
    for token in tokens:
        token.revoked = True
        token.save(update_fields=["revoked"])  # one audit entry per token (signals)
    return len(tokens)


def logout_everywhere(actor: User) -> None:
    """End every session and every API token of the acting user."""
    with transaction.atomic(), acting_as(actor):
        User.objects.filter(pk=actor.pk).update(session_generation=F("session_generation") + 1)
        revoked = _revoke_all(actor)
        record(actor, "accounts.logout_everywhere", actor, tokens_revoked=revoked)


def reset_second_factor(actor: User | None, user: User, *, reason: str = "") -> None:
    """An administrator removes a user's authenticators and backup codes (lost phone); the user
    enrols again at the next login. Their sessions and tokens end too."""
    with transaction.atomic(), acting_as(actor):
        devices = 0
        for model in (TOTPDevice, StaticDevice):
            for device in model.objects.filter(user=user):
                device.delete()
                devices += 1
        User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
        revoked = _revoke_all(user)
        record(
            actor,
            "accounts.second_factor.reset",
            user,
            purpose=reason or "second factor reset by an administrator",
            username=user.username,
            devices=devices,
            tokens_revoked=revoked,
        )


def issue_backup_codes(user: User) -> list[str]:
    """Replace the user's backup codes with fresh single-use ones and return them (shown once)."""
    with transaction.atomic(), acting_as(user):
        device, _created = StaticDevice.objects.get_or_create(
            user=user, name="backup", defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
        if not device.confirmed:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
        record(
            user, "accounts.backup_codes_issued", user, purpose="second factor", count=len(codes)
        )
    return codes


def pending_authenticator(user: User) -> TOTPDevice:
    """The user's authenticator being enrolled (made unconfirmed on first need)."""
    with acting_as(user):
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        return device or TOTPDevice.objects.create(user=user, name="default", confirmed=False)


def confirm_authenticator(user: User, device: TOTPDevice, code: str) -> bool:
    """Confirm the enrolment when `code` is the device's current one (django-otp throttles)."""
    if device.user_id != user.pk or device.confirmed:
        raise PermissionDenied("not this user's pending authenticator")
    if not (code.isdigit() and device.verify_token(code)):
        return False
    with acting_as(user):
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return True
