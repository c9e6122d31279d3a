"""Every read of records that depends on who asks; querysets built without a query per row.

The `*_visible_to` selectors take the acting user, or None for the system (see
permissions.can_list)."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any, TypeAlias, TypeVar

from django.db import connection
from django.db.models import Count, Model, Prefetch, Q, QuerySet, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import RowNumber
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ctip.accounts.types import AnyUser
from ctip.azlang import search_key
from ctip.core.dbfunctions import YearMonth
from ctip.core.unions import merged_in_order
from ctip.plan.models import Agency, PlanItem, ReportingPeriod
from ctip.plan.selectors import agency_named
from ctip.plan.text import query_keys

from . import permissions
from .models import (
    ISSUED_FOR_ANOTHER,
    OPEN_TASK,
    Activity,
    ActivityParticipation,
    Document,
    Recommendation,
)
from .text import normalize_number

DUE_SOON_DAYS = 30
# Past this many matches a registry search scans in date order (_matching_text).
FTS_FEW = 5000

# An agency as a filter takes: the Agency, its pk, or its name or abbreviation (a query string).
AgencyParam: TypeAlias = Agency | int | str | None
# A period as a filter takes: a ReportingPeriod, its code ("2022", "2022-H1") or a year.
PeriodParam: TypeAlias = ReportingPeriod | int | str | None

_M = TypeVar("_M", bound=Model)


def _none(model: type[_M]) -> QuerySet[_M]:
    return model._default_manager.none()


def _words_q(text: str) -> Q:
    """Rows whose words match every word of `text` by the Azerbaijani search keys plan search
    uses (ctip.plan.text: case- and diacritic-free, suffixes stemmed): "ŞƏXSLƏR" finds "şəxs",
    "İlham" finds "ilham". Read from the stored `search_text`, in the database."""
    keys = query_keys(text)
    if not keys:
        return Q(pk__in=[])
    cond = Q()
    for key in keys:
        cond &= Q(search_text__contains=" " + key)
    return cond


def period_range(period: PeriodParam) -> tuple[dt.date, dt.date] | None:
    """(start, end) for a ReportingPeriod, a period code ("2022", "2022-H1") or a year."""
    if period in (None, ""):
        return None
    if isinstance(period, ReportingPeriod):
        return period.start, period.end
    code = str(period).strip()
    found = ReportingPeriod.objects.filter(code=code).order_by("-plan__start_year").first()
    if found:
        return found.start, found.end
    if code.isdigit() and len(code) == 4:
        year = int(code)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if len(code) == 7 and code[:4].isdigit() and code[4:] in ("-H1", "-H2"):
        year = int(code[:4])
        return (
            (dt.date(year, 1, 1), dt.date(year, 6, 30))
            if code.endswith("1")
            else (dt.date(year, 7, 1), dt.date(year, 12, 31))
        )
    return None


def resolve_agency_param(agency: AgencyParam) -> Agency | None:
    """An Agency from an Agency, a pk, or a name or abbreviation (plan.selectors.agency_named);
    None if not given or unknown."""
    if agency in (None, ""):
        return None
    if isinstance(agency, Agency):
        return agency
    value = str(agency).strip()
    found = agency_named(value)
    if found is None and value.isdigit():
        found = Agency.objects.filter(pk=int(value)).first()
    return found


# --- Documents ---------------------------------------------------------------------------------


def _within(
    qs: QuerySet[_M],
    field: str,
    *,
    period: PeriodParam,
    date_from: dt.date | None,
    date_to: dt.date | None,
) -> QuerySet[_M]:
    """Rows whose date `field` falls in the period and between the dates (each if given)."""
    rng = period_range(period)
    if rng:
        qs = qs.filter(**{f"{field}__range": rng})
    if date_from:
        qs = qs.filter(**{f"{field}__gte": date_from})
    if date_to:
        qs = qs.filter(**{f"{field}__lte": date_to})
    return qs


def _matching_text(key: str) -> Q:
    """Documents whose number contains `key` as written, whose issuer's key contains its search
    key, or whose words (subject, issuer, recipients) match every word of it (_words_q).

    On SQLite, a key that few documents match is read from migration 0008's FTS5 indexes (the same
    three branches, the same rows) instead of every document. One that many match keeps the scan:
    walking the registry in date order finds a page of them sooner than sorting them all."""
    issuer_key = search_key(key)
    scan = Q(number__icontains=key) | _words_q(key)
    if issuer_key:
        scan |= Q(issuer_key__contains=issuer_key)
    legs = _fts_legs(key, issuer_key)
    if legs is None or _fts_matches_more_than(legs, FTS_FEW):
        return scan
    return Q(pk__in=RawSQL(" UNION ".join(s for s, _p in legs), [p for _s, p in legs]))


def _fts_legs(key: str, issuer_key: str) -> list[tuple[str, str]] | None:
    """(SQL, parameter) of the FTS5 query for each branch, or None where the indexes cannot
    answer: none on this database, or a `%` or `_` (LIKE's ESCAPE, which the trigram index does
    not serve), or a number or issuer pattern shorter than a trigram (a scan of the index)."""
    if len(key) < 3 or 0 < len(issuer_key) < 3 or "%" in key or "_" in key:
        return None
    if not _has_registry_fts():
        return None
    legs = [("SELECT rowid FROM records_document_trgm WHERE number LIKE %s", f"%{key}%")]
    if issuer_key:
        legs.append(
            ("SELECT rowid FROM records_document_trgm WHERE issuer_key LIKE %s", f"%{issuer_key}%")
        )
    if keys := query_keys(key):
        words = " AND ".join(f'"{k}"*' for k in keys)
        legs.append(
            ("SELECT rowid FROM records_document_fts WHERE records_document_fts MATCH %s", words)
        )
    return legs


def _fts_matches_more_than(legs: list[tuple[str, str]], n: int) -> bool:
    """Whether the branches match more than n documents (each leg counted no further than n+1)."""
    total = " + ".join(f"(SELECT count(*) FROM ({sql} LIMIT {n + 1}))" for sql, _p in legs)
    with connection.cursor() as cur:
        cur.execute(f"SELECT {total}", [p for _s, p in legs])
        return cur.fetchone()[0] > n


def _has_registry_fts() -> bool:
    """True on SQLite when migration 0008 created the registry's FTS5 indexes."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cur:
        cur.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'records_document_trgm'"
        )
        return cur.fetchone() is not None


