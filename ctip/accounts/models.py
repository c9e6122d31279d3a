import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .roles import NARRATIVE_PII_ROLES, PERSONAL_DATA_ROLES, REVIEWER_ROLES, Role


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
        return self.role in PERSONAL_DATA_ROLES or self.is_superuser

    @property
    def is_reviewer(self) -> bool:
        return self.role in REVIEWER_ROLES or self.is_superuser

    @property
    def sees_narrative_pii(self) -> bool:
        return self.role in NARRATIVE_PII_ROLES or self.is_superuser


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 is stored; the token is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tokens"
    )
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created = models.DateTimeField(default=timezone.now)
    last_used = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.user} {self.prefix}…"

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, user) -> tuple["ApiToken", str]:
        key = "ctip_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, key_hash=cls.hash(key), prefix=key[5:13])
        return token, key
