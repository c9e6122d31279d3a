"""Every write to cases: one verb per state change, permission checked, atomic, audited.

Audit entries carry the case code or row id and the purpose; never names or other personal data.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ctip import reference
from ctip.accounts.types import Actor
from ctip.audit.services import record
from ctip.core.errors import Conflict
from ctip.plan import selectors as plan_selectors
from ctip.plan.services import remask_mentions
from ctip.records.services import file_referral_letter

from . import blindindex, crypto, permissions
from .models import (
    Case,
    CaseEvent,
    Channel,
    ControlMethod,
    Exploitation,
    Indicator,
    IndicatorSet,
    Intake,
    NameIndex,
    ObservedIndicator,
    Person,
    RecruiterRelation,
    Referral,
    Screening,
    Service,
    ServiceType,
    Sex,
    TraffickingStatus,
    new_case_code,
)
from .permissions import require

log = logging.getLogger(__name__)

INDICATOR_DIR = Path(__file__).resolve().parents[1] / "reference" / "indicators"
DEFAULT_RETENTION_DAYS = 5 * 365
STATUS_ORDER = [s.value for s in Case.Status]
PERSON_TEXT_FIELDS = ("given_name", "surname", "patronymic", "address")
# Competent authorities that take procedural decisions (abbreviations from the reference list).
COMPETENT_AUTHORITIES = ("İAMBİ", "BP")
# Readmitted persons' service referrals and the bodies they usually go to.
SERVICE_REFERRAL_BODIES = {"housing_work": "ƏƏSMN", "treatment": "TƏBİB", "schooling": "ETN"}


def retention_days() -> int:
    """Days a closed case keeps personal data (settings.CTIP_CASE_RETENTION_DAYS, 5 years)."""
    return max(settings.CTIP_CASE_RETENTION_DAYS, 0)


def _require_purpose(purpose: str) -> str:
    purpose = (purpose or "").strip()
    if len(purpose) < 5:
        raise ValidationError(
            _("State the purpose of processing personal data (at least 5 characters).")
        )
    return purpose[:500]


def _check_case_scope(actor: Actor, case: Case, action: str) -> None:
    """The role allows the action and the case is within the actor's reach for it (the owner, or
    a receiving agency for a receiving agency's actions)."""
    require(actor, action)
    permissions.require_on_case(actor, case, action)


def _event(actor: Actor, case: Case, kind: str, text: str = "") -> None:
    CaseEvent.objects.create(
        case=case, actor=actor if getattr(actor, "pk", None) else None, kind=kind, text=text[:300]
    )


def _advance(case: Case, status: str) -> None:
    """Move the case forward (never backwards, never out of closed)."""
    if case.status == Case.Status.CLOSED:
        return
    if STATUS_ORDER.index(status) > STATUS_ORDER.index(case.status):
        case.status = status
        case.save(update_fields=["status"])


def _choices(values: Iterable[str], allowed) -> list[str]:
    values = list(dict.fromkeys(v for v in values or [] if v))
    bad = [v for v in values if v not in allowed.values]
    if bad:
        raise ValidationError(_("unknown value(s): %(values)s") % {"values": ", ".join(bad)})
    return values


# --- indicator sets ------------------------------------------------------------------------------


