"""Recommendations and their status history."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ctip.accounts.types import Actor
from ctip.audit.services import record

from .. import permissions
from ..models import Recommendation, RecommendationStatusChange
from ._common import _require, _set_m2m, _signed_in, _split

RECOMMENDATION_M2M = ("plan_items", "responsible", "activities", "documents")


def create_recommendation(actor: Actor, **fields: Any) -> Recommendation:
    """A new recommendation, recorded by the actor's agency (responsible too, for a focal point)."""
    _require(permissions.can_create(actor))
    actor = _signed_in(actor)
    plain, m2m = _split(fields, RECOMMENDATION_M2M)
    if not permissions.writes_any_agency(actor):
        responsible = list(m2m.get("responsible") or [])
        if actor.agency_id not in {getattr(a, "pk", a) for a in responsible}:
            m2m["responsible"] = [*responsible, actor.agency]
    status = plain.pop("status", Recommendation.Status.OPEN)
    rec = Recommendation(agency=actor.agency, created_by=actor, status=status, **plain)
    rec.full_clean(validate_unique=False, validate_constraints=False)
    with transaction.atomic():
        rec.save()
        _set_m2m(rec, m2m)
        RecommendationStatusChange.objects.create(
            recommendation=rec, from_status="", to_status=status, actor=actor, note=""
        )
        record(actor, "records.recommendation.create", rec, source=rec.source, status=status)
    return rec


def update_recommendation(actor: Actor, rec: Recommendation, **fields: Any) -> Recommendation:
    """Edit what a recommendation says and what answers it (status has its own verb)."""
    _require(permissions.can_edit(actor, rec))
    plain, m2m = _split(fields, RECOMMENDATION_M2M)
    plain.pop("status", None)
    for key, value in plain.items():
        setattr(rec, key, value)
    rec.full_clean(validate_unique=False, validate_constraints=False)
    with transaction.atomic():
        rec.save()
        _set_m2m(rec, m2m)
        record(actor, "records.recommendation.update", rec, fields=sorted(fields))
    return rec


def change_recommendation_status(
    actor: Actor, rec: Recommendation, *, status: str, note: str = ""
) -> Recommendation:
    _require(permissions.can_edit(actor, rec))
    if status not in Recommendation.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    if status == rec.status:
        return rec
    with transaction.atomic():
        rec = Recommendation.objects.select_for_update().get(pk=rec.pk)
        RecommendationStatusChange.objects.create(
            recommendation=rec, from_status=rec.status, to_status=status, actor=actor, note=note
        )
        old, rec.status = rec.status, status
        rec.save(update_fields=["status", "updated"])
        record(actor, "records.recommendation.status", rec, from_status=old, to_status=status)
    return rec