def _documents_of(agency: Agency) -> Q:
    """Documents the agency registered, issued or received."""
    # recipients by a subquery, not a join: no DISTINCT over the registry, and each
    # branch of the OR can use its own index
    received = Document.recipients.through.objects.filter(agency=agency).values("document_id")
    return Q(agency=agency) | Q(issuer=agency) | Q(pk__in=received)


def documents_visible_to(
    user: AnyUser,
    *,
    kind: str | None = None,
    agency: AgencyParam = None,
    item: str | None = None,
    number: str | None = None,
    text: str | None = None,
    period: PeriodParam = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    direction: str | None = None,
) -> QuerySet[Document]:
    """The registry as the user may list it, narrowed by each filter given; an unknown agency
    finds nothing."""
    if not permissions.can_list(user):
        return _none(Document)
    qs = (
        Document.objects.filter(permissions.visible_q(user))
        .select_related("issuer", "agency")
        .prefetch_related("recipients", "plan_items")
    )
    if kind:
        qs = qs.filter(kind=kind)
    if direction:
        qs = qs.filter(direction=direction)
    if agency not in (None, ""):
        ag = resolve_agency_param(agency)
        if ag is None:
            return _none(Document)
        qs = qs.filter(_documents_of(ag))
    if item:
        qs = qs.filter(plan_items__code=str(item)).distinct()
    if number:
        qs = numbered(qs, number)
    if text:
        qs = qs.filter(_matching_text(text.strip()))
    return _within(qs, "date", period=period, date_from=date_from, date_to=date_to)


def document_detail(user: AnyUser, pk: int) -> Document:
    qs = documents_visible_to(user).prefetch_related(
        "item_reports__item",
        "item_reports__agency",
        "item_reports__period",
        Prefetch("activities", queryset=Activity.objects.select_related("agency")),
        "recommendations",
    )
    return get_object_or_404(qs, pk=pk)


def document_for_edit(user: AnyUser, pk: int) -> Document:
    """The document if `user` may edit it; another agency's document is a 404, not a 403."""
    return get_object_or_404(Document.objects.filter(permissions.editable_q(user, Document)), pk=pk)


def numbered(documents: QuerySet[Document], number: str) -> QuerySet[Document]:
    """Those of `documents` that bear `number` as written, whatever its spacing or case."""
    return documents.filter(number__iexact=normalize_number(number))