def sync_indicator_sets(directory: Path | None = None) -> list[IndicatorSet]:
    """Load every ctip/reference/indicators/*.json; a (code, version) once loaded is immutable."""
    loaded = []
    for path in sorted((directory or INDICATOR_DIR).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        with transaction.atomic():
            iset, created = IndicatorSet.objects.get_or_create(
                code=data["code"],
                version=str(data["version"]),
                defaults={
                    "title_az": data["title_az"],
                    "title_en": data.get("title_en", ""),
                    "source": data.get("source", "")[:300],
                },
            )
            if created:
                Indicator.objects.bulk_create(
                    [
                        Indicator(
                            indicator_set=iset,
                            code=i["code"],
                            group=i.get("group", ""),
                            text_az=i["az"],
                            text_en=i.get("en", ""),
                            order=n,
                        )
                        for n, i in enumerate(data["indicators"])
                    ]
                )
        loaded.append(iset)
    return loaded


def current_indicator_set() -> IndicatorSet:
    iset = IndicatorSet.objects.filter(active=True).order_by("-id").first()
    if iset is None:
        sync_indicator_sets()
        iset = IndicatorSet.objects.filter(active=True).order_by("-id").first()
    if iset is None:
        raise ValidationError(_("no indicator set is available"))
    return iset


# --- persons -------------------------------------------------------------------------------------


def _age(dob: date | None, on: date) -> int | None:
    if not dob:
        return None
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


def _apply_person_data(person: Person, data: dict, registered_on: date) -> None:
    for name in PERSON_TEXT_FIELDS:
        if name in data:
            setattr(person, name, (data[name] or "").strip())
    if "date_of_birth" in data:
        dob = data["date_of_birth"]
        if isinstance(dob, str) and dob:
            dob = date.fromisoformat(dob)
        if dob and dob > registered_on:
            raise ValidationError(_("date of birth is after the registration date"))
        person.date_of_birth = dob.isoformat() if dob else ""
        if dob:
            person.age_at_registration = _age(dob, registered_on)
    if data.get("age") not in (None, "") and not data.get("date_of_birth"):
        age = int(data["age"])
        if not 0 <= age <= 120:
            raise ValidationError(_("age must be between 0 and 120"))
        person.age_at_registration = age
    for name in ("documents", "contacts"):
        if name in data:
            value = data[name]
            if isinstance(value, str):
                value = [line.strip() for line in value.splitlines() if line.strip()]
            setattr(person, name, value or None)
    if "sex" in data:
        if data["sex"] not in Sex.values:
            raise ValidationError(_("unknown sex value"))
        person.sex = data["sex"]
    if "citizenship" in data:
        code = (data["citizenship"] or "").strip().upper()
        if code and (len(code) != 2 or not code.isalpha()):
            raise ValidationError(_("citizenship must be a two-letter ISO country code"))
        person.citizenship = code
    if "readmitted" in data:
        person.readmitted = bool(data["readmitted"])


def reindex_person(person: Person, *, remask: bool = True) -> None:
    """Rewrite the blind index of one person from its (decrypted) names, and mask the names in
    the report narratives already stored that mention them."""
    NameIndex.objects.filter(person=person).delete()
    if person.anonymized:
        return
    digests = blindindex.name_digests(person.given_name, person.surname, person.patronymic)
    NameIndex.objects.bulk_create([NameIndex(person=person, digest=d) for d in sorted(digests)])
    if remask:
        remask_mentions(person.given_name, person.surname, person.patronymic)


def _new_person(data: dict, registered_on: date, **links) -> Person:
    person = Person(**links)
    _apply_person_data(person, data, registered_on)
    person.save()
    reindex_person(person)
    return person


def register_intake(
    actor: Actor,
    *,
    channel: str,
    received_on: date,
    language: str = "az",
    summary: str = "",
    persons: list[dict] | None = None,
    agency=None,
    purpose: str = "registering an intake",
) -> Intake:
    """A call, message, operation or referral with the persons it concerns."""
    require(actor, "intake.create")
    purpose = _require_purpose(purpose)
    if channel not in Channel.values:
        raise ValidationError(_("unknown channel %(value)r") % {"value": channel})
    if received_on > timezone.localdate():
        raise ValidationError(_("the intake date is in the future"))
    agency = agency or actor.agency
    if agency is None:
        raise ValidationError(_("the intake needs an agency (the user has none)"))
    if not permissions.can_register_intake_for(actor, agency):
        raise PermissionDenied("intakes are registered for the user's own agency")
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
            return None
        for _attempt in range(5):
            try:
                with transaction.atomic():
                    case = Case.objects.create(
                        code=new_case_code(intake.received_on.year),
                        agency=intake.agency,
                        channel=intake.channel,
                        registered_on=intake.received_on,
                        created_by=actor,
                    )
                break
            except IntegrityError:  # a code collision: draw again
                continue
        else:
            raise RuntimeError("could not draw a unique case code")
        intake.case = case
        intake.status = Intake.Status.CASE_OPENED
        intake.save(update_fields=["case", "status"])
        intake.persons.update(case=case)
        _event(actor, case, "opened", f"{intake.get_channel_display()}")
        record(actor, "cases.case.open", case, code=case.code, intake=intake.pk)
    return case


def add_person(actor: Actor, case: Case, *, purpose: str, **data) -> Person:
    """Another person in an existing case (numbered after the last one), audited with the purpose."""
    _check_case_scope(actor, case, "person.edit")
    purpose = _require_purpose(purpose)
    if case.status == Case.Status.CLOSED or case.anonymized_at:
        raise ValidationError(_("the case is closed"))
    with transaction.atomic():
        number = (
            case.persons.order_by("-number").values_list("number", flat=True).first() or 0
        ) + 1
        person = _new_person(data, case.registered_on, case=case, number=number)
        _event(actor, case, "person_added", person.label)
        record(actor, "cases.person.create", person, purpose=purpose, case=case.code)
    return person


def update_person(
    actor: Actor, person: Person, *, purpose: str, version: int | None = None, **data
) -> Person:
    """Change a person's data (only the keys given); the blind index follows the names.

    `version` is the version the user read: if the person changed since, nothing is written and
    Conflict says so (pages and the API always send it)."""
    if person.case is None:
        raise ValidationError(_("the person is not in a case yet"))
    _check_case_scope(actor, person.case, "person.edit")
    if not permissions.can_see_person(actor, person):
        raise PermissionDenied("this person is not within your reach")
    purpose = _require_purpose(purpose)
    if person.anonymized:
        raise ValidationError(
            _("this person's data was anonymized at the end of the retention period")
        )
    with transaction.atomic():
        current = Person.objects.select_for_update().only("version").get(pk=person.pk)
        if version is not None and int(version) != current.version:
            raise Conflict(
                _(
                    "Someone else changed this person's data (now version %(v)s). Your text "
                    "is kept below: check it against the current data and save again."
                )
                % {"v": current.version},
                current_version=current.version,
            )
        _apply_person_data(person, data, person.case.registered_on)
        person.version = current.version + 1
        person.save()
        reindex_person(person)
        _event(actor, person.case, "person_updated", person.label)
        record(
            actor,
            "cases.person.update",
            person,
            purpose=purpose,
            case=person.case.code,
            fields=sorted(data),
            version=person.version,
        )
    return person


# --- screening, referral, decision, services, closure ---------------------------------------------


def screen_person(
    actor: Actor,
    person: Person,
    *,
    outcome: str,
    observed: dict[str, str],
    purpose: str,
    notes: str = "",
    indicator_set: IndicatorSet | None = None,
) -> Screening:
    """Record the indicators observed (code → evidence note) and the outcome for one person."""
    case = person.case
    _check_case_scope(actor, case, "case.edit")
    purpose = _require_purpose(purpose)
    if outcome not in Screening.Outcome.values:
        raise ValidationError(_("unknown outcome %(value)r") % {"value": outcome})
    indicator_set = indicator_set or current_indicator_set()
    by_code = {i.code: i for i in indicator_set.indicators.all()}
    unknown = [c for c in observed if c not in by_code]
    if unknown:
        raise ValidationError(
            _("indicator(s) not in set %(set)s: %(codes)s")
            % {"set": indicator_set, "codes": ", ".join(unknown)}
        )
    if outcome == Screening.Outcome.PRESUMED_VICTIM and not observed:
        raise ValidationError(_("a presumed victim needs at least one observed indicator"))
    with transaction.atomic():
        screening = Screening.objects.create(
            person=person,
            indicator_set=indicator_set,
            outcome=outcome,
            notes=notes.strip(),
            screened_by=actor,
        )
        for code, evidence in observed.items():
            ObservedIndicator.objects.create(
                screening=screening, indicator=by_code[code], evidence=(evidence or "").strip()
            )
        if outcome == Screening.Outcome.NOT_A_VICTIM:
            person.trafficking_status = TraffickingStatus.NOT_A_VICTIM
        else:
            person.trafficking_status = TraffickingStatus.POSSIBLE
        person.save(update_fields=["trafficking_status"])
        _advance(case, Case.Status.SCREENED)
        _event(
            actor,
            case,
            "screened",
            f"{person.label}: {screening.get_outcome_display()} "
            f"({len(observed)} / {indicator_set})",
        )
        record(
            actor,
            "cases.person.screen",
            person,
            purpose=purpose,
            case=case.code,
            outcome=outcome,
            indicators=sorted(observed),
            indicator_set=str(indicator_set),
        )
    return screening


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
    to_agency,
    letter_number: str = "",
    letter_date: date | None = None,
    kind: str = Referral.Kind.COMPETENT_AUTHORITY,
    person: Person | None = None,
) -> Referral:
    """Send the case (by letter) to a competent authority, or a person to a service body."""
    _check_case_scope(actor, case, "case.edit")
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
        doc_id = _registry_letter(actor, referral) if referral.letter_number else None
        if doc_id:
            referral.document_id = doc_id
            referral.save(update_fields=["document_id"])
        if kind == Referral.Kind.COMPETENT_AUTHORITY:
            _advance(case, Case.Status.REFERRED)
        _event(
            actor,
            case,
            "referred",
            f"{referral.get_kind_display()} → {to_agency.abbr}"
            + (f" ({referral.letter_number})" if referral.letter_number else ""),
        )
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
            status = {
                Referral.Decision.VICTIM_STATUS_GRANTED: TraffickingStatus.ACTUAL,
                Referral.Decision.CRIMINAL_CASE_OPENED: TraffickingStatus.ACTUAL,
                Referral.Decision.NOT_RECOGNISED: TraffickingStatus.NOT_A_VICTIM,
            }.get(decision)
            if status:
                case.trafficking_status = status
                case.status_decided_by = referral.to_agency
                case.save(update_fields=["trafficking_status", "status_decided_by"])
                decided = case.persons.exclude(trafficking_status=TraffickingStatus.NOT_A_VICTIM)
                if referral.person_id:  # a referral of one person decides for that person only
                    decided = decided.filter(pk=referral.person_id)
                decided.update(trafficking_status=status)
            _advance(case, Case.Status.DECISION_RECEIVED)
        _event(
            actor, case, "decision", f"{referral.to_agency.abbr}: {referral.get_decision_display()}"
        )
        record(
            actor,
            "cases.case.decision",
            case,
            code=case.code,
            decision=decision,
            referral=referral.pk,
        )
    return referral


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
        _event(actor, case, "details", ", ".join(case.exploitation))
        record(actor, "cases.case.details", case, code=case.code, exploitation=case.exploitation)
    return case


