"""Writes of the plan's catalogue: the current plan and its reporting rule, sub-item edits,
"not applicable" obligations, indicators and their values, links to the previous plan.

Every function takes the acting user first (None only for an operator's command), refuses with
Django's PermissionDenied / ValidationError, runs in one transaction and leaves an audit entry
(ctip.audit) naming what changed — the item's history is read from those entries.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from ctip.accounts.types import Actor
from ctip.audit.services import record
from ctip.azlang import lower as az_lower
from ctip.azlang.deadlines import parse_deadline
from ctip.extraction.executors import parse_executors

from .. import permissions
from ..models import (
    ActionPlan,
    Agency,
    Fact,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    ItemLink,
    ItemReport,
    ObligationWaiver,
    PlanItem,
    ReportingPeriod,
)
from ..services import item_search_text
from ..signals import indicator_suggestions
from .importer import set_executors

if TYPE_CHECKING:
    from ctip.accounts.models import User

LANGS = ("az", "en", "ru")


def _require_coordinator(actor: User | None) -> None:
    if actor is not None and not permissions.can_edit_catalogue(actor):
        raise PermissionDenied(_("Only the national coordinator's office may change the plan."))


def _user(actor: User | None) -> User | None:
    return actor if getattr(actor, "pk", None) else None


# --- the plan ---------------------------------------------------------------------------------


def update_plan_settings(
    actor: User | None,
    plan: ActionPlan,
    *,
    report_due_days: int,
    by_agreement_owes: bool,
    previous: ActionPlan | None = None,
) -> ActionPlan:
    """The plan's reporting rule (due N days after a period ends; whether executors "by agreement"
    owe reports) and the plan it continues."""
    _require_coordinator(actor)
    if not 0 <= int(report_due_days) <= 366:
        raise ValidationError({"report_due_days": _("Give a number of days from 0 to 366.")})
    if previous is not None and previous.pk == plan.pk:
        raise ValidationError({"previous": _("A plan cannot continue itself.")})
    new = {
        "report_due_days": int(report_due_days),
        "by_agreement_owes": bool(by_agreement_owes),
        "previous_id": previous.pk if previous else None,
    }
    changed = {k: [getattr(plan, k), v] for k, v in new.items() if getattr(plan, k) != v}
    if not changed:
        return plan
    with transaction.atomic():
        for k, v in new.items():
            setattr(plan, k, v)
        plan.save(update_fields=list(new))
        record(actor, "plan.plan.settings", plan, purpose="reporting rule changed", **changed)
    return plan


# --- directions and sub-items -----------------------------------------------------------------


def _item_values(item: PlanItem) -> dict:
    values = {f"title_{lang}": getattr(item, f"title_{lang}") for lang in LANGS}
    if item.level == 3:
        values.update(
            deadline=item.deadline,
            expected_result=item.expected_result,
            executors=[
                [ex.agency.abbr, ex.by_agreement] for ex in item.executors.select_related("agency")
            ],
            executors_text=item.executors_text,
        )
    return values


def edit_item(
    actor: User | None,
    item: PlanItem,
    *,
    titles: dict[str, str],
    deadline: str | None = None,
    expected_result: str | None = None,
    executors_text: str | None = None,
) -> PlanItem:
    """Edit a direction's titles, or a sub-item's titles, deadline, expected result and
    executors (written as the plan writes them and read like the plan's document). The audit
    entry keeps each changed field's old and new value."""
    _require_coordinator(actor)
    titles = {lang: (titles.get(lang) or "").strip() for lang in LANGS}
    if not titles["az"]:
        raise ValidationError({"title_az": _("The Azerbaijani title is required.")})
    executors = _executors(executors_text) if executors_text is not None else None
    with transaction.atomic():
        item = PlanItem.objects.select_for_update().get(pk=item.pk)
        before = _item_values(item)
        _set_titles(item, titles)
        if item.level == 3:
            _set_sub_item_fields(item, deadline, expected_result)
            if executors is not None and executors_text is not None:
                item.executors_text = " ".join(executors_text.split())
                item.other_executors = executors[1]
        item.search_text = item_search_text(item)
        item.save()
        if item.level == 3 and executors is not None:
            set_executors(item, executors[0])
        after = _item_values(item)
        changed = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
        if changed:
            record(actor, "plan.item.edited", item, purpose="plan catalogue edited", **changed)
    return item


def _executors(text: str) -> tuple[list[tuple[Agency, bool, str]], list[dict]]:
    """The executors written in `text`, read as in the plan's document: (agencies, others)."""
    entries = parse_executors(text)
    abbrs = {e.abbr for e in entries if e.abbr}
    agencies = {a.abbr: a for a in Agency.objects.filter(abbr__in=abbrs)}
    named, other = [], []
    for e in entries:
        if e.kind == "agency" and e.abbr in agencies:
            named.append((agencies[e.abbr], e.by_agreement, e.name))
        else:
            kind = e.kind if e.kind != "agency" else "unknown"
            other.append({"kind": kind, "text": e.text, "by_agreement": e.by_agreement})
    return named, other


def _set_titles(item: PlanItem, titles: dict[str, str]) -> None:
    if titles["en"] != item.title_en or titles["ru"] != item.title_ru:
        item.translation_review = False
    elif titles["az"] != item.title_az and (item.title_en or item.title_ru):
        item.translation_review = True
    item.title_az, item.title_en, item.title_ru = titles["az"], titles["en"], titles["ru"]


def _set_sub_item_fields(item: PlanItem, deadline: str | None, expected_result: str | None) -> None:
    if deadline is not None:
        text = " ".join(deadline.split())
        parsed = parse_deadline(text)
        item.deadline = text[:300]
        item.deadline_kind = parsed.kind if text else ""
        item.deadline_start, item.deadline_end = parsed.start, parsed.end
    if expected_result is not None:
        item.expected_result = expected_result.strip()


# --- obligations ------------------------------------------------------------------------------


def waive_obligation(
    actor: User | None, item: PlanItem, agency: Agency, period: ReportingPeriod, *, reason: str
) -> ObligationWaiver:
    """Mark an agency's report on a sub-item for a period "not applicable", with a reason."""
    _require_coordinator(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the report is not applicable.")})
    if period.plan_id != item.plan_id:
        raise ValidationError({"period": _("The period belongs to another plan.")})
    with transaction.atomic():
        waiver, _created = ObligationWaiver.objects.update_or_create(
            item=item, agency=agency, period=period, defaults={"reason": reason, "by": _user(actor)}
        )
        record(
            actor,
            "plan.obligation.waived",
            item,
            purpose="report marked not applicable",
            agency=agency.abbr,
            period=period.code,
            reason=reason[:500],
        )
    return waiver


def restore_obligation(
    actor: User | None, item: PlanItem, agency: Agency, period: ReportingPeriod
) -> None:
    """Undo a "not applicable": the report is owed again."""
    _require_coordinator(actor)
    with transaction.atomic():
        deleted, _n = ObligationWaiver.objects.filter(
            item=item, agency=agency, period=period
        ).delete()
        if deleted:
            record(
                actor,
                "plan.obligation.restored",
                item,
                purpose="report owed again",
                agency=agency.abbr,
                period=period.code,
            )


# --- indicators -------------------------------------------------------------------------------


def save_indicator(
    actor: User | None,
    item: PlanItem,
    indicator: Indicator | None = None,
    *,
    names: dict[str, str],
    unit: str,
    baseline: Decimal | None = None,
    baseline_year: int | None = None,
    source: str = Indicator.Source.MANUAL,
    targets: dict[int, Decimal | None] | None = None,
) -> Indicator:
    """Create or edit a sub-item's indicator with its target per year (None removes a year)."""
    _require_coordinator(actor)
    if not (names.get("az") or "").strip() or not unit.strip():
        raise ValidationError(_("An indicator needs an Azerbaijani name and a unit."))
    if source not in Indicator.Source.values:
        raise ValidationError({"source": _("Unknown source.")})
    with transaction.atomic():
        indicator = indicator or Indicator(item=item, position=item.indicators.count())
        created = indicator.pk is None
        for lang in LANGS:
            setattr(indicator, f"name_{lang}", (names.get(lang) or "").strip())
        indicator.unit, indicator.source = unit.strip(), source
        indicator.baseline, indicator.baseline_year = baseline, baseline_year
        indicator.save()
        _set_targets(indicator, targets or {})
        record(
            actor,
            "plan.indicator.created" if created else "plan.indicator.edited",
            item,
            purpose="plan indicator",
            indicator=indicator.pk,
            name=indicator.name_az,
            targets={str(t.year): str(t.value) for t in indicator.targets.all()},
        )
    return indicator


def _set_targets(indicator: Indicator, targets: dict[int, Decimal | None]) -> None:
    for year, value in targets.items():
        if value is None:
            indicator.targets.filter(year=year).delete()
        else:
            IndicatorTarget.objects.update_or_create(
                indicator=indicator, year=year, defaults={"value": value}
            )


def delete_indicator(actor: User | None, indicator: Indicator) -> None:
    _require_coordinator(actor)
    with transaction.atomic():
        record(
            actor,
            "plan.indicator.deleted",
            indicator.item,
            purpose="plan indicator",
            indicator=indicator.pk,
            name=indicator.name_az,
        )
        indicator.delete()


def suggestions_for(
    indicator: Indicator, period: ReportingPeriod, agency: Agency | None, user: User | None = None
) -> list[dict]:
    """What ctip's facts, records and cases suggest for one period's value: [{key, value, note}].
    Shown with their source; never saved unless a person accepts one (`record_indicator_value`)."""
    out = _fact_suggestions(indicator, period, agency, user)
    for _receiver, answer in indicator_suggestions.send(
        sender=Indicator, indicator=indicator, period=period, agency=agency, user=user
    ):
        out += answer or []  # type: ignore[arg-type]  # the stub types a receiver's answer str
    return out


def _fact_suggestions(
    indicator: Indicator, period: ReportingPeriod, agency: Agency | None, user: User | None
) -> list[dict]:
    """Quantities counted in the indicator's unit (`35 nəfər`) in the agency's report on the
    sub-item for the period, one suggestion each, quoting the report."""
    if agency is None:
        return []
    unit = az_lower(indicator.unit.strip())
    facts = Fact.objects.filter(
        Q(report__in=ItemReport.objects.filter(permissions.visible_q(user)))
        if user is not None
        else Q(),
        report__item=indicator.item,
        report__period=period,
        report__agency=agency,
        type=Fact.Type.QUANTITY,
    ).order_by("start")[:20]
    return [
        {
            "key": f"facts:{f.pk}",
            "value": f.data.get("value"),
            "note": _("Report of %(agency)s for %(period)s: “%(text)s”")
            % {"agency": agency.abbr, "period": period.code, "text": f.text},
        }
        for f in facts
        if az_lower(str(f.data.get("unit") or "")) == unit and f.data.get("value") is not None
    ][:5]


def _accepted(
    actor: Actor,
    indicator: Indicator,
    period: ReportingPeriod,
    agency: Agency,
    value: Decimal,
    key: str,
) -> tuple[str, str]:
    """(source, note) of a value: "suggested" with the suggestion's note when the person accepted
    suggestion `key` as it stands; "entered" (with the note, if they changed the figure)."""
    if not key:
        return IndicatorValue.Source.ENTERED, ""
    found = [s for s in suggestions_for(indicator, period, agency, actor) if s["key"] == key]
    if not found:
        raise ValidationError(_("The suggestion is no longer there; reload the page."))
    same = Decimal(str(found[0]["value"])) == value
    source = IndicatorValue.Source.SUGGESTED if same else IndicatorValue.Source.ENTERED
    return source, found[0]["note"][:500]


def record_indicator_value(
    actor: User | None,
    indicator: Indicator,
    *,
    period: ReportingPeriod,
    agency: Agency,
    value: Decimal,
    suggestion: str = "",
) -> IndicatorValue:
    """Save one period's value, entered by the reporting agency (or the coordinator's office).
    `suggestion` names the accepted suggestion; its source is kept with the value."""
    _check_indicator_value(actor, indicator, period, agency, value)
    source, note = _accepted(actor, indicator, period, agency, value, suggestion)
    with transaction.atomic():
        row, _created = IndicatorValue.objects.update_or_create(
            indicator=indicator,
            period=period,
            agency=agency,
            defaults={
                "value": value,
                "source": source,
                "source_note": note,
                "entered_by": _user(actor),
            },
        )
        record(
            actor,
            "plan.indicator.value",
            indicator.item,
            purpose="indicator value",
            indicator=indicator.pk,
            period=period.code,
            agency=agency.abbr,
            value=str(value),
            source=source,
        )
    return row


def _check_indicator_value(
    actor: User | None,
    indicator: Indicator,
    period: ReportingPeriod,
    agency: Agency,
    value: Decimal,
) -> None:
    """Refuse a value from someone else than the reporting agency or the coordinator's office,
    for a period of another plan, or below zero."""
    executors = set(indicator.item.executors.values_list("agency_id", flat=True))
    if actor is not None and not permissions.can_enter_indicator_value(actor, executors, agency):
        raise PermissionDenied(_("Only the reporting agency or the coordinator enter this value."))
    if period.plan_id != indicator.item.plan_id:
        raise ValidationError({"period": _("The period belongs to another plan.")})
    if value is None or value < 0:
        raise ValidationError({"value": _("Give a value of zero or more.")})


# --- continuity -------------------------------------------------------------------------------


def link_items(
    actor: User | None, item: PlanItem, previous: PlanItem, *, similarity: float = 0.0
) -> ItemLink:
    """Confirm that `item` continues `previous`, a sub-item of an earlier plan."""
    _require_coordinator(actor)
    if previous.plan_id == item.plan_id:
        raise ValidationError(_("Both sub-items are in the same plan."))
    with transaction.atomic():
        link, _created = ItemLink.objects.get_or_create(
            item=item,
            previous=previous,
            defaults={"similarity": similarity, "confirmed_by": _user(actor)},
        )
        record(
            actor,
            "plan.item.linked",
            item,
            purpose="crosswalk between plans",
            previous=f"{previous.plan.code} {previous.code}",
        )
    return link


def unlink_items(actor: User | None, link: ItemLink) -> None:
    _require_coordinator(actor)
    with transaction.atomic():
        record(
            actor,
            "plan.item.unlinked",
            link.item,
            purpose="crosswalk between plans",
            previous=f"{link.previous.plan.code} {link.previous.code}",
        )
        link.delete()
