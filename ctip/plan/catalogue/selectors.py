"""Reads of the plan's catalogue that the pages and the API share; none issues a query per row."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ctip.audit.models import AuditEntry

from .. import permissions
from ..models import (
    ActionPlan,
    Agency,
    Indicator,
    IndicatorValue,
    ItemExecutor,
    ItemLink,
    PlanItem,
    PlanVersion,
    ReportingPeriod,
)
from ..text import stem_key, words
from .obligations import Obligation, obligations

if TYPE_CHECKING:
    from ctip.accounts.models import User
    from ctip.accounts.types import AnyUser

DUE_SOON_DAYS = 30


def plan_for(user: User, pk: int) -> ActionPlan:
    if not permissions.can_read_catalogue(user):
        raise Http404
    return get_object_or_404(ActionPlan, pk=pk)


def default_plan() -> ActionPlan | None:
    """The coordinator's current plan, else the latest."""
    return ActionPlan.objects.order_by("-is_current", "-start_year", "code").first()


def catalogue(plan: ActionPlan, *, with_removed: bool = False) -> list[PlanItem]:
    """Directions and sub-items in plan order, each with its executors and indicators."""
    qs = PlanItem.objects.filter(plan=plan).prefetch_related(
        Prefetch("executors", queryset=ItemExecutor.objects.select_related("agency")),
        Prefetch("indicators", queryset=Indicator.objects.prefetch_related("targets")),
    )
    if not with_removed:
        qs = qs.filter(removed_in__isnull=True)
    return list(qs.select_related("removed_in").order_by("sort_key"))


def item_for(user: User, pk: int) -> PlanItem:
    if not permissions.can_read_catalogue(user):
        raise Http404
    return get_object_or_404(
        PlanItem.objects.select_related("plan", "parent", "removed_in", "added_in"), pk=pk
    )


def translation_todo(plan: ActionPlan) -> list[PlanItem]:
    """Directions and sub-items whose English or Russian title is missing or to be reviewed."""
    return list(
        PlanItem.objects.filter(plan=plan, level__gte=2, removed_in__isnull=True)
        .filter(Q(title_en="") | Q(title_ru="") | Q(translation_review=True))
        .order_by("sort_key")
        .only("id", "code", "level", "title_az", "title_en", "title_ru", "translation_review")
    )


def unresolved_executors(plan: ActionPlan) -> list[tuple[PlanItem, str]]:
    """Executors named in the document that are not agencies of the reference list."""
    out = []
    for item in PlanItem.objects.filter(plan=plan, level=3, removed_in__isnull=True).exclude(
        other_executors=[]
    ):
        out += [(item, o["text"]) for o in item.other_executors if o.get("kind") == "unknown"]
    return out


@dataclass
class HistoryEntry:
    at: dt.datetime | dt.date | None
    who: str
    action: str  # an audit action ("plan.item.edited") or "version:added|changed|removed"
    changes: list[tuple[str, object, object]]  # (field, before, after)
    notes: list[tuple[str, object]]


def item_history(item: PlanItem) -> list[HistoryEntry]:
    """The item's changes, newest first: each version of the plan that touched it (with the act
    and the fields it changed) and each audited edit, waiver, link and indicator change."""
    out: list[HistoryEntry] = []
    changes: list[tuple[str, object, object]]
    notes: list[tuple[str, object]]
    for v in PlanVersion.objects.filter(plan_id=item.plan_id).select_related("created_by"):
        for change in v.changes:
            if change["code"] == item.code:
                fields = [(k, old, new) for k, (old, new) in change.get("fields", {}).items()]
                notes = [("version", v.number), ("act_date", v.act_date)]
                who = v.created_by.username if v.created_by is not None else "system"
                out.append(
                    HistoryEntry(v.created, who, f"version:{change['change']}", fields, notes)
                )
    entries = AuditEntry.objects.filter(object_type="plan.planitem", object_id=str(item.pk))
    for e in entries.order_by("id"):
        if e.action == "plan.item.edited":
            changes, notes = [(k, v[0], v[1]) for k, v in e.details.items()], []
        else:
            changes, notes = [], list(e.details.items())
        out.append(HistoryEntry(e.at, e.actor_name, e.action, changes, notes))
    return sorted(out, key=lambda h: _when(h.at), reverse=True)


def _when(value: dt.datetime | dt.date | None) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return timezone.make_aware(dt.datetime.combine(value or dt.date.min, dt.time()))


# --- obligations ------------------------------------------------------------------------------


def _masked(user: User | None, rows: list[Obligation]) -> list[Obligation]:
    """A draft of another agency is invisible to a focal point: its obligation reads as missing."""
    if user is None or permissions.sees_all_drafts(user):
        return rows
    own = getattr(user, "agency_id", None)
    return [
        replace(o, report_id=None, report_status=None)
        if o.report_status in permissions.OPEN_STATUSES and o.agency_id != own
        else o
        for o in rows
    ]


def obligation_rows(
    user: User | None,
    plan: ActionPlan,
    *,
    period: ReportingPeriod | None = None,
    agency: Agency | None = None,
    state: str | None = None,
    today: dt.date | None = None,
) -> list[Obligation]:
    """Obligations of a plan (one period, one agency), optionally in one state, where the state
    "overdue" means owed, not yet received and past its due date."""
    today = today or timezone.localdate()
    rows = obligations(
        plan,
        periods=[period] if period is not None else None,
        agency_ids=[agency.pk] if agency is not None else None,
    )
    rows = _masked(user, rows)
    if state == "overdue":
        return [o for o in rows if o.overdue(today)]
    if state:
        return [o for o in rows if o.state == state]
    return rows