def add_service(
    actor: Actor,
    case: Case,
    *,
    type: str,
    start: date,
    provider=None,
    provider_name: str = "",
    end: date | None = None,
    outcome: str = Service.Outcome.ONGOING,
    notes: str = "",
    person: Person | None = None,
) -> Service:
    """A protection service: by the owner, or by a receiving agency that provides it itself to
    a person referred to it."""
    require(actor, "case.service")
    if not permissions.can_provide_service(actor, case, provider=provider, person=person):
        raise PermissionDenied("a receiving agency records only the services it provides")
    if type not in ServiceType.values:
        raise ValidationError(_("unknown service %(value)r") % {"value": type})
    if outcome not in Service.Outcome.values:
        raise ValidationError(_("unknown outcome %(value)r") % {"value": outcome})
    if end and end < start:
        raise ValidationError(_("the service ends before it starts"))
    if provider is None and not provider_name.strip():
        raise ValidationError(_("a service needs a provider"))
    if case.status == Case.Status.CLOSED:
        raise ValidationError(_("the case is closed"))
    if person is not None and person.case_id != case.pk:
        raise ValidationError(_("the person is not in this case"))
    with transaction.atomic():
        service = Service.objects.create(
            case=case,
            type=type,
            start=start,
            end=end,
            outcome=outcome,
            provider=provider,
            provider_name=provider_name.strip(),
            notes=notes.strip(),
            person=person,
        )
        _advance(case, Case.Status.ASSISTANCE)
        _event(
            actor,
            case,
            "service",
            f"{service.get_type_display()} "
            f"({provider.abbr if provider else service.provider_name})",
        )
        record(actor, "cases.case.service", case, code=case.code, service=type, outcome=outcome)
    return service


