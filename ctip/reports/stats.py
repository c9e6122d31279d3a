"""The statistics annex: a few aggregate tables of the period, in the report's language.

Aggregates only (counts and sums), never personal data. The records' figures come from
ctip.records.stats (the same counting rules as the registry's statistics page); case statistics
are added when the caller passes a user allowed to see them.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.utils.dates import MONTHS as DJANGO_MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import override

from ctip.azlang import MONTHS as AZ_MONTHS
from ctip.cases.selectors import case_statistics
from ctip.core.charts import bar_chart
from ctip.plan.catalogue.selectors import indicator_progress, indicators_of
from ctip.plan.models import ItemReport
from ctip.records import stats as records_stats
from ctip.records.models import Document, Recommendation

from .document import Chart, StatTable


def _month_name(m: int, lang: str) -> str:
    """Azerbaijani months in the official lowercase style; Django's month names otherwise."""
    if lang == "az":
        return AZ_MONTHS[m - 1]
    return str(DJANGO_MONTHS[m])  # under override(lang) in annex_tables


def _with_chart(table: StatTable, labels: list[str], values: list[float]) -> StatTable:
    if any(values):
        svg = bar_chart(list(zip(labels, values, strict=True)), table.title)
        table.chart = Chart(labels=labels, values=values, svg=svg)
    return table


def _report_status(plan, period, agency) -> StatTable | None:
    qs = ItemReport.objects.filter(item__plan=plan, period=period)
    if agency is not None:
        qs = qs.filter(agency=agency)
    counts = dict(qs.values_list("status").annotate(n=Count("id")).order_by())
    if not counts:
        return None
    S = ItemReport.Status
    order = [S.APPROVED, S.SUBMITTED, S.RETURNED, S.DRAFT]
    rows = [[str(s.label), str(counts[s])] for s in order if counts.get(s)]
    table = StatTable(_("Status of sub-item reports"), [_("Status"), _("Count")], rows)
    return _with_chart(table, [r[0] for r in rows], [float(r[1]) for r in rows])


def _trainings(period, agency, lang, user) -> StatTable | None:
    months = records_stats.trainings_by_month(user, period=period, agency=agency)
    if not months:
        return None
    rows = [[_month_name(r["month"], lang), str(r["value"]), str(r["trained"])] for r in months]
    rows.append(
        [_("Total"), str(sum(r["value"] for r in months)), str(sum(r["trained"] for r in months))]
    )
    table = StatTable(
        _("Trainings and people trained"), [_("Month"), _("Trainings"), _("People trained")], rows
    )
    return _with_chart(table, [r[0] for r in rows[:-1]], [float(r["trained"]) for r in months])


def _documents(period, agency, user) -> StatTable | None:
    by_kind = {
        r["kind"]: r for r in records_stats.documents_by_kind(user, period=period, agency=agency)
    }
    if not by_kind:
        return None
    rows, labels, values = [], [], []
    for kind in Document.Kind:
        if kind not in by_kind:
            continue
        r = by_kind[kind]
        label = str(kind.label)
        rows.append(
            [label, str(r["incoming"]), str(r["outgoing"]), str(r["other"]), str(r["value"])]
        )
        labels.append(label)
        values.append(float(r["value"]))
    D = Document.Direction
    table = StatTable(
        _("Letters and documents"),
        [_("Kind"), str(D.INCOMING.label), str(D.OUTGOING.label), str(D.OTHER.label), _("Total")],
        rows,
    )
    return _with_chart(table, labels, values)


def _activities_by_item(plan, period, agency, user) -> StatTable | None:
    counts = {
        r["label"]: r["value"]
        for r in records_stats.activities_by_item(user, period=period, agency=agency, plan=plan)
    }
    if not counts:
        return None
    codes = list(counts)  # in plan order
    rows = [[c, str(counts[c])] for c in codes]
    table = StatTable(_("Activities by sub-item"), [_("Sub-item"), _("Count")], rows)
    top = sorted(codes, key=lambda c: -counts[c])[:15]
    return _with_chart(table, top, [float(counts[c]) for c in top])


def _recommendations(period, agency, user) -> StatTable | None:
    counts = {
        r["status"]: r["value"]
        for r in records_stats.recommendations_to_date(user, year=period.year, agency=agency)
    }
    rows = [[str(s.label), str(counts[s])] for s in Recommendation.Status if counts.get(s)]
    if not rows:
        return None
    table = StatTable(_("Status of recommendations"), [_("Status"), _("Count")], rows)
    return _with_chart(table, [r[0] for r in rows], [float(r[1]) for r in rows])


def _case_indicators() -> dict[str, str]:
    return {"cases": _("Cases"), "persons": _("Persons"), "readmitted_persons": _("Readmitted")}


def _cases(period, user) -> StatTable | None:
    """Aggregate case statistics from ctip.cases, for a user allowed to see them (never for the
    system: `ctip report` leaves case figures out)."""
    if user is None:
        return None
    try:
        data = case_statistics(user, year=period.year)
    except PermissionDenied:
        return None
    names = _case_indicators()
    rows = [
        [names.get(key, str(key).replace("_", " ")), str(value)]
        for key, value in data.items()
        if key != "year" and isinstance(value, int | float) and not isinstance(value, bool)
    ]
    if not rows:
        return None
    return StatTable(_("Case statistics"), [_("Indicator"), _("Count")], rows)


def _indicators(plan, period, agency, lang) -> StatTable | None:
    """Progress of the plan's indicators against their targets for the period's year (the
    consolidated report only: targets are national)."""
    if agency is not None:
        return None
    rows, labels, values = [], [], []
    for ind in indicators_of(plan):
        row = next((r for r in indicator_progress(ind) if r.year == period.year), None)
        if row is None or (row.target is None and row.actual is None):
            continue
        name = getattr(ind, f"name_{lang}", "") or ind.name_az
        rows.append(
            [
                f"{ind.item.code} {name}",
                ind.unit,
                _number(row.target),
                _number(row.actual),
                "—" if row.percent is None else f"{row.percent:g}",
            ]
        )
        if row.percent is not None:
            labels.append(f"{ind.item.code} {name}")
            values.append(row.percent)
    if not rows:
        return None
    table = StatTable(
        _("Indicators: progress against targets"),
        [_("Indicator"), _("Unit"), _("Target"), _("Achieved"), _("Per cent of the target")],
        rows,
    )
    if any(values):
        svg = bar_chart(
            list(zip(labels, values, strict=True)),
            table.title,
            axis_label=_("Per cent of the target"),
        )
        table.chart = Chart(labels=labels, values=values, svg=svg)
    return table


def _number(value) -> str:
    if value is None:
        return "—"
    return f"{value.normalize():f}" if hasattr(value, "normalize") else str(value)


def annex_tables(
    plan, period, agency, *, lang: str = "az", sections=None, user=None
) -> list[StatTable]:
    """All non-empty annex tables for the scope (one agency, or all agencies when None), labelled
    in the report's language `lang` (whatever the interface's language).

    `user` is who asked (the web view), or None for the system (the `ctip report` command)."""
    with override(lang):
        tables = [
            _trainings(period, agency, lang, user),
            _documents(period, agency, user),
            _activities_by_item(plan, period, agency, user),
            _recommendations(period, agency, user),
            _report_status(plan, period, agency),
            _indicators(plan, period, agency, lang),
            _cases(period, user),
        ]
    return [tb for tb in tables if tb is not None]
