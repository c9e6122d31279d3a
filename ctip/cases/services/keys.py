"""Key rotation and the name index: re-seal values under the newest key, rebuild the blind index."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from ctip.audit.services import record

from .. import crypto
from ..models import Intake, ObservedIndicator, Person, Screening, Service
from .persons import reindex_person

SEALED_MODELS = (Intake, Person, Screening, ObservedIndicator, Service)
SealedRow = Intake | Person | Screening | ObservedIndicator | Service


def stale_rows(model: type[SealedRow]) -> list[int]:
    """Ids of rows holding a value sealed under a key other than the current one."""
    current = crypto.current_key_id()
    fields = crypto.encrypted_fields(model)
    stale = []
    for row in model.objects.values_list("pk", *[f.attname for f in fields]).iterator(
        chunk_size=1000
    ):
        if any(v and crypto.sealed_key_id(str(v)) != current for v in row[1:]):
            stale.append(row[0])
    return stale


def rotate_keys(*, dry_run: bool = False, progress: Callable | None = None) -> dict[str, int]:
    """Re-seal every value not under the newest key; all or nothing. Returns rows per model."""
    crypto.keyring()  # fail early on a bad configuration
    plan = {model: stale_rows(model) for model in SEALED_MODELS}
    counts = {model._meta.label: len(ids) for model, ids in plan.items()}
    if dry_run:
        return counts
    total = sum(counts.values())
    bar = progress(total) if progress else None
    with transaction.atomic():
        for model, ids in plan.items():
            fields = crypto.encrypted_fields(model)
            for start in range(0, len(ids), 500):
                for obj in model.objects.filter(pk__in=ids[start : start + 500]):
                    for f in fields:
                        getattr(obj, f.attname)  # opens under the old key; save seals anew
                    obj.save(update_fields=[f.name for f in fields])
                    if bar is not None:
                        bar.update(1)
        record(None, "cases.keys.rotate", None, key=crypto.current_key_id(), rows=total)
    if bar is not None:
        bar.close()
    return counts


def rebuild_name_index() -> int:
    n = 0
    with transaction.atomic():
        for person in Person.objects.filter(anonymized=False):
            reindex_person(person, remask=False)  # the names did not change, nor their masks
            n += 1
    return n
