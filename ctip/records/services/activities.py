"""Activities (trainings, events) with their participants."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ctip.accounts.types import Actor
from ctip.audit.services import record
from ctip.plan.models import Agency

from .. import permissions
from ..models import Activity, ActivityParticipation
from ._common import _require, _set_m2m, _split

# The participants by agency: agency (or agency_name), women, men, total.
Participations = list[dict[str, Any]]
ACTIVITY_M2M = ("organisers", "partners", "plan_items", "documents", "topics")


def _check_activity(activity: Activity, participations: Participations | None) -> None:
    activity.full_clean(validate_unique=False, validate_constraints=False)
    if participations is not None:
        total = sum(p.get("total") or 0 for p in participations)
        for p in participations:
            if (p.get("women") or 0) + (p.get("men") or 0) > (p.get("total") or 0):
                raise ValidationError({"participations": _("A total is smaller than women + men.")})
        if (
            participations
            and activity.number_trained is not None
            and activity.number_trained > total
        ):
            raise ValidationError(
                {
                    "number_trained": _(
                        "The number trained (%(n)s) cannot exceed the participants' total (%(t)s)."
                    )
                    % {"n": activity.number_trained, "t": total}
                }
            )


def _save_participations(activity: Activity, participations: Participations | None) -> None:
    if participations is None:
        return
    activity.participations.all().delete()
    ActivityParticipation.objects.bulk_create(
        [
            ActivityParticipation(
                activity=activity,
                agency=p.get("agency"),
                agency_name=p.get("agency_name") or "",
                women=p.get("women") or 0,
                men=p.get("men") or 0,
                total=p.get("total") or 0,
            )
            for p in participations
        ]
    )


def create_activity(
    actor: Actor,
    *,
    agency: Agency,
    participations: Participations | None = None,
    **fields: Any,
) -> Activity:
    """A new activity of `agency` with its links and its participants by agency."""
    _require(permissions.can_write_for(actor, agency))
    plain, m2m = _split(fields, ACTIVITY_M2M)
    activity = Activity(agency=agency, created_by=actor, **plain)
    _check_activity(activity, participations)
    with transaction.atomic():
        activity.save()
        _set_m2m(activity, m2m)
        _save_participations(activity, participations)
        record(actor, "records.activity.create", activity, kind=activity.kind)
    return activity


def update_activity(
    actor: Actor, activity: Activity, *, participations: Participations | None = None, **fields: Any
) -> Activity:
    """Change an activity; participants are replaced when given, else checked as they are."""
    _require(permissions.can_edit(actor, activity))
    plain, m2m = _split(fields, ACTIVITY_M2M)
    for key, value in plain.items():
        setattr(activity, key, value)
    if participations is None and activity.number_trained is not None:
        participations_check: Participations | None = [
            {"women": p.women, "men": p.men, "total": p.total}
            for p in activity.participations.all()
        ]
    else:
        participations_check = participations
    _check_activity(activity, participations_check)
    with transaction.atomic():
        activity.save()
        _set_m2m(activity, m2m)
        _save_participations(activity, participations)
        record(actor, "records.activity.update", activity, fields=sorted(fields))
    return activity
