"""The statistics annex: a few aggregate tables of the period, in the report's language.

Aggregates only (counts and sums), never personal data. The records' figures come from
ctip.records.stats (the same counting rules as the registry's statistics page); case statistics
are added when the caller passes a user allowed to see them.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count

from ctip.azlang import MONTHS as AZ_MONTHS
from ctip.cases.selectors import case_statistics
from ctip.records import stats as records_stats
from ctip.records.charts import bar_chart

from .compose import Chart, StatTable

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
    return (AZ_MONTHS if lang == "az" else MONTHS[lang])[m - 1]


def _with_chart(table: StatTable, labels: list[str], values: list[float]) -> StatTable:
    if any(values):
        svg = bar_chart(list(zip(labels, values, strict=True)), table.title)
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


def _trainings(period, agency, lang, t, user) -> StatTable | None:
    months = records_stats.trainings_by_month(user, period=period, agency=agency)
    if not months:
        return None
    rows = [[_month_name(r["month"], lang), str(r["value"]), str(r["trained"])] for r in months]
    rows.append([t["total"], str(sum(r["value"] for r in months)),
                 str(sum(r["trained"] for r in months))])
    table = StatTable(t["trainings"], [t["month"], t["n_trainings"], t["people"]], rows)
    return _with_chart(table, [r[0] for r in rows[:-1]], [float(r["trained"]) for r in months])


def _documents(period, agency, t, user) -> StatTable | None:
    by_kind = {r["kind"]: r for r in records_stats.documents_by_kind(user, period=period,
                                                                     agency=agency)}
    if not by_kind:
        return None
    rows, labels, values = [], [], []
    for kind, label in t["doc_kinds"].items():
        if kind not in by_kind:
            continue
        r = by_kind[kind]
        rows.append([label, str(r["incoming"]), str(r["outgoing"]), str(r["other"]),
                     str(r["value"])])
        labels.append(label)
        values.append(float(r["value"]))
    table = StatTable(t["documents"], [t["kind"], t["incoming"], t["outgoing"], t["other"],
                                       t["total"]], rows)
    return _with_chart(table, labels, values)


def _activities_by_item(plan, period, agency, t, user) -> StatTable | None:
    counts = {r["label"]: r["value"] for r in records_stats.activities_by_item(
        user, period=period, agency=agency, plan=plan)}
    if not counts:
        return None
    codes = list(counts)  # in plan order
    rows = [[c, str(counts[c])] for c in codes]
    table = StatTable(t["by_item"], [t["item"], t["count"]], rows)
    top = sorted(codes, key=lambda c: -counts[c])[:15]
    return _with_chart(table, top, [float(counts[c]) for c in top])


def _recommendations(period, agency, t, user) -> StatTable | None:
    counts = {r["status"]: r["value"] for r in records_stats.recommendations_to_date(
        user, year=period.year, agency=agency)}
    rows = [[label, str(counts[s])] for s, label in t["rec_status"].items() if counts.get(s)]
    if not rows:
        return None
    table = StatTable(t["recs"], [t["status"], t["count"]], rows)
    return _with_chart(table, [r[0] for r in rows], [float(r[1]) for r in rows])


def _cases(period, user, t) -> StatTable | None:
    """Aggregate case statistics from ctip.cases, for a user allowed to see them (never for the
    system: `ctip report` leaves case figures out)."""
    if user is None:
        return None
    try:
        data = case_statistics(user, year=period.year)
    except PermissionDenied:
        return None
    rows = [[str(key).replace("_", " "), str(value)] for key, value in data.items()
            if isinstance(value, int | float)]
    if not rows:
        return None
    return StatTable(t["cases"], [t["indicator"], t["value"]], rows)


def annex_tables(plan, period, agency, *, lang: str = "az", sections=None,
                 user=None) -> list[StatTable]:
    """All non-empty annex tables for the scope (one agency, or all agencies when None).

    `user` is who asked (the web view), or None for the system (the `ctip report` command)."""
    t = T[lang]
    tables = [
        _trainings(period, agency, lang, t, user),
        _documents(period, agency, t, user),
        _activities_by_item(plan, period, agency, t, user),
        _recommendations(period, agency, t, user),
        _report_status(plan, period, agency, t),
        _cases(period, user, t),
    ]
    return [tb for tb in tables if tb is not None]
