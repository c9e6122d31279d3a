"""Writing and checking the keyed, hash-chained audit log.

`record` appends one entry under the locked head: the entry's sequence number and hash are known
before its INSERT, so a row is written once and never updated. `verify` walks the chain and
compares its end with the head row and with the last checkpoint kept outside the database
(ctip.audit.checkpoint); every problem it finds is named.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from . import chain
from .chain import ChainEnd, Problem
from .checkpoint import checkpoint_problems
from .context import current_command
from .models import AuditEntry, AuditHead

if TYPE_CHECKING:  # the audit log sits below accounts: the type only, for the checker
    from ctip.accounts.types import Actor

GENESIS = chain.GENESIS
MAX_LISTED = 50  # problems listed one by one; more are counted


class AuditHeadMissing(RuntimeError):
    """The head row is gone while entries exist: someone deleted it. Nothing is appended until
    an operator has looked (`ctip audit verify`, then `ctip audit reanchor`)."""


def _locked_head() -> AuditHead:
    head = AuditHead.objects.select_for_update().filter(pk=1).first()
    if head is not None:
        return head
    if AuditEntry.objects.exists():
        raise AuditHeadMissing(
            "the audit log's head row is missing (deleted?): run `ctip audit verify`, then "
            "`ctip audit reanchor --reason …`"
        )
    head, _ = AuditHead.objects.get_or_create(pk=1)
    return AuditHead.objects.select_for_update().get(pk=1)


def record(
    actor: Actor, action: str, obj: Model | None = None, *, purpose: str = "", **details: Any
) -> AuditEntry:
    """Append one entry: who (actor), what (action, object), why (purpose). No personal data.

    Without an actor the entry is the system's and names the operator's command that ran."""
    if actor is None and current_command():
        details.setdefault("command", current_command())
    key = chain.audit_key()
    with transaction.atomic():
        head = _locked_head()
        entry = AuditEntry(
            seq=head.seq + 1,
            at=timezone.now(),
            actor=actor if getattr(actor, "pk", None) else None,
            actor_name=getattr(actor, "username", "") or "system",
            action=action,
            object_type=obj._meta.label_lower if obj is not None else "",
            object_id=str(obj.pk) if obj is not None else "",
            purpose=purpose[:500],
            details=details,
            prev_hash=head.last_hash,
        )
        entry.hash = entry.compute_hash(key)
        entry.save()
        _move_head(head, key, entry)
    return entry


def _move_head(head: AuditHead, key: bytes, entry: AuditEntry) -> None:
    head.seq, head.last_hash = entry.seq, entry.hash
    head.mac = chain.head_mac(key, head.seq, head.last_hash)
    head.save(update_fields=["seq", "last_hash", "mac"])


def _entry_problems(entry: AuditEntry, key: bytes, prev: ChainEnd) -> list[Problem]:
    found = []
    name = f"entry {entry.id} (no. {entry.seq})"
    if entry.seq > prev.seq + 1:
        found.append(
            Problem(
                entry.id,
                f"entries no. {prev.seq + 1}–{entry.seq - 1} before {name} are missing (deleted)",
            )
        )
    elif entry.seq <= prev.seq:
        found.append(Problem(entry.id, f"{name}: its number repeats or goes back (reordered)"))
    if entry.prev_hash != prev.hash:
        found.append(
            Problem(
                entry.id,
                f"{name}: chain broken before it (an entry was deleted or reordered "
                f"after no. {prev.seq})",
            )
        )
    if not chain.same(entry.compute_hash(key), entry.hash):
        if chain.same(chain.plain_sha256(entry.payload()), entry.hash):
            text = "its hash was recomputed without the audit key (the chain was rewritten)"
        else:
            text = (
                "content does not match its hash under the audit key (edited, or a different key)"
            )
        found.append(Problem(entry.id, f"{name}: {text}"))
    return found


def walk(key: bytes) -> tuple[list[Problem], ChainEnd]:
    """Check every entry in order; return the problems and where the chain ends."""
    problems: list[Problem] = []
    end = ChainEnd()
    for entry in AuditEntry.objects.order_by("seq", "id").iterator(chunk_size=2000):
        problems += _entry_problems(entry, key, end)
        end = ChainEnd(end.count + 1, entry.seq, entry.hash)
    return problems, end


def head_problems(key: bytes, end: ChainEnd) -> list[Problem]:
    """The head row against the chain's last entry."""
    head = AuditHead.objects.filter(pk=1).first()
    if head is None:
        if end.count:
            return [Problem(None, "the head row is missing (deleted): the log's end is unanchored")]
        return []
    if not chain.same(head.mac, chain.head_mac(key, head.seq, head.last_hash)):
        return [Problem(None, "the head row was altered (it fails the audit key check)")]
    if head.seq > end.seq or head.last_hash != end.hash:
        return [
            Problem(
                None,
                f"the log ends at no. {end.seq} but the head records no. {head.seq}: "
                "entries at the end were deleted (truncated tail)",
            )
        ]
    return []


def verify(*, checkpoint_file: str | Path | None = None) -> list[Problem]:
    """Walk the chain; compare its end with the head row and the last checkpoint."""
    key = chain.audit_key()
    problems, end = walk(key)
    problems += head_problems(key, end)
    problems += checkpoint_problems(key, end, path=checkpoint_file)
    return problems


def chain_end() -> ChainEnd:
    """The end of the chain without walking it (the head, checked against the last entry)."""
    last = AuditEntry.objects.order_by("-seq").first()
    if last is None:
        return ChainEnd()
    return ChainEnd(AuditEntry.objects.count(), last.seq, last.hash)


def reanchor(*, reason: str) -> AuditEntry:
    """Put a head row back at the last entry after an operator looked at a deleted head; the
    entry recording it names the reason. (An operator's command; the key is needed.)"""
    key = chain.audit_key()
    with transaction.atomic():
        AuditHead.objects.filter(pk=1).delete()
        end = chain_end()
        head = AuditHead(pk=1, seq=end.seq, last_hash=end.hash)
        head.mac = chain.head_mac(key, head.seq, head.last_hash)
        head.save(force_insert=True)
        return record(None, "audit.head.reanchored", None, purpose=reason, at_seq=end.seq)