def overdue_obligations(
    *, today: dt.date | None = None, plan: ActionPlan | None = None, agency: Agency | None = None
) -> list[Obligation]:
    """Reports owed and overdue (for the reminders): of `plan`, else of the current plan."""
    plan = plan or default_plan()
    if plan is None:
        return []
    return obligation_rows(None, plan, agency=agency, state="overdue", today=today)


def due_obligations(
    user: User, *, agency: Agency | None = None, today: dt.date | None = None
) -> list[tuple[Obligation, str]]:
    """The due list's plan part: reports owed and not yet received whose due date has passed or
    comes within DUE_SOON_DAYS, with "overdue"/"soon". A focal point sees their own agency's."""
    plan = default_plan()
    if plan is None:
        return []
    today = today or timezone.localdate()
    if permissions.focal_agency_id(user):
        agency = user.agency
    rows = obligation_rows(user, plan, agency=agency, today=today)
    horizon = today + dt.timedelta(days=DUE_SOON_DAYS)
    out = [
        (o, "overdue" if o.due < today else "soon")
        for o in rows
        if o.state in ("missing", "in_progress") and o.due <= horizon
    ]
    return sorted(out, key=lambda r: (r[0].due, r[0].agency_abbr, r[0].item_code))


# --- indicators -------------------------------------------------------------------------------


@dataclass
class ProgressRow:
    year: int
    target: Decimal | None
    actual: Decimal | None

    @property
    def percent(self) -> float | None:
        if self.target in (None, 0) or self.actual is None:
            return None
        return round(float(self.actual) / float(self.target) * 100, 1)


def indicators_of(plan: ActionPlan, *, item: PlanItem | None = None) -> list[Indicator]:
    qs = Indicator.objects.filter(item__plan=plan).select_related("item")
    if item is not None:
        qs = qs.filter(item=item)
    values = IndicatorValue.objects.select_related("period", "agency", "entered_by")
    return list(
        qs.prefetch_related("targets", Prefetch("values", queryset=values)).order_by(
            "item__sort_key", "position", "id"
        )
    )


def indicator_with_values(user: AnyUser, pk: int) -> Indicator:
    """One indicator (404 when there is none, or when `user` may not read the catalogue) as
    `indicators_of` gives it: targets and values prefetched, its item loaded."""
    if not permissions.can_read_catalogue(user):
        raise Http404
    indicator = get_object_or_404(Indicator.objects.select_related("item__plan"), pk=pk)
    found = indicators_of(indicator.item.plan, item=indicator.item)
    return next(i for i in found if i.pk == indicator.pk)


def value_choices(
    user: User, indicator: Indicator
) -> tuple[QuerySet[ReportingPeriod], QuerySet[Agency]]:
    """The plan's periods and the agencies `user` may record a value of `indicator` for: every
    executor of its item for a catalogue editor, else only the user's own agency."""
    executors = Agency.objects.filter(executor_of__item=indicator.item)
    if not permissions.can_edit_catalogue(user):
        executors = executors.filter(pk=getattr(user, "agency_id", None) or 0)
    periods = ReportingPeriod.objects.filter(plan_id=indicator.item.plan_id).order_by(
        "year", "half"
    )
    return periods, executors.distinct().order_by("abbr")


def indicator_progress(indicator: Indicator) -> list[ProgressRow]:
    """Target and achieved value per year of the plan (values of all agencies and all periods of
    a year added up); uses the prefetched targets and values of `indicators_of`."""
    plan = indicator.item.plan
    targets = {t.year: t.value for t in indicator.targets.all()}
    actual: dict[int, Decimal] = defaultdict(Decimal)
    for v in indicator.values.all():
        actual[v.period.year] += v.value
    return [
        ProgressRow(year, targets.get(year), actual.get(year))
        for year in range(plan.start_year, plan.end_year + 1)
    ]


# --- continuity -------------------------------------------------------------------------------

_MIN_SIMILARITY = 0.35


def _keys(title: str) -> set[str]:
    return {k for k in (stem_key(w) for _s, _e, w in words(title)) if len(k) >= 3}


def similarity(a: str, b: str) -> float:
    """Dice coefficient of the titles' word stems (ctip.azlang search keys)."""
    ka, kb = _keys(a), _keys(b)
    return 2 * len(ka & kb) / (len(ka) + len(kb)) if ka and kb else 0.0


@dataclass
class LinkSuggestion:
    item: PlanItem
    previous: PlanItem | None
    score: float
    confirmed: list[ItemLink]


def crosswalk(plan: ActionPlan) -> list[LinkSuggestion]:
    """For each sub-item of `plan`: its confirmed links and the previous plan's sub-item with the
    most similar title (when similar enough and not linked yet)."""
    items = list(
        PlanItem.objects.filter(plan=plan, level=3, removed_in__isnull=True).order_by("sort_key")
    )
    links = defaultdict(list)
    for link in ItemLink.objects.filter(item__plan=plan).select_related("previous__plan"):
        links[link.item_id].append(link)
    previous = []
    if plan.previous_id:
        previous = list(PlanItem.objects.filter(plan_id=plan.previous_id, level=3))
    keyed = [(p, _keys(p.title_az)) for p in previous]
    out = []
    for item in items:
        mine = _keys(item.title_az)
        best, score = None, 0.0
        for p, keys in keyed:
            s = 2 * len(mine & keys) / (len(mine) + len(keys)) if mine and keys else 0.0
            if s > score:
                best, score = p, s
        linked = {link.previous_id for link in links[item.pk]}
        if best is None or score < _MIN_SIMILARITY or best.pk in linked:
            best, score = None, 0.0
        out.append(LinkSuggestion(item, best, round(score, 2), links[item.pk]))
    return out