def documents_due(
    user: AnyUser, *, agency: AgencyParam = None, first: int | None = None
) -> QuerySet[Document]:
    """Open tasks (documents with a due date not yet completed), soonest first; `first` says that
    no more than the first so many are wanted (a page's end, a pager's count), None all of them.

    An agency's are those it registered, issued or received: three disjoint branches, the first
    two read from their own indexes (migration 0011), merged in due order (core.unions), so that
    a page is the first rows of the merge, not a sort of every open task of the agency. Being a
    union, the result can be sliced, counted and iterated, not filtered."""
    tasks = documents_visible_to(user).filter(OPEN_TASK).order_by("due_date", "number")
    if agency in (None, ""):
        return tasks
    ag = resolve_agency_param(agency)
    if ag is None:
        return _none(Document)
    received = Document.recipients.through.objects.filter(agency=ag).values("document_id")
    branches = [
        tasks.filter(agency=ag),
        tasks.filter(ISSUED_FOR_ANOTHER, issuer=ag),
        tasks.filter(pk__in=received).exclude(agency=ag).exclude(issuer=ag),
    ]
    return merged_in_order(branches, ("due_date", "number"), first)


def overdue_count(user: AnyUser) -> int:
    """How many open tasks the user may list are past their due date ("overdue" of
    `due_status`), counted in the database."""
    today = timezone.localdate()
    return documents_visible_to(user).filter(OPEN_TASK, due_date__lt=today).order_by().count()


def due_status(due_date: dt.date | None, today: dt.date | None = None) -> str:
    """'overdue', 'soon' (within 30 days) or 'later'."""
    today = today or timezone.localdate()
    if due_date is None:
        return "later"
    if due_date < today:
        return "overdue"
    if due_date <= today + dt.timedelta(days=DUE_SOON_DAYS):
        return "soon"
    return "later"


# --- Activities --------------------------------------------------------------------------------


def _activities_matching(key: str) -> Q:
    """Activities whose title, narrative, place or material's title contains `key`, or whose
    words match every word of it (_words_q)."""
    return (
        Q(title__icontains=key)
        | Q(narrative_az__icontains=key)
        | Q(place__icontains=key)
        | Q(material_title__icontains=key)
        | _words_q(key)
    )


def _activities_with_details(user: AnyUser) -> QuerySet[Activity]:
    """Every activity the user may list, with what a page of them shows."""
    return (
        Activity.objects.filter(permissions.visible_q(user))
        .select_related("agency", "period")
        .prefetch_related(
            "plan_items",
            "topics",
            "organisers",
            Prefetch(
                "participations", queryset=ActivityParticipation.objects.select_related("agency")
            ),
        )
    )


def activities_visible_to(
    user: AnyUser,
    *,
    kind: str | None = None,
    agency: AgencyParam = None,
    item: str | None = None,
    text: str | None = None,
    period: PeriodParam = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    topic: str | None = None,
) -> QuerySet[Activity]:
    """Activities as the user may list them, narrowed by each filter given; an unknown agency
    finds nothing."""
    if not permissions.can_list(user):
        return _none(Activity)
    qs = _activities_with_details(user)
    if kind:
        qs = qs.filter(kind=kind)
    if agency not in (None, ""):
        ag = resolve_agency_param(agency)
        if ag is None:
            return _none(Activity)
        qs = qs.filter(agency=ag)
    if item:
        qs = qs.filter(plan_items__code=str(item)).distinct()
    if topic:
        qs = qs.filter(topics__key=topic).distinct()
    if text:
        qs = qs.filter(_activities_matching(text.strip()))
    return _within(qs, "start", period=period, date_from=date_from, date_to=date_to)


LIST_FIELDS = (
    "pk",
    "start",
    "end",
    "title",
    "kind",
    *(f"agency__{field}" for field in Agency.DISPLAY_FIELDS),
)


def activities_listed(user: AnyUser, **filters: Any) -> QuerySet[Activity]:
    """The activities list (and its spreadsheet): `activities_visible_to` with only the columns
    the list shows, no narratives; sub-items by code, participants by their totals."""
    qs = activities_visible_to(user, **filters)
    return (
        qs.select_related(None)
        .select_related("agency")
        .only(*LIST_FIELDS)
        .prefetch_related(None)
        .prefetch_related(
            "topics",
            Prefetch("plan_items", queryset=PlanItem.objects.only("pk", "code", "sort_key")),
            Prefetch(
                "participations", queryset=ActivityParticipation.objects.only("activity", "total")
            ),
        )
    )


