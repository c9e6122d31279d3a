"""Writing and checking the hash-chained audit log."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from .models import AuditEntry, AuditHead

GENESIS = "0" * 64


def record(actor, action: str, obj=None, *, purpose: str = "", **details) -> AuditEntry:
    """Append one entry: who (actor), what (action, object), why (purpose). No personal data."""
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1)
        entry = AuditEntry(
            at=timezone.now(),
            actor=actor if getattr(actor, "pk", None) else None,
            actor_name=getattr(actor, "username", "") or "system",
            action=action,
            object_type=obj._meta.label_lower if obj is not None else "",
            object_id=str(obj.pk) if obj is not None else "",
            purpose=purpose[:500],
            details=details,
            prev_hash=head.last_hash,
            hash="pending:" + timezone.now().isoformat(),
        )
        entry.save()
        entry.hash = entry.compute_hash()
        entry.save(update_fields=["hash"], _allow_update=True)
        head.last_hash = entry.hash
        head.save(update_fields=["last_hash"])
    return entry


@dataclass
class Problem:
    entry_id: int | None
    message: str


def verify() -> list[Problem]:
    """Walk the chain; report edited, deleted or reordered entries by id."""
    problems: list[Problem] = []
    prev = GENESIS
    last_id = 0
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        if entry.prev_hash != prev:
            problems.append(
                Problem(
                    entry.id,
                    f"entry {entry.id}: chain broken before it "
                    f"(an entry was deleted or reordered after #{last_id})",
                )
            )
        if entry.compute_hash() != entry.hash:
            problems.append(
                Problem(entry.id, f"entry {entry.id}: content does not match its hash (edited)")
            )
        prev = entry.hash
        last_id = entry.id
    head = AuditHead.objects.filter(pk=1).first()
    if head is not None and head.last_hash != prev:
        problems.append(
            Problem(
                None,
                f"the log ends at #{last_id} but the head records a later "
                "entry (entries at the end were deleted)",
            )
        )
    return problems
