"""Screening a person against the current indicator set."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ctip.accounts.types import Actor
from ctip.audit.services import record

from ..models import (
    Case,
    Indicator,
    IndicatorSet,
    ObservedIndicator,
    Person,
    Screening,
    TraffickingStatus,
)
from ._common import _advance, _check_case_scope, _event, _require_purpose
from .indicators import current_indicator_set


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
    if case is None:
        raise ValidationError(_("the person is not in a case yet"))
    _check_case_scope(actor, case, "case.edit")
    purpose = _require_purpose(purpose)
    if outcome not in Screening.Outcome.values:
        raise ValidationError(_("unknown outcome %(value)r") % {"value": outcome})
    indicator_set = indicator_set or current_indicator_set()
    by_code = _indicators_by_code(indicator_set, outcome, observed)
    with transaction.atomic():
        screening = _save_screening(actor, person, indicator_set, by_code, outcome, observed, notes)
        _advance(case, Case.Status.SCREENED)
        _event(
            actor, case, "screened", person=person.label, outcome=outcome, indicators=len(observed)
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


def _indicators_by_code(
    indicator_set: IndicatorSet, outcome: str, observed: dict[str, str]
) -> dict[str, Indicator]:
    """The set's indicators by code, once every observed code is in the set and a presumed
    victim has at least one."""
    by_code = {i.code: i for i in indicator_set.indicators.all()}
    unknown = [c for c in observed if c not in by_code]
    if unknown:
        raise ValidationError(
            _("indicator(s) not in set %(set)s: %(codes)s")
            % {"set": indicator_set, "codes": ", ".join(unknown)}
        )
    if outcome == Screening.Outcome.PRESUMED_VICTIM and not observed:
        raise ValidationError(_("a presumed victim needs at least one observed indicator"))
    return by_code


def _save_screening(
    actor: Actor,
    person: Person,
    indicator_set: IndicatorSet,
    by_code: dict[str, Indicator],
    outcome: str,
    observed: dict[str, str],
    notes: str,
) -> Screening:
    """The screening with its observed indicators; the person becomes a possible victim, or not
    a victim."""
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
    return screening