def update_service(
    actor: Actor,
    service: Service,
    *,
    outcome: str,
    end: date | None = None,
    provider=None,
    provider_name: str = "",
) -> Service:
    """Record how a protection service went on: its end date, outcome and provider."""
    case = service.case
    require(actor, "case.service")
    if not permissions.can_update_service(actor, service):
        raise PermissionDenied("a receiving agency updates only the services it provides")
    if (
        permissions.relation(actor, case) == permissions.RECEIVER
        and getattr(provider, "pk", provider) != actor.agency_id
    ):
        raise PermissionDenied("a receiving agency cannot hand its service to another provider")
    if outcome not in Service.Outcome.values:
        raise ValidationError(_("unknown outcome %(value)r") % {"value": outcome})
    if end and end < service.start:
        raise ValidationError(_("the service ends before it starts"))
    if provider is None and not (provider_name or "").strip():
        raise ValidationError(_("a service needs a provider"))
    if case.status == Case.Status.CLOSED:
        raise ValidationError(_("the case is closed"))
    with transaction.atomic():
        service.outcome = outcome
        service.end = end
        service.provider = provider
        service.provider_name = (provider_name or "").strip()
        service.save(update_fields=["outcome", "end", "provider", "provider_name"])
        _event(
            actor,
            case,
            "service_updated",
            f"{service.get_type_display()}: {service.get_outcome_display()}"
            + (f" ({end.isoformat()})" if end else ""),
        )
        record(
            actor,
            "cases.case.service.update",
            case,
            code=case.code,
            service=str(service.uid),
            type=service.type,
            outcome=outcome,
            end=end.isoformat() if end else None,
        )
    return service


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
        _event(actor, case, "closed", case.get_closure_reason_display())
        record(
            actor,
            "cases.case.close",
            case,
            code=case.code,
            reason=reason,
            retention_until=case.retention_until.isoformat(),
        )
    return case


