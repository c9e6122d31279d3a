"""Intakes: a call, message, operation or referral registered with its persons, then triaged
into a case or closed with a reason."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ctip.accounts.types import Actor
from ctip.audit.services import record
from ctip.plan.models import Agency

from .. import permissions
from ..models import Case, Channel, Intake, new_case_code
from ..permissions import require
from ._common import _event, _require_purpose, retention_days
from .persons import _new_person


def register_intake(
    actor: Actor,
    *,
    channel: str,
    received_on: date,
    language: str = "az",
    summary: str = "",
    persons: list[dict[str, Any]] | None = None,
    agency: Agency | None = None,
    purpose: str = "registering an intake",
) -> Intake:
    """A call, message, operation or referral with the persons it concerns."""
    require(actor, "intake.create")
    purpose = _require_purpose(purpose)
    agency = _intake_agency(actor, agency, channel=channel, received_on=received_on)
    with transaction.atomic():
        intake = Intake(
            agency=agency,
            channel=channel,
            received_on=received_on,
            language=language,
            summary=summary.strip(),
            created_by=actor,
        )
        intake.full_clean(exclude=["case", "summary"])
        intake.save()
        for n, pdata in enumerate(persons or [], start=1):
            _new_person(pdata, received_on, intake=intake, number=n)
        record(
            actor,
            "cases.intake.create",
            intake,
            purpose=purpose,
            channel=channel,
            persons=len(persons or []),
        )
    return intake


def _intake_agency(
    actor: Actor, agency: Agency | None, *, channel: str, received_on: date
) -> Agency:
    """The agency the intake is registered for (the actor's own unless one is given and allowed),
    once the channel and the date are valid."""
    if channel not in Channel.values:
        raise ValidationError(_("unknown channel %(value)r") % {"value": channel})
    if received_on > timezone.localdate():
        raise ValidationError(_("the intake date is in the future"))
    agency = agency or (actor.agency if actor is not None else None)
    if agency is None:
        raise ValidationError(_("the intake needs an agency (the user has none)"))
    if not permissions.can_register_intake_for(actor, agency):
        raise PermissionDenied("intakes are registered for the user's own agency")
    return agency


def triage_intake(
    actor: Actor, intake: Intake, *, open_case: bool, closure_reason: str = ""
) -> Case | None:
    """Open a case for the intake's persons, or close the intake with a reason."""
    require(actor, "case.edit")
    if not permissions.can_on_intake(actor, intake):
        raise PermissionDenied("this intake belongs to another agency")
    with transaction.atomic():
        intake = Intake.objects.select_for_update().get(pk=intake.pk)
        if intake.status != Intake.Status.NEW:
            raise ValidationError(_("this intake was already triaged"))
        if not open_case:
            _close_intake(actor, intake, closure_reason)
            return None
        case = _new_case(actor, intake)
        intake.case = case
        intake.status = Intake.Status.CASE_OPENED
        intake.save(update_fields=["case", "status"])
        intake.persons.update(case=case)
        _event(actor, case, "opened", channel=intake.channel)
        record(actor, "cases.case.open", case, code=case.code, intake=intake.pk)
    return case


def _close_intake(actor: Actor, intake: Intake, closure_reason: str) -> None:
    """Close the intake without a case; its retention period starts today."""
    if not closure_reason.strip():
        raise ValidationError(_("closing an intake needs a reason"))
    intake.status = Intake.Status.CLOSED
    intake.closure_reason = closure_reason.strip()[:300]
    intake.closed_on = timezone.localdate()
    intake.retention_until = intake.closed_on + timedelta(days=retention_days())
    intake.save(update_fields=["status", "closure_reason", "closed_on", "retention_until"])
    record(
        actor,
        "cases.intake.close",
        intake,
        retention_until=intake.retention_until.isoformat(),
    )


def _new_case(actor: Actor, intake: Intake) -> Case:
    """A case for the intake under a freshly drawn code (drawn again on a collision)."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Case.objects.create(
                    code=new_case_code(intake.received_on.year),
                    agency=intake.agency,
                    channel=intake.channel,
                    registered_on=intake.received_on,
                    created_by=actor,
                )
        except IntegrityError:  # a code collision: draw again
            continue
    raise RuntimeError("could not draw a unique case code")
