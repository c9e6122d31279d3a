"""Users (agency and role) and their API tokens."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .permissions import needs_second_factor
from .roles import NARRATIVE_PII_ROLES, REVIEWER_ROLES, Role


class User(AbstractUser):
    """A person using ctip: belongs to one agency and has one role."""

    agency = models.ForeignKey(
        "plan.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        verbose_name=_("agency"),
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.FOCAL_POINT
    )
    # Incremented by "log out everywhere": sessions remember the value they started with.
    session_generation = models.PositiveIntegerField(default=0)

    @property
    def needs_otp(self) -> bool:
        return needs_second_factor(self)

    @property
    def is_reviewer(self) -> bool:
        return self.role in REVIEWER_ROLES or self.is_superuser

    @property
    def sees_narrative_pii(self) -> bool:
        return self.role in NARRATIVE_PII_ROLES or self.is_superuser


def default_token_expiry():
    return timezone.now() + timedelta(days=settings.CTIP_TOKEN_DAYS)


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 is stored; the token is shown once.

    It expires, is revoked by its owner, by "log out everywhere" and by a second-factor reset,
    and counts as a second factor only when it was issued after one (`second_factor`).
    """

    class Via(models.TextChoices):
        ACCOUNT = "account", _("the owner's account page")
        COMMAND = "command", _("an operator's command")
        LEGACY = "legacy", _("before tokens expired")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tokens"
    )
    name = models.CharField(_("what it is for"), max_length=100, blank=True)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created = models.DateTimeField(default=timezone.now)
    expires = models.DateTimeField(_("expires"), default=default_token_expiry)
    last_used = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)
    via = models.CharField(max_length=10, choices=Via.choices, default=Via.ACCOUNT)
    # Issued in a session that had passed the second factor, or by an operator's command.
    second_factor = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.user} {self.prefix}…"

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @property
    def active(self) -> bool:
        return not self.revoked and self.expires > timezone.now()

    @classmethod
    def issue(
        cls,
        user,
        *,
        second_factor: bool = False,
        via: str = Via.ACCOUNT,
        name: str = "",
        days: int | None = None,
    ) -> tuple["ApiToken", str]:
        """A new token row and its key (the key is not stored). Policy is in services."""
        key = "ctip_" + secrets.token_urlsafe(32)
        now = timezone.now()
        token = cls.objects.create(
            user=user,
            name=name[:100],
            key_hash=cls.hash(key),
            prefix=key[5:13],
            created=now,
            expires=now + timedelta(days=days or settings.CTIP_TOKEN_DAYS),
            via=via,
            second_factor=second_factor,
        )
        return token, key