def transfer_case(actor: Actor, case: Case, *, to_agency, reason: str) -> Case:
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
        _event(actor, case, "transferred", f"{old.abbr} → {to_agency.abbr}")
        record(
            actor,
            "cases.case.transfer",
            case,
            code=case.code,
            reason=reason,
            **{"from": old.abbr, "to": to_agency.abbr},
        )
    return case


# --- retention -------------------------------------------------------------------------------------


def expired_cases(today: date | None = None):
    today = today or timezone.localdate()
    return Case.objects.filter(
        status=Case.Status.CLOSED, retention_until__lt=today, anonymized_at__isnull=True
    ).order_by("retention_until", "id")


def expired_intakes(today: date | None = None):
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
        _event(actor, case, "anonymized", "retention period ended")
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


# --- key rotation ----------------------------------------------------------------------------------

SEALED_MODELS = (Intake, Person, Screening, ObservedIndicator, Service)


def stale_rows(model) -> list[int]:
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


def service_body_for(kind: str):
    """The usual body for a readmitted person's service referral (ƏƏSMN, TƏBİB, ETN)."""
    from ctip.plan.models import Agency

    abbr = SERVICE_REFERRAL_BODIES.get(kind)
    return Agency.objects.filter(abbr=abbr).first() if abbr else None


def ensure_agency(abbr: str):
    """The agency with this abbreviation, created from ctip/reference/organizations.json if absent."""
    from ctip.plan.models import Agency

    agency = plan_selectors.agency_named(abbr)
    if agency:
        return agency
    entry = reference.organization_by_abbr().get(abbr)
    if entry is None:
        raise ValidationError(_("unknown agency %(abbr)s") % {"abbr": abbr})
    parent = ensure_agency(entry["parent"]) if entry.get("parent") else None
    return Agency.objects.create(
        abbr=abbr,
        name_az=entry["name_az"],
        name_en=entry.get("name_en", ""),
        name_ru=entry.get("name_ru", ""),
        kind=entry.get("kind", "government"),
        parent=parent,
        aliases=entry.get("aliases", []),
    )