def activity_detail(user: AnyUser, pk: int) -> Activity:
    qs = activities_visible_to(user).prefetch_related("documents", "partners", "recommendations")
    return get_object_or_404(qs, pk=pk)


def activity_for_edit(user: AnyUser, pk: int) -> Activity:
    return get_object_or_404(Activity.objects.filter(permissions.editable_q(user, Activity)), pk=pk)


# A month of the timeline shows this many of its activities, then links to the rest: an
# overview to look at (120 lines for a year, not 240; the page drew them in 63 ms, now 47).
TIMELINE_PER_MONTH = 10


@dataclass
class TimelineMonth:
    first_day: dt.date
    total: int
    activities: list[Activity]

    @property
    def last_day(self) -> dt.date:
        days = calendar.monthrange(self.first_day.year, self.first_day.month)[1]
        return self.first_day.replace(day=days)


def _first_day(month: str) -> dt.date:
    return dt.date(int(month[:4]), int(month[5:7]), 1)


def timeline(
    user: AnyUser, *, period: PeriodParam = None, agency: AgencyParam = None
) -> list[TimelineMonth]:
    """Activities of a period by month (first day of the month), in date order: each month's
    total and its first TIMELINE_PER_MONTH activities, counted and picked in the database."""
    qs = activities_visible_to(user, period=period, agency=agency)
    month = YearMonth("start")
    totals = qs.order_by().annotate(month=month).values_list("month").annotate(n=Count("pk"))
    ranked = qs.order_by().annotate(
        rank=Window(RowNumber(), partition_by=[month], order_by=["start", "id"])
    )
    shown = (
        qs.filter(pk__in=ranked.filter(rank__lte=TIMELINE_PER_MONTH).values("pk"))
        .select_related(None)
        .select_related("agency")
        .only(*LIST_FIELDS)
        .prefetch_related(None)
        .prefetch_related(
            # a list, not a manager per activity (the page's largest cost after the reverse)
            Prefetch(
                "plan_items",
                queryset=PlanItem.objects.only("pk", "code", "sort_key"),
                to_attr="item_list",
            )
        )
    )
    months = {key: TimelineMonth(_first_day(key), n, []) for key, n in sorted(totals)}
    for activity in shown.annotate(month=month).order_by("start", "id"):
        months[activity.month].activities.append(activity)
    return list(months.values())


# --- Recommendations ---------------------------------------------------------------------------


def recommendations_visible_to(
    user: AnyUser,
    *,
    source: str | None = None,
    status: str | None = None,
    agency: AgencyParam = None,
    item: str | None = None,
    text: str | None = None,
    year: int | None = None,
    priority: str | None = None,
) -> QuerySet[Recommendation]:
    if not permissions.can_list(user):
        return _none(Recommendation)
    qs = Recommendation.objects.filter(permissions.visible_q(user)).prefetch_related(
        "responsible", "plan_items"
    )
    if source:
        qs = qs.filter(source=source)
    if status:
        qs = qs.filter(status=status)
    if priority:
        qs = qs.filter(priority=priority)
    if year:
        qs = qs.filter(year=year)
    if agency not in (None, ""):
        ag = resolve_agency_param(agency)
        if ag is None:
            return _none(Recommendation)
        qs = qs.filter(Q(responsible=ag) | Q(agency=ag)).distinct()
    if item:
        qs = qs.filter(plan_items__code=str(item)).distinct()
    if text:
        key = text.strip()
        qs = qs.filter(Q(text__icontains=key) | Q(report__icontains=key) | _words_q(key))
    return qs


def recommendation_detail(user: AnyUser, pk: int) -> Recommendation:
    qs = recommendations_visible_to(user).prefetch_related(
        "activities", "documents", "history__actor"
    )
    return get_object_or_404(qs, pk=pk)


def recommendation_for_edit(user: AnyUser, pk: int) -> Recommendation:
    return get_object_or_404(
        Recommendation.objects.filter(permissions.editable_q(user, Recommendation)).distinct(),
        pk=pk,
    )


def recommendations_due(user: AnyUser, *, agency: AgencyParam = None) -> QuerySet[Recommendation]:
    open_statuses = [s for s in Recommendation.Status.values if s not in Recommendation.CLOSED]
    return (
        recommendations_visible_to(user, agency=agency)
        .filter(due_date__isnull=False, status__in=open_statuses)
        .order_by("due_date")
    )


def plan_items_choices() -> QuerySet[PlanItem]:
    """Sub-items for the forms' pickers."""
    return PlanItem.objects.select_related("plan").order_by("plan", "sort_key")
