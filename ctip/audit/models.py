"""The audit log: append-only entries chained by a keyed hash, and the locked head of the chain."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import chain


class AuditEntry(models.Model):
    """One append-only line of the audit log, written once. Never holds personal data itself."""

    # Position in the chain, taken from the locked head (not the row id, which is only known
    # after the INSERT): the hash can be computed before the row is written.
    seq = models.BigIntegerField(unique=True)
    at = models.DateTimeField(_("when"), db_index=True)
    # No database constraint: deleting a user must not rewrite (SET NULL) the entries naming them.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_name = models.CharField(_("who"), max_length=150, blank=True)
    action = models.CharField(_("what"), max_length=80, db_index=True)
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.CharField(max_length=64, blank=True, db_index=True)
    purpose = models.CharField(_("purpose"), max_length=500, blank=True)
    details = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"#{self.seq} {self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk:
            raise ValueError("audit entries are append-only")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("audit entries are append-only")

    def payload(self) -> str:
        """The canonical text the hash covers (everything but the hash itself)."""
        return chain.entry_payload(
            seq=self.seq,
            at=self.at,
            actor_id=self.actor_id,
            actor_name=self.actor_name,
            action=self.action,
            object_type=self.object_type,
            object_id=self.object_id,
            purpose=self.purpose,
            details=self.details,
            prev_hash=self.prev_hash,
        )

    def compute_hash(self, key: bytes | None = None) -> str:
        return chain.mac(key if key is not None else chain.audit_key(), self.payload())


class AuditHead(models.Model):
    """The chain's end: one row, locked while appending so writers chain one after another.
    Its `mac` (keyed) makes a head moved back over deleted entries recognisable."""

    last_hash = models.CharField(max_length=64, default=chain.GENESIS)
    seq = models.BigIntegerField(default=0)
    mac = models.CharField(max_length=64, blank=True, default="")

    def __str__(self) -> str:
        return f"#{self.seq} {self.last_hash}"
