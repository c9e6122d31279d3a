"""Referrals of a case (or one person) to a competent authority or a service body, with the
outgoing letter filed in the registry, and the decisions that answer them."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ctip.accounts.types import Actor
from ctip.audit.services import record
from ctip.plan.models import Agency
from ctip.records.services import file_referral_letter

from .. import permissions
from ..models import Case, Person, Referral, TraffickingStatus
from ..permissions import require
from ._common import _advance, _check_case_scope, _event

# The trafficking status a competent authority's decision gives (other decisions give none).
DECISION_STATUS: dict[str, str] = {
    Referral.Decision.VICTIM_STATUS_GRANTED: TraffickingStatus.ACTUAL,
    Referral.Decision.CRIMINAL_CASE_OPENED: TraffickingStatus.ACTUAL,
    Referral.Decision.NOT_RECOGNISED: TraffickingStatus.NOT_A_VICTIM,
}


def _registry_letter(actor: Actor, referral: Referral) -> int | None:
    """File the outgoing letter in the registry; the subject is the case code only, no names."""
    doc = file_referral_letter(
        actor,
        number=referral.letter_number,
        date=referral.letter_date,
        recipient=referral.to_agency,
        subject=f"NRM {referral.case.code}",
    )
    return doc.pk if doc is not None else None


def refer_case(
    actor: Actor,
    case: Case,
    *,
    to_agency: Agency,
    letter_number: str = "",
    letter_date: date | None = None,
    kind: str = Referral.Kind.COMPETENT_AUTHORITY,
    person: Person | None = None,
) -> Referral:
    """Send the case (by letter) to a competent authority, or a person to a service body."""
    _check_case_scope(actor, case, "case.edit")
    _check_referral(
        case, kind=kind, letter_number=letter_number, letter_date=letter_date, person=person
    )
    with transaction.atomic():
        referral = Referral.objects.create(
            case=case,
            to_agency=to_agency,
            kind=kind,
            person=person,
            letter_number=letter_number.strip(),
            letter_date=letter_date,
            created_by=actor,
        )
        _file_letter(actor, referral)
        if kind == Referral.Kind.COMPETENT_AUTHORITY:
            _advance(case, Case.Status.REFERRED)
        _event(actor, case, "referred", **_referral_data(referral))
        record(
            actor,
            "cases.case.refer",
            case,
            code=case.code,
            to=to_agency.abbr,
            kind=kind,
            letter=referral.letter_number,
        )
    return referral


def _check_referral(
    case: Case,
    *,
    kind: str,
    letter_number: str,
    letter_date: date | None,
    person: Person | None,
) -> None:
    """A known kind, an open case, the letter a competent authority needs (not dated in the
    future), and a person of this case."""
    if kind not in Referral.Kind.values:
        raise ValidationError(_("unknown referral kind %(value)r") % {"value": kind})
    if case.status == Case.Status.CLOSED:
        raise ValidationError(_("the case is closed"))
    if kind == Referral.Kind.COMPETENT_AUTHORITY and not letter_number.strip():
        raise ValidationError(
            _("a referral to a competent authority needs the outgoing letter number")
        )
    if letter_date and letter_date > timezone.localdate():
        raise ValidationError(_("the letter date is in the future"))
    if person is not None and person.case_id != case.pk:
        raise ValidationError(_("the person is not in this case"))


def _referral_data(referral: Referral) -> dict[str, str]:
    """The case event's data for a referral: its kind, the receiving agency and the letter."""
    return {"kind": referral.kind, "to": referral.to_agency.abbr, "letter": referral.letter_number}


def _file_letter(actor: Actor, referral: Referral) -> None:
    """The referral's letter filed in the registry and linked to it (when it has a number)."""
    doc_id = _registry_letter(actor, referral) if referral.letter_number else None
    if doc_id:
        referral.document_id = doc_id
        referral.save(update_fields=["document_id"])


def record_decision(
    actor: Actor,
    referral: Referral,
    *,
    decision: str,
    number: str = "",
    decided_on: date | None = None,
) -> Referral:
    """The authority's procedural decision (or a service body's answer): entered by the owner, or
    by the receiving agency for its own referral."""
    case = referral.case
    require(actor, "case.decide")
    if not permissions.can_decide(actor, referral):
        raise PermissionDenied("only the owner or the receiving agency records this decision")
    if decision not in Referral.Decision.values or decision == Referral.Decision.PENDING:
        raise ValidationError(_("unknown decision %(value)r") % {"value": decision})
    with transaction.atomic():
        referral.decision = decision
        referral.decision_number = number.strip()
        referral.decision_date = decided_on or timezone.localdate()
        referral.save(update_fields=["decision", "decision_number", "decision_date"])
        if referral.kind == Referral.Kind.COMPETENT_AUTHORITY:
            _apply_decision(case, referral, decision)
        _event(actor, case, "decision", to=referral.to_agency.abbr, decision=decision)
        record(
            actor,
            "cases.case.decision",
            case,
            code=case.code,
            decision=decision,
            referral=referral.pk,
        )
    return referral


def _apply_decision(case: Case, referral: Referral, decision: str) -> None:
    """A competent authority's decision sets the trafficking status of the case and of its persons
    (of the one person referred, for a referral of one person) and moves the case on."""
    status = DECISION_STATUS.get(decision)
    if status:
        case.trafficking_status = status
        case.status_decided_by = referral.to_agency
        case.save(update_fields=["trafficking_status", "status_decided_by"])
        decided = case.persons.exclude(trafficking_status=TraffickingStatus.NOT_A_VICTIM)
        if referral.person_id:  # a referral of one person decides for that person only
            decided = decided.filter(pk=referral.person_id)
        decided.update(trafficking_status=status)
    _advance(case, Case.Status.DECISION_RECEIVED)
