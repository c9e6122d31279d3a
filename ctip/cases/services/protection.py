"""The protection services a case's persons receive: added, then updated as they go on."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ctip.accounts.types import Actor
from ctip.audit.services import record
from ctip.plan.models import Agency

from .. import permissions
from ..models import Case, Person, Service, ServiceType
from ..permissions import require
from ._common import _advance, _event


def add_service(
    actor: Actor,
    case: Case,
    *,
    type: str,
    start: date,
    provider: Agency | None = None,
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
    _check_service(case, outcome, start=start, end=end, provider=provider, name=provider_name)
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
        _event(actor, case, "service", **_service_data(service))
        record(actor, "cases.case.service", case, code=case.code, service=type, outcome=outcome)
    return service


def update_service(
    actor: Actor,
    service: Service,
    *,
    outcome: str,
    end: date | None = None,
    provider: Agency | None = None,
    provider_name: str = "",
) -> Service:
    """Record how a protection service went on: its end date, outcome and provider."""
    case = service.case
    require(actor, "case.service")
    if not permissions.can_update_service(actor, service):
        raise PermissionDenied("a receiving agency updates only the services it provides")
    if permissions.relation(actor, case) == permissions.RECEIVER and getattr(
        provider, "pk", provider
    ) != getattr(actor, "agency_id", None):
        raise PermissionDenied("a receiving agency cannot hand its service to another provider")
    _check_service(
        case, outcome, start=service.start, end=end, provider=provider, name=provider_name
    )
    with transaction.atomic():
        service.outcome = outcome
        service.end = end
        service.provider = provider
        service.provider_name = (provider_name or "").strip()
        service.save(update_fields=["outcome", "end", "provider", "provider_name"])
        _event(actor, case, "service_updated", **_progress_data(service))
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


def _check_service(
    case: Case, outcome: str, *, start: date, end: date | None, provider: Agency | None, name: str
) -> None:
    """A known outcome, an end not before the start, a provider (an agency or a name) and an
    open case."""
    if outcome not in Service.Outcome.values:
        raise ValidationError(_("unknown outcome %(value)r") % {"value": outcome})
    if end and end < start:
        raise ValidationError(_("the service ends before it starts"))
    if provider is None and not (name or "").strip():
        raise ValidationError(_("a service needs a provider"))
    if case.status == Case.Status.CLOSED:
        raise ValidationError(_("the case is closed"))


def _service_data(service: Service) -> dict[str, str]:
    """The case event's data for a new service: its type and provider (the agency's abbreviation,
    or the name of a provider the registry does not know, as entered)."""
    provider = service.provider
    return {
        "service": service.type,
        "provider": provider.abbr if provider else service.provider_name,
    }


def _progress_data(service: Service) -> dict[str, str]:
    """The case event's data for a service's progress: its outcome and end date."""
    end = service.end
    return {
        "service": service.type,
        "outcome": service.outcome,
        "end": end.isoformat() if end else "",
    }
