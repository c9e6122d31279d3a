"""Reporting obligations: which agency owes a report on which sub-item for which period, by when.

Computed, not stored, so they always follow the catalogue: every executor of a sub-item owes a
report for every period of the plan that the sub-item's deadline reaches (a year, quarter or range
that meets the period; every period for "every year", "continuous" and deadlines kept as text),
while the sub-item is in the plan (from the version that added it until the one that removed it).
Executors "by agreement" owe only when the plan says so. The report is due `report_due_days`
after the period ends (20 days: "by 20 January for the previous year"). The coordinator's
"not applicable" (an `ObligationWaiver`) settles an obligation with a reason.

A submitted or approved report fulfils the obligation; a draft or returned one does not yet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from ..models import (
    ActionPlan,
    ItemExecutor,
    ItemReport,
    ObligationWaiver,
    PlanItem,
    ReportingPeriod,
)

RECEIVED = ("submitted", "approved")
STATES = ("received", "in_progress", "missing", "waived")


@dataclass(frozen=True, slots=True)
class Obligation:
    item_id: int
    item_code: str
    agency_id: int
    agency_abbr: str
    period_id: int
    period_code: str
    due: dt.date
    by_agreement: bool
    report_id: int | None = None
    report_status: str | None = None
    waiver_reason: str | None = None

    @property
    def state(self) -> str:
        """received, in_progress (a draft or returned report), missing or waived."""
        if self.waiver_reason is not None:
            return "waived"
        if self.report_status in RECEIVED:
            return "received"
        return "in_progress" if self.report_status else "missing"

    def overdue(self, today: dt.date) -> bool:
        return self.state in ("missing", "in_progress") and self.due < today


def due_date(plan: ActionPlan, period: ReportingPeriod) -> dt.date:
    return period.end + dt.timedelta(days=plan.report_due_days)


def _in_plan(item: PlanItem, start: dt.date, end: dt.date) -> bool:
    """The item belongs to the plan during [start, end] (amendments date its arrival and exit)."""
    added = item.added_in.act_date if item.added_in_id and item.added_in.number > 1 else None
    removed = item.removed_in.act_date if item.removed_in_id else None
    if item.removed_in_id and removed is None:
        return False
    return (added is None or added <= end) and (removed is None or start < removed)


def _reaches(item: PlanItem, start: dt.date, end: dt.date) -> bool:
    if item.deadline_start is None or item.deadline_end is None:
        return True
    return item.deadline_start <= end and start <= item.deadline_end


def owed_periods(item: PlanItem, periods: Iterable[ReportingPeriod]) -> list[ReportingPeriod]:
    return [p for p in periods if _reaches(item, p.start, p.end) and _in_plan(item, p.start, p.end)]


def obligations(
    plan: ActionPlan,
    *,
    periods: Iterable[ReportingPeriod] | None = None,
    agency_ids: Iterable[int] | None = None,
    item_ids: Iterable[int] | None = None,
) -> list[Obligation]:
    """Every obligation of the plan (optionally of some periods, agencies or items), in plan
    order, each with its report's status and waiver. A handful of queries, none per row."""
    periods = list(periods) if periods is not None else list(plan.periods.all())
    item_ids = list(item_ids) if item_ids is not None else None
    by_item = _executors_by_item(plan, agency_ids, item_ids)
    if not by_item or not periods:
        return []
    items = _owing_items(plan, item_ids, by_item)
    reports, waivers = _reports_and_waivers(plan, periods, by_item)
    out = []
    for item in items:
        for period in owed_periods(item, periods):
            for agency_id, abbr, agreed in by_item[item.pk]:
                key = (item.pk, agency_id, period.pk)
                rid, status = reports.get(key, (None, None))
                out.append(
                    Obligation(
                        item.pk,
                        item.code,
                        agency_id,
                        abbr,
                        period.pk,
                        period.code,
                        due_date(plan, period),
                        agreed,
                        rid,
                        status,
                        waivers.get(key),
                    )
                )
    return out


def _owing_items(plan: ActionPlan, item_ids: list[int] | None, by_item: dict) -> list[PlanItem]:
    """The plan's sub-items (of `item_ids` when given) that have executors, in plan order."""
    items = PlanItem.objects.filter(plan=plan, level=3).select_related("added_in", "removed_in")
    if item_ids is not None:
        items = items.filter(pk__in=item_ids)
    return [i for i in items.order_by("sort_key") if i.pk in by_item]


def _executors_by_item(plan, agency_ids, item_ids) -> dict[int, list[tuple[int, str, bool]]]:
    """{item id: [(agency id, abbreviation, by agreement)]} of the executors that owe reports."""
    executors = ItemExecutor.objects.filter(item__plan=plan, item__level=3)
    if not plan.by_agreement_owes:
        executors = executors.filter(by_agreement=False)
    if item_ids is not None:
        executors = executors.filter(item_id__in=item_ids)
    if agency_ids is not None:
        executors = executors.filter(agency_id__in=list(agency_ids))
    by_item: dict[int, list] = {}
    for item_id, agency_id, abbr, agreed in executors.values_list(
        "item_id", "agency_id", "agency__abbr", "by_agreement"
    ):
        by_item.setdefault(item_id, []).append((agency_id, abbr, agreed))
    return by_item


def _reports_and_waivers(plan, periods, by_item) -> tuple[dict, dict]:
    period_ids = [p.pk for p in periods]
    agency_ids = {a for rows in by_item.values() for a, _b, _c in rows}
    reports = {
        (i, a, p): (rid, st)
        for rid, i, a, p, st in ItemReport.objects.filter(
            period_id__in=period_ids, item_id__in=list(by_item), agency_id__in=agency_ids
        )
        .order_by()
        .values_list("id", "item_id", "agency_id", "period_id", "status")
    }
    waivers = {
        (i, a, p): reason
        for i, a, p, reason in ObligationWaiver.objects.filter(
            period_id__in=period_ids, item_id__in=list(by_item)
        ).values_list("item_id", "agency_id", "period_id", "reason")
    }
    return reports, waivers


def non_executor_reports(plan: ActionPlan, *, period: ReportingPeriod | None = None):
    """Reports by an agency that is not an executor of their sub-item (accepted, and flagged for
    the coordinator), on sub-items that have executors at all."""
    named = ItemExecutor.objects.filter(item_id=OuterRef("item_id"))
    qs = ItemReport.objects.filter(Exists(named), item__plan=plan).exclude(
        Exists(named.filter(agency_id=OuterRef("agency_id")))
    )
    if period is not None:
        qs = qs.filter(period=period)
    return list(
        qs.select_related("item", "agency", "period").order_by("item__sort_key", "agency__abbr")
    )
