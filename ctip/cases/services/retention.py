"""Retention: closed cases and intakes whose period has ended lose their personal data
(statistics stay)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from ctip.accounts.types import Actor
from ctip.audit.services import record

from .. import crypto
from ..models import Case, Intake, NameIndex, ObservedIndicator, Person, Screening, Service
from ..permissions import require
from ._common import _event, retention_days


def expired_cases(today: date | None = None) -> QuerySet[Case]:
    """Closed cases whose retention period ended before `today`, not yet anonymized."""
    today = today or timezone.localdate()
    return Case.objects.filter(
        status=Case.Status.CLOSED, retention_until__lt=today, anonymized_at__isnull=True
    ).order_by("retention_until", "id")


def expired_intakes(today: date | None = None) -> QuerySet[Intake]:
    """Intakes closed without a case whose retention has ended; one closed before intakes had a
    retention date counts from the date it was received."""
    today = today or timezone.localdate()
    legacy_before = today - timedelta(days=retention_days())
    return Intake.objects.filter(
        Q(retention_until__lt=today)
        | Q(retention_until__isnull=True, received_on__lt=legacy_before),
        status=Intake.Status.CLOSED,
        anonymized_at__isnull=True,
    ).order_by("id")


def _wipe_persons(persons: list[Person]) -> None:
    """Empty every sealed field and the blind index of these persons (statistics stay)."""
    NameIndex.objects.filter(person__in=persons).delete()
    for p in persons:
        for f in crypto.encrypted_fields(Person):
            setattr(p, f.attname, f.empty())
        p.anonymized = True
        p.save()


def anonymize_case(actor: Actor, case: Case) -> None:
    """Wipe sealed personal data and blind indexes; keep the statistics fields."""
    if actor is not None and getattr(actor, "pk", None):
        require(actor, "system.manage")
    with transaction.atomic():
        persons = list(case.persons.all())
        _wipe_persons(persons)
        ObservedIndicator.objects.filter(screening__person__case=case).update(evidence="")
        Screening.objects.filter(person__case=case).update(notes="")
        Service.objects.filter(case=case).update(notes="")
        Intake.objects.filter(case=case).update(summary="", closure_reason="")
        case.anonymized_at = timezone.now()
        case.save(update_fields=["anonymized_at"])
        _event(actor, case, "anonymized", cause="retention_ended")
        record(actor, "cases.case.anonymize", case, code=case.code, persons=len(persons))


def anonymize_intake(actor: Actor, intake: Intake) -> None:
    """The same for an intake closed without a case: its persons, summary and closure reason."""
    if actor is not None and getattr(actor, "pk", None):
        require(actor, "system.manage")
    with transaction.atomic():
        persons = list(intake.persons.filter(case__isnull=True))
        _wipe_persons(persons)
        Intake.objects.filter(pk=intake.pk).update(
            summary="", closure_reason="", anonymized_at=timezone.now()
        )
        record(actor, "cases.intake.anonymize", intake, persons=len(persons))


@dataclass
class RetentionResult:
    cases: list[str]  # codes of the cases anonymized
    intakes: int  # intakes closed without a case, anonymized


def apply_retention(
    actor: Actor = None, *, today: date | None = None, dry_run: bool = False
) -> RetentionResult:
    """Anonymize every closed case, and every intake closed without a case, whose retention
    period has ended."""
    codes = []
    for case in expired_cases(today):
        codes.append(case.code)
        if not dry_run:
            anonymize_case(actor, case)
    intakes = list(expired_intakes(today))
    if not dry_run:
        for intake in intakes:
            anonymize_intake(actor, intake)
    return RetentionResult(codes, len(intakes))
