"""A case's own changes: its details, its closure (which starts retention) and its transfer
to another agency."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ctip.accounts.types import Actor
from ctip.audit.services import record
from ctip.plan.models import Agency

from .. import permissions
from ..models import Case, ControlMethod, Exploitation, Intake, RecruiterRelation
from ..permissions import require
from ._common import _check_case_scope, _choices, _event, retention_days


def set_case_details(
    actor: Actor,
    case: Case,
    *,
    exploitation: list[str],
    control_methods: list[str],
    country_of_exploitation: str = "",
    recruiter_relation: str = "unknown",
) -> Case:
    _check_case_scope(actor, case, "case.edit")
    country = (country_of_exploitation or "").strip().upper()
    if country and (len(country) != 2 or not country.isalpha()):
        raise ValidationError(_("country of exploitation must be a two-letter ISO code"))
    if recruiter_relation not in RecruiterRelation.values:
        raise ValidationError(_("unknown recruiter relation"))
    with transaction.atomic():
        case.exploitation = _choices(exploitation, Exploitation)
        case.control_methods = _choices(control_methods, ControlMethod)
        case.country_of_exploitation = country
        case.recruiter_relation = recruiter_relation
        case.save(
            update_fields=[
                "exploitation",
                "control_methods",
                "country_of_exploitation",
                "recruiter_relation",
            ]
        )
        _event(actor, case, "details", exploitation=case.exploitation)
        record(actor, "cases.case.details", case, code=case.code, exploitation=case.exploitation)
    return case


def close_case(actor: Actor, case: Case, *, reason: str, closed_on: date | None = None) -> Case:
    """Close with a reason; this starts the retention period of the personal data."""
    _check_case_scope(actor, case, "case.close")
    if reason not in Case.ClosureReason.values:
        raise ValidationError(_("closing a case needs one of the listed reasons"))
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if case.status == Case.Status.CLOSED:
            raise ValidationError(_("the case is already closed"))
        case.status = Case.Status.CLOSED
        case.closure_reason = reason
        case.closed_on = closed_on or timezone.localdate()
        case.retention_until = case.closed_on + timedelta(days=retention_days())
        case.save(update_fields=["status", "closure_reason", "closed_on", "retention_until"])
        _event(actor, case, "closed", reason=reason)
        record(
            actor,
            "cases.case.close",
            case,
            code=case.code,
            reason=reason,
            retention_until=case.retention_until.isoformat(),
        )
    return case


def transfer_case(actor: Actor, case: Case, *, to_agency: Agency | None, reason: str) -> Case:
    """Hand the case (and its intake) over to another agency, which becomes its owner; the old
    owner keeps no access unless the case is referred back to it. Audited with both agencies."""
    require(actor, "case.transfer")
    if not permissions.can_transfer(actor, case):
        raise PermissionDenied("only the owning agency transfers a case")
    if reason not in Case.TransferReason.values:
        raise ValidationError({"reason": _("Choose the reason for the transfer.")})
    if to_agency is None or to_agency.pk == case.agency_id:
        raise ValidationError({"to_agency": _("Choose another agency.")})
    with transaction.atomic():
        case = Case.objects.select_for_update().select_related("agency").get(pk=case.pk)
        if case.status == Case.Status.CLOSED:
            raise ValidationError(_("the case is closed"))
        old = case.agency
        case.agency = to_agency
        case.save(update_fields=["agency"])
        Intake.objects.filter(case=case).update(agency=to_agency)
        _event(actor, case, "transferred", **{"from": old.abbr, "to": to_agency.abbr})
        record(
            actor,
            "cases.case.transfer",
            case,
            code=case.code,
            reason=reason,
            **{"from": old.abbr, "to": to_agency.abbr},
        )
    return case
