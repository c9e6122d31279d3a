"""The statistics annex: a few aggregate tables of the period, in the report's language.

Aggregates only (counts and sums), never personal data. Uses ctip.records models directly with
one grouped query per table; case statistics are added when ctip.cases offers
`case_statistics(user, year=...)` and the caller passes a user allowed to see them.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from django.db.models import Count, Sum

from .compose import StatTable
from .graphics import svg_bar_chart

MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "ru": ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь",
           "октябрь", "ноябрь", "декабрь"),
}

T = {
    "az": {
        "trainings": "Təlimlər və təlim keçmiş şəxslər", "month": "Ay", "n_trainings": "Təlim sayı",
        "people": "İştirakçı sayı", "documents": "Məktublar və sənədlər", "kind": "Növ",
        "incoming": "Daxil olan", "outgoing": "Göndərilən", "other": "Digər", "total": "Cəmi",
        "by_item": "Yarımbəndlər üzrə tədbirlər", "item": "Yarımbənd", "count": "Say",
        "recs": "Tövsiyələrin icra vəziyyəti", "status": "Vəziyyət",
        "reports": "Yarımbənd hesabatlarının vəziyyəti", "cases": "İşlər üzrə statistika",
        "indicator": "Göstərici", "value": "Say",
        "doc_kinds": {"decision": "Qərar", "resolution": "Sərəncam / dərkənar", "letter": "Məktub",
                      "order": "Əmr", "decree": "Fərman", "agreement": "Saziş", "law": "Qanun"},
        "rec_status": {"open": "Açıq", "in_progress": "İcradadır", "implemented": "İcra edilib",
                       "partially": "Qismən icra edilib", "not_implemented": "İcra edilməyib"},
        "rep_status": {"draft": "Layihə", "submitted": "Təqdim edilib", "returned": "Qaytarılıb",
                       "approved": "Təsdiq edilib"},
    },
    "en": {
        "trainings": "Trainings and people trained", "month": "Month", "n_trainings": "Trainings",
        "people": "People trained", "documents": "Letters and documents", "kind": "Kind",
        "incoming": "Incoming", "outgoing": "Outgoing", "other": "Other", "total": "Total",
        "by_item": "Activities by sub-item", "item": "Sub-item", "count": "Count",
        "recs": "Status of recommendations", "status": "Status",
        "reports": "Status of sub-item reports", "cases": "Case statistics",
        "indicator": "Indicator", "value": "Count",
        "doc_kinds": {"decision": "Decision", "resolution": "Resolution / instruction",
                      "letter": "Letter", "order": "Order", "decree": "Decree",
                      "agreement": "Agreement", "law": "Law"},
        "rec_status": {"open": "Open", "in_progress": "In progress", "implemented": "Implemented",
                       "partially": "Partially implemented", "not_implemented": "Not implemented"},
        "rep_status": {"draft": "Draft", "submitted": "Submitted", "returned": "Returned",
                       "approved": "Approved"},
    },
    "ru": {
        "trainings": "Обучение и число обученных", "month": "Месяц", "n_trainings": "Тренингов",
        "people": "Участников", "documents": "Письма и документы", "kind": "Вид",
        "incoming": "Входящие", "outgoing": "Исходящие", "other": "Прочие", "total": "Всего",
        "by_item": "Мероприятия по подпунктам", "item": "Подпункт", "count": "Число",
        "recs": "Выполнение рекомендаций", "status": "Состояние",
        "reports": "Состояние отчётов по подпунктам", "cases": "Статистика дел",
        "indicator": "Показатель", "value": "Число",
        "doc_kinds": {"decision": "Решение", "resolution": "Распоряжение / резолюция",
                      "letter": "Письмо", "order": "Приказ", "decree": "Указ",
                      "agreement": "Соглашение", "law": "Закон"},
        "rec_status": {"open": "Открыта", "in_progress": "Выполняется", "implemented": "Выполнена",
                       "partially": "Выполнена частично", "not_implemented": "Не выполнена"},
        "rep_status": {"draft": "Проект", "submitted": "Представлен", "returned": "Возвращён",
                       "approved": "Утверждён"},
    },
}


def _month_name(m: int, lang: str) -> str:
    if lang == "az":
        from ctip.azlang.dates import MONTHS as AZ

        return AZ[m - 1]
    return MONTHS[lang][m - 1]


def _with_chart(table: StatTable, labels: list[str], values: list[float]) -> StatTable:
    from .compose import Chart

    if any(values):
        try:  # the registry's accessible SVG charts, when that module is present
            from ctip.records.charts import bar_chart

            svg = bar_chart(list(zip(labels, values, strict=True)), table.title)
        except ImportError:
            svg = svg_bar_chart(labels, values, title=table.title)
        table.chart = Chart(labels=labels, values=values, svg=svg)
    return table


def _report_status(plan, period, agency, t) -> StatTable | None:
    from ctip.plan.models import ItemReport

    qs = ItemReport.objects.filter(item__plan=plan, period=period)
    if agency is not None:
        qs = qs.filter(agency=agency)
    counts = dict(qs.values_list("status").annotate(n=Count("id")).order_by())
    if not counts:
        return None
    order = ["approved", "submitted", "returned", "draft"]
    rows = [[t["rep_status"][s], str(counts.get(s, 0))] for s in order if counts.get(s)]
    table = StatTable(t["reports"], [t["status"], t["count"]], rows)
    return _with_chart(table, [r[0] for r in rows], [float(r[1]) for r in rows])


def _trainings(period, agency, lang, t) -> StatTable | None:
    from ctip.records.models import Activity, ActivityParticipation

    qs = Activity.objects.filter(kind=Activity.Kind.TRAINING, start__gte=period.start,
                                 start__lte=period.end)
    if agency is not None:
        qs = qs.filter(agency=agency)
    acts = list(qs.values_list("id", "start", "number_trained"))
    if not acts:
        return None
    part = dict(ActivityParticipation.objects.filter(activity_id__in=[a[0] for a in acts])
                .values_list("activity_id").annotate(n=Sum("total")).order_by())
    n_by_month: Counter = Counter()
    people_by_month: Counter = Counter()
    for aid, start, trained in acts:
        n_by_month[start.month] += 1
        people_by_month[start.month] += trained if trained is not None else (part.get(aid) or 0)
    months = sorted(n_by_month)
    rows = [[_month_name(m, lang), str(n_by_month[m]), str(people_by_month[m])] for m in months]
    rows.append([t["total"], str(sum(n_by_month.values())), str(sum(people_by_month.values()))])
    table = StatTable(t["trainings"], [t["month"], t["n_trainings"], t["people"]], rows)
    return _with_chart(table, [r[0] for r in rows[:-1]], [float(people_by_month[m]) for m in months])


def _documents(period, agency, t) -> StatTable | None:
    from ctip.records.models import Document

    qs = Document.objects.filter(date__gte=period.start, date__lte=period.end)
    if agency is not None:
        qs = qs.filter(agency=agency)
    grid: dict[str, Counter] = defaultdict(Counter)
    for kind, direction, n in qs.values_list("kind", "direction").annotate(n=Count("id")).order_by():
        grid[kind][direction] += n
    if not grid:
        return None
    rows, labels, values = [], [], []
    for kind in t["doc_kinds"]:
        if kind not in grid:
            continue
        c = grid[kind]
        total = sum(c.values())
        rows.append([t["doc_kinds"][kind], str(c["incoming"]), str(c["outgoing"]), str(c["other"]),
                     str(total)])
        labels.append(t["doc_kinds"][kind])
        values.append(float(total))
    table = StatTable(t["documents"], [t["kind"], t["incoming"], t["outgoing"], t["other"],
                                       t["total"]], rows)
    return _with_chart(table, labels, values)


def _activities_by_item(plan, period, agency, t) -> StatTable | None:
    from ctip.plan.models import PlanItem
    from ctip.records.models import Activity

    through = Activity.plan_items.through
    qs = through.objects.filter(activity__start__gte=period.start, activity__start__lte=period.end,
                                planitem__plan=plan)
    if agency is not None:
        qs = qs.filter(activity__agency=agency)
    counts = dict(qs.values_list("planitem__code").annotate(n=Count("id")).order_by())
    if not counts:
        return None
    codes = sorted(counts, key=PlanItem.make_sort_key)
    rows = [[c, str(counts[c])] for c in codes]
    table = StatTable(t["by_item"], [t["item"], t["count"]], rows)
    top = sorted(codes, key=lambda c: -counts[c])[:15]
    return _with_chart(table, top, [float(counts[c]) for c in top])


def _recommendations(plan, period, agency, t) -> StatTable | None:
    from ctip.records.models import Recommendation

    qs = Recommendation.objects.filter(year__lte=period.year)
    if agency is not None:
        qs = qs.filter(responsible=agency)
    counts = dict(qs.values_list("status").annotate(n=Count("id", distinct=True)).order_by())
    if not counts:
        return None
    rows = [[label, str(counts[s])] for s, label in t["rec_status"].items() if counts.get(s)]
    table = StatTable(t["recs"], [t["status"], t["count"]], rows)
    return _with_chart(table, [r[0] for r in rows], [float(r[1]) for r in rows])


def _cases(period, user, t) -> StatTable | None:
    """Aggregate case statistics from ctip.cases, when that app offers them to this user."""
    if user is None:
        return None
    try:
        from ctip.cases.selectors import case_statistics
    except ImportError:
        return None
    try:
        data = case_statistics(user, year=period.year)
    except Exception:  # noqa: BLE001 - not allowed or not ready: the annex goes without it
        return None
    rows = []
    items = data.items() if isinstance(data, dict) else []
    for key, value in items:
        if isinstance(value, int | float):
            rows.append([str(key).replace("_", " "), str(value)])
    if not rows:
        return None
    return StatTable(t["cases"], [t["indicator"], t["value"]], rows)


def records_ready() -> bool:
    """True when ctip.records' tables exist (its migrations may land after this app's)."""
    from django.db import connection

    from ctip.records.models import Activity, Document, Recommendation

    names = set(connection.introspection.table_names())
    return all(m._meta.db_table in names for m in (Activity, Document, Recommendation))


def annex_tables(plan, period, agency, *, lang: str = "az", sections=None,
                 user=None) -> list[StatTable]:
    """All non-empty annex tables for the scope (one agency, or all agencies when None)."""
    t = T[lang]
    tables = []
    if records_ready():
        tables += [
            _trainings(period, agency, lang, t),
            _documents(period, agency, t),
            _activities_by_item(plan, period, agency, t),
            _recommendations(plan, period, agency, t),
        ]
    tables += [_report_status(plan, period, agency, t), _cases(period, user, t)]
    return [tb for tb in tables if tb is not None]
