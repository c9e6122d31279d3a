"""Every read of the plan app that depends on who asks. No query per row."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils.safestring import SafeString

from ctip.accounts.types import AnyUser
from ctip.azlang import search_key

from . import permissions
from .catalogue.obligations import obligations
from .models import (
    ActionPlan,
    Agency,
    Fact,
    ItemExecutor,
    ItemReport,
    PlanItem,
    ReportImport,
    ReportingPeriod,
)
from .text import PII_PREFIX, narrative_html, query_keys, snippet

STATUSES = [s for s, _ in ItemReport.Status.choices]


def reports_visible_to(
    user: AnyUser,
    *,
    plan: ActionPlan | None = None,
    item: PlanItem | None = None,
    agency: Agency | None = None,
    period: ReportingPeriod | None = None,
    status: str | None = None,
    with_facts: bool = False,
) -> QuerySet[ItemReport]:
    qs = ItemReport.objects.filter(permissions.visible_q(user)).select_related(
        "item", "agency", "period", "period__plan"
    )
    if plan is not None:
        qs = qs.filter(item__plan=plan)
    if item is not None:
        qs = qs.filter(item=item)
    if agency is not None:
        qs = qs.filter(agency=agency)
    if period is not None:
        qs = qs.filter(period=period)
    if status:
        qs = qs.filter(status=status)
    if with_facts:
        qs = qs.prefetch_related(Prefetch("facts", queryset=facts_visible_to(user)))
    return qs


def facts_visible_to(user: AnyUser) -> QuerySet[Fact]:
    qs = Fact.objects.all()
    if not permissions.sees_pii(user):
        qs = qs.exclude(pii=True)
    return qs


def writable_reports(user: AnyUser) -> QuerySet[ItemReport]:
    """Reports `user` may act on (another agency's report in a write is simply not found)."""
    return (
        ItemReport.objects.filter(permissions.writable_q(user))
        .filter(permissions.visible_q(user))
        .select_related("item", "agency", "period", "period__plan")
    )


def report_detail(user: AnyUser, pk: int | str) -> ItemReport:
    """One visible report with all its facts (the view masks persons) and its history."""
    return (
        reports_visible_to(user)
        .prefetch_related(
            Prefetch("facts", queryset=Fact.objects.order_by("start")), "transitions__actor"
        )
        .get(pk=pk)
    )


def default_plan() -> ActionPlan | None:
    """The coordinator's current plan, else the latest."""
    return ActionPlan.objects.order_by("-is_current", "-start_year").first()


def default_period(plan: ActionPlan | None) -> ReportingPeriod | None:
    """The latest period of the plan that has reports, else the latest period."""
    if plan is None:
        return None
    period = (
        ReportingPeriod.objects.filter(plan=plan, reports__isnull=False)
        .order_by("-year", "-half")
        .first()
    )
    return period or ReportingPeriod.objects.filter(plan=plan).order_by("-year", "-half").first()


def period_from_param(plan: ActionPlan | None, value: object) -> ReportingPeriod | None:
    """The plan's period named in a URL by its code ("2022", "2022-H1"); an old link's database id
    still finds it. None when the plan has no such period."""
    text = str(value or "").strip()[:20]
    if plan is None or not text:
        return None
    periods = ReportingPeriod.objects.filter(plan=plan)
    found = periods.filter(code=text).first()
    if found is None and text.isascii() and text.isdigit() and len(text) < 10:
        found = periods.filter(pk=int(text)).first()
    return found


@dataclass
class Overview:
    plan: ActionPlan | None
    period: ReportingPeriod | None
    sections: list  # [(section PlanItem or None, [sub-items])]
    agencies: list
    cells: dict  # (item_id, agency_id) -> (report_id, status)
    counts: Counter  # status -> n
    item_counts: dict  # item_id -> Counter
    total_expected: int
    # from the plan's executors (issue 15): owed and not received, "not applicable", reports by
    # agencies that are not executors of the sub-item; cells in none of them are not owed
    missing: dict = field(default_factory=dict)  # (item_id, agency_id) -> due date
    waived: set = field(default_factory=set)
    flagged: set = field(default_factory=set)


def plan_overview(
    user: AnyUser,
    *,
    plan: ActionPlan,
    period: ReportingPeriod | None,
    agency: Agency | None = None,
    status: str | None = None,
    section: str | None = None,
    item_limit: int = 400,
) -> Overview:
    """The matrix agencies × sub-items for one period with status counts, in a few queries."""
    sections, subs = _overview_sections(plan, section, item_limit)
    rows = (
        _overview_report_rows(
            user, plan, period, subs=subs if section else None, agency=agency, status=status
        )
        if period is not None
        else []
    )
    cells, counts, item_counts, agency_ids = _tally_reports(rows)
    missing, waived, flagged = _expected_cells(plan, period, subs, agency, cells)
    agency_ids |= {a for _i, a in missing} | {a for _i, a in waived}
    if not status:
        _count_expected(counts, item_counts, missing, waived)
    agencies = list(Agency.objects.filter(pk__in=agency_ids).only("id", *Agency.DISPLAY_FIELDS))
    return Overview(
        plan=plan,
        period=period,
        sections=sections,
        agencies=agencies,
        cells=cells,
        counts=counts,
        item_counts=dict(item_counts),
        total_expected=len(set(missing) | set(cells)),
        missing=missing,
        waived=waived,
        flagged=flagged,
    )


def _tally_reports(
    rows: Iterable[tuple[int, int, int, str]],
) -> tuple[dict, Counter, dict, set]:
    """The matrix's cells ((item id, agency id) -> (report id, status)), the counts by status, in
    all and per sub-item, and the agencies that reported."""
    cells: dict = {}
    counts: Counter = Counter()
    item_counts: dict = defaultdict(Counter)
    agency_ids: set = set()
    for rid, item_id, agency_id, st in rows:
        cells[(item_id, agency_id)] = (rid, st)
        counts[st] += 1
        item_counts[item_id][st] += 1
        agency_ids.add(agency_id)
    return cells, counts, item_counts, agency_ids


def _count_expected(counts: Counter, item_counts: dict, missing: dict, waived: set) -> None:
    """Missing reports counted in the totals and per sub-item; "not applicable" in the totals."""
    for key in missing:
        counts["missing"] += 1
        item_counts[key[0]]["missing"] += 1
    counts["waived"] += len(waived)


def _overview_sections(
    plan: ActionPlan, section: str | None, item_limit: int
) -> tuple[list, list[PlanItem]]:
    """([(section PlanItem or None, [sub-items])], all sub-items shown) of the plan, or of one
    section of it, at most `item_limit` sub-items in the plan's order."""
    items_qs = PlanItem.objects.filter(plan=plan).only(
        "id", "code", "title_az", "title_en", "title_ru", "level", "parent_id", "sort_key"
    )
    if section:
        items_qs = items_qs.filter(Q(code=section) | Q(code__startswith=section + "."))
    items = list(items_qs.order_by("sort_key")[: item_limit * 2])
    parents: dict[int | None, PlanItem] = {i.pk: i for i in items if i.level < 3}
    subs = [i for i in items if i.level == 3][:item_limit]
    by_parent = defaultdict(list)
    for s in subs:
        by_parent[s.parent_id].append(s)
    # sections in the order of their first sub-item
    sections = [
        (parents.get(pid), by_parent[pid]) for pid in dict.fromkeys(s.parent_id for s in subs)
    ]
    return sections, subs


def _overview_report_rows(
    user: AnyUser,
    plan: ActionPlan,
    period: ReportingPeriod,
    *,
    subs: list[PlanItem] | None,
    agency: Agency | None,
    status: str | None,
) -> QuerySet[ItemReport, tuple[int, int, int, str]]:
    """(report id, item id, agency id, status) of the visible reports of the matrix; `subs`
    limits them to a section's sub-items."""
    rq = ItemReport.objects.filter(permissions.visible_q(user), period=period, item__plan=plan)
    if subs is not None:
        rq = rq.filter(item_id__in=[s.pk for s in subs])
    if agency is not None:
        rq = rq.filter(agency=agency)
    if status:
        rq = rq.filter(status=status)
    # unordered: the default ordering would join items and agencies only to sort
    return rq.order_by().values_list("id", "item_id", "agency_id", "status")


def _expected_cells(
    plan: ActionPlan,
    period: ReportingPeriod | None,
    subs: list[PlanItem],
    agency: Agency | None,
    cells: dict,
) -> tuple[dict, set, set]:
    """(missing, waived, flagged) cells of the matrix. For a plan with executors: the reports
    owed by them and not in `cells` (with their due date), those marked not applicable, and the
    cells of reports by agencies that are not executors. For a plan without (built from report
    imports): its responsible agencies are expected."""
    sub_ids = [s.pk for s in subs]
    pairs = set(
        ItemExecutor.objects.filter(item_id__in=sub_ids).values_list("item_id", "agency_id")
    )
    if not pairs:
        resp = PlanItem.responsible.through.objects.filter(planitem_id__in=sub_ids)
        if agency is not None:
            resp = resp.filter(agency_id=agency.pk)
        expected = set(resp.values_list("planitem_id", "agency_id"))
        return dict.fromkeys(expected - set(cells)), set(), set()
    if period is None:
        return {}, set(), set()
    rows = obligations(
        plan,
        periods=[period],
        agency_ids=[agency.pk] if agency is not None else None,
        item_ids=sub_ids,
    )
    missing, waived = {}, set()
    for o in rows:
        key = (o.item_id, o.agency_id)
        if o.state == "waived":
            waived.add(key)
        elif o.state != "received" and key not in cells:
            missing[key] = o.due
    with_executors = {i for i, _a in pairs}
    flagged = {k for k in cells if k[0] in with_executors and k not in pairs}
    return missing, waived, flagged


def item_reports(
    user: AnyUser, item: PlanItem, *, period: ReportingPeriod | None = None
) -> list[ItemReport]:
    """The reports on a sub-item the user may see (one period, or all), with their facts."""
    return list(
        reports_visible_to(user, item=item, period=period)
        .prefetch_related(Prefetch("facts", queryset=Fact.objects.order_by("start")))
        .order_by("-period__year", "-period__half", "agency__abbr")
    )


@dataclass(frozen=True)
class ReportCard:
    """A report as a sub-item's page shows it: its narrative as HTML (facts marked, persons
    masked for those without need-to-know) and whether the user may edit it."""

    report: ItemReport
    html: SafeString
    can_edit: bool


def report_cards(user: AnyUser, reports: list[ItemReport]) -> list[ReportCard]:
    """The cards of reports read by `item_reports` (their facts prefetched)."""
    sees_pii = permissions.sees_pii(user)
    return [
        ReportCard(
            r,
            narrative_html(r.narrative, r.facts.all(), sees_pii=sees_pii),
            permissions.can_edit(user, r),
        )
        for r in reports
    ]


@dataclass
class SearchHit:
    report: ItemReport
    snippet: SafeString  # escaped HTML, matches in <mark>


def search(
    user: AnyUser,
    q: str,
    *,
    period: ReportingPeriod | None = None,
    agency: Agency | None = None,
    plan: ActionPlan | None = None,
    offset: int = 0,
    limit: int = 20,
) -> tuple[list[PlanItem], list[SearchHit], bool]:
    """Sub-items whose title matches and a page of visible reports whose narrative matches.

    Returns (items, hits, has_more). Counting all matches is avoided: a page is one LIKE scan that
    stops after limit+1 rows in id order.
    """
    keys = query_keys(q)
    if not keys:
        return [], [], False
    sees_pii = permissions.sees_pii(user)
    item_q, report_q, expr = _search_filters(keys, sees_pii)
    items_qs = PlanItem.objects.filter(item_q, level=3).select_related("plan")
    if plan is not None:
        items_qs = items_qs.filter(plan=plan)
    items = list(items_qs.order_by("sort_key")[:10]) if offset == 0 else []
    reports = reports_visible_to(user, period=period, agency=agency, plan=plan)
    if expr is not None:
        page = _fts_page(reports, expr, offset, limit + 1)
    else:
        page = list(reports.filter(report_q).order_by("-id")[offset : offset + limit + 1])
    has_more = len(page) > limit
    page = page[:limit]
    masked = {} if sees_pii else _person_spans(page)
    hits = [SearchHit(r, snippet(r.narrative, keys, masked=masked.get(r.pk, []))) for r in page]
    return items, hits, has_more


def _search_filters(keys: list[str], sees_pii: bool) -> tuple[Q, Q, str | None]:
    """(sub-item filter, report filter, FTS5 expression or None) for the query's keys: every key
    starts a word; a person's name matches only for those with need-to-know."""
    item_q = Q()
    report_q = Q()
    for key in keys:
        item_q &= Q(search_text__contains=" " + key)
        kq = Q(search_text__contains=" " + key)
        if sees_pii:
            kq |= Q(search_text__contains=" " + PII_PREFIX + key)
        report_q &= kq
    if not _has_fts():
        return item_q, report_q, None
    expr = " AND ".join(
        (f'("{k}"* OR "{PII_PREFIX}{k}"*)' if sees_pii else f'"{k}"*')
        for k in (k.replace('"', "") for k in keys)
    )
    report_q = Q(
        id__in=RawSQL("SELECT rowid FROM plan_report_fts WHERE plan_report_fts MATCH %s", [expr])
    )
    return item_q, report_q, expr


def _person_spans(page: list[ItemReport]) -> dict[int, list[tuple[int, int]]]:
    """The person spans of a page of reports by report id, as plain tuples (Fact instances would
    point back at their report: cycles)."""
    masked: dict = defaultdict(list)
    if not page:
        return masked
    for rid, start, end in (
        Fact.objects.filter(report_id__in=[r.pk for r in page], pii=True)
        .order_by("report_id", "start", "id")
        .values_list("report_id", "start", "end")
    ):
        masked[rid].append((start, end))
    return masked


def _fts_page(reports: QuerySet[ItemReport], expr: str, offset: int, n: int) -> list[ItemReport]:
    """reports matching the FTS5 expression, newest first, rows offset..offset+n.

    Same rows as `reports.filter(id__in=<all FTS matches>).order_by("-id")[offset:offset+n]`, but
    the matches are read newest first in growing chunks, so a common word does not make SQLite
    collect and sort every matching report before the first page can be cut.
    """
    got: list[int] = []
    need, below, chunk = offset + n, None, min(4000, max(200, 4 * (offset + n)))
    matching = reports.order_by("-id").values_list("id", flat=True)
    for _ in range(3):
        sql = "SELECT rowid FROM plan_report_fts WHERE plan_report_fts MATCH %s"
        params: list = [expr]
        if below is not None:
            sql += " AND rowid < %s"
            params.append(below)
        with connection.cursor() as cur:
            cur.execute(sql + " ORDER BY rowid DESC LIMIT %s", [*params, chunk])
            ids = [row[0] for row in cur.fetchall()]
        if ids:
            got += matching.filter(id__in=ids)
        if len(got) >= need or len(ids) < chunk:
            return _by_id_desc(reports, got[offset:need])
        below, chunk = ids[-1], min(4000, chunk * 4)
    rest = reports.filter(
        id__lt=below,
        id__in=RawSQL("SELECT rowid FROM plan_report_fts WHERE plan_report_fts MATCH %s", [expr]),
    )
    got += rest.order_by("-id").values_list("id", flat=True)[: need - len(got)]
    return _by_id_desc(reports, got[offset:need])


def _by_id_desc(reports: QuerySet[ItemReport], ids: list[int]) -> list[ItemReport]:
    """The full rows of a page of report ids (only the page is loaded, not the whole chunk)."""
    return list(reports.filter(id__in=ids).order_by("-id")) if ids else []


def _has_fts() -> bool:
    """True on SQLite when migration 0004 created the FTS5 index of report search texts."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cur:
        cur.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'plan_report_fts'")
        return cur.fetchone() is not None


def item_title_snippet(item: PlanItem, q: str) -> SafeString:
    return snippet(item.title, query_keys(q), width=400)


def report_counts(user: AnyUser, *, plan: ActionPlan, period: ReportingPeriod) -> dict[str, int]:
    rows = (
        ItemReport.objects.filter(permissions.visible_q(user), item__plan=plan, period=period)
        .values("status")
        .annotate(n=Count("id"))
    )
    return {r["status"]: r["n"] for r in rows}


def report_import_for(user: AnyUser, token: str) -> ReportImport:
    """A staged import its uploader (or the coordinator's office) may see; 404 otherwise."""
    staged = ReportImport.objects.filter(token=token).first()
    if staged is None or not permissions.can_see_import(user, staged):
        raise Http404
    return staged


def agency_named(name: str) -> Agency | None:
    """The agency called `name`: its abbreviation as written, else its abbreviation, Azerbaijani
    name or an alias ignoring case and diacritics (Azerbaijani rules); None when none is.

    The one lookup of an agency by name: imports, the registry, the API, reports and commands
    use it."""
    name = (name or "").strip()
    if not name:
        return None
    found = Agency.objects.filter(abbr=name).first()
    if found is not None:
        return found
    key = search_key(name)
    if not key:
        return None
    for agency in Agency.objects.all():
        names = [agency.abbr, agency.name_az, *(agency.aliases or [])]
        if any(search_key(n) == key for n in names if n):
            return agency
    return None
