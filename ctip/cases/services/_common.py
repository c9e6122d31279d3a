"""What every cases service shares: the retention period, the purpose of processing,
the scope check, the case's events and its forward-only status."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import TextChoices
from django.utils.translation import gettext as _

from ctip.accounts.types import Actor

from .. import permissions
from ..models import Case, CaseEvent
from ..permissions import require

DEFAULT_RETENTION_DAYS = 5 * 365
STATUS_ORDER = [s.value for s in Case.Status]


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


def _event(actor: Actor, case: Case, kind: str, /, **data: str | int | list[str]) -> None:
    """A line on the case's timeline: what happened as codes and numbers (never names or dates of
    birth), put into words in the reader's language when shown (ctip.core.display.event_text)."""
    CaseEvent.objects.create(
        case=case, actor=actor if getattr(actor, "pk", None) else None, kind=kind, data=data
    )


def _advance(case: Case, status: str) -> None:
    """Move the case forward (never backwards, never out of closed)."""
    if case.status == Case.Status.CLOSED:
        return
    if STATUS_ORDER.index(status) > STATUS_ORDER.index(case.status):
        case.status = status
        case.save(update_fields=["status"])


def _choices(values: Iterable[str] | None, allowed: type[TextChoices]) -> list[str]:
    """The distinct non-empty values, each one of `allowed`'s."""
    values = list(dict.fromkeys(v for v in values or [] if v))
    bad = [v for v in values if v not in allowed.values]
    if bad:
        raise ValidationError(_("unknown value(s): %(values)s") % {"values": ", ".join(bad)})
    return values
