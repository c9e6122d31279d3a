"""Demo action plan: NAP-2020-2024 with synthetic sub-items and narratives (no real people).

Every sentence here is invented for the demo. Idempotent: items, periods and reports are found by
their natural keys; a report that exists is left as it is.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction

from ctip.azlang.dates import MONTHS
from ctip.azlang.deadlines import parse_deadline
from ctip.plan.catalogue.importer import set_executors
from ctip.plan.catalogue.services import record_indicator_value, save_indicator
from ctip.plan.models import (
    Agency,
    Indicator,
    ItemReport,
    PlanItem,
    PlanVersion,
    ReportTransition,
)
from ctip.plan.services import (
    _fact_rows,
    _replace_facts,
    _report_search_text,
    ensure_item,
    extract_facts,
    get_or_create_period,
    get_or_create_plan,
    item_search_text,
    sync_agencies,
)

PLAN = "NAP-2020-2024"
AGENCIES = ["DMX", "DİN", "DSX", "ƏƏSMN", "XİN", "AQUPDK"]

# code -> title (synthetic)
ITEMS = {
    "1": "Hüquqi bazanın təkmilləşdirilməsi",
    "1.1": "Normativ aktların təhlili",
    "1.1.1": "Miqrasiya sahəsində normativ aktların insan alveri riskləri baxımından təhlili",
    "1.1.2": "Qurbanların müəyyən edilməsi qaydalarının yenilənməsi üçün təkliflərin hazırlanması",
    "1.2": "Beynəlxalq hüquqi əməkdaşlıq",
    "1.2.1": "Qonşu ölkələrlə geri qəbul sazişlərinin icrasının izlənilməsi",
    "2": "Qarşısının alınması",
    "2.1": "Maarifləndirmə",
    "2.1.1": "Gənclər arasında saxta iş təklifləri barədə maarifləndirmə kampaniyalarının keçirilməsi",
    "2.1.2": "Sərhəd keçid məntəqələrində məlumat vərəqələrinin yayılması",
    "2.1.3": "Əmək miqrantları üçün qaynar xəttin fəaliyyətinin genişləndirilməsi",
    "2.2": "Risk qruplarının müəyyən edilməsi",
    "2.2.1": "Məcburi əmək risklərinin monitorinqi üçün birgə yoxlamaların aparılması",
    "3": "Qurbanların müdafiəsi",
    "3.1": "Reabilitasiya",
    "3.1.1": "Qurbanlara sığınacaq və psixoloji dəstək xidmətlərinin göstərilməsi",
    "3.1.2": "Qurbanların peşə hazırlığı kurslarına cəlb olunması",
    "4": "Təlim və potensialın artırılması",
    "4.1": "Hüquq-mühafizə orqanları üçün təlimlər",
    "4.1.1": "Əməkdaşlar üçün qurbanların ilkin müəyyən edilməsi üzrə təlimlərin təşkili",
    "4.1.2": "Beynəlxalq təşkilatlarla birgə regional seminarların keçirilməsi",
}

RESPONSIBLE = {
    "1.1.1": ["DMX", "DİN"],
    "1.1.2": ["DİN", "ƏƏSMN"],
    "1.2.1": ["XİN", "DMX"],
    "2.1.1": ["AQUPDK", "DİN", "ƏƏSMN"],
    "2.1.2": ["DSX", "DMX"],
    "2.1.3": ["ƏƏSMN"],
    "2.2.1": ["ƏƏSMN", "DİN", "DMX"],
    "3.1.1": ["AQUPDK", "ƏƏSMN"],
    "3.1.2": ["ƏƏSMN"],
    "4.1.1": ["DİN", "DSX", "DMX"],
    "4.1.2": ["XİN", "DİN"],
}

COUNTRIES = ["Gürcüstan", "Türkiyə", "Qazaxıstan", "Özbəkistan", "Almaniya", "Polşa"]
PARTNERS = ["Beynəlxalq Miqrasiya Təşkilatı", "Avropa Şurası", "Beynəlxalq Əmək Təşkilatı"]
# invented officials (common Azerbaijani name parts, no real person intended)
NAMES = ["Aynur Həsənli", "Elvin Qasımzadə", "Nigar Səfərova", "Tural Mehdiyev"]

SENTENCES = [
    "{y}-ci il {d} {m} tarixində {partner} ilə birgə {n} nəfər əməkdaşın iştirakı ilə işçi görüşü "
    "keçirilmişdir.",
    "Hesabat dövründə {country} tərəfi ilə məlumat mübadiləsi aparılmış, {n2} sorğu "
    "cavablandırılmışdır.",
    "Bu məqsədlə {y}-ci il {d2} {m2} tarixli {num}/{num2} nömrəli məktub aidiyyəti qurumlara "
    "göndərilmişdir.",
    "Tədbirlərin əlaqələndirilməsi şöbə müdiri {name} tərəfindən həyata keçirilmişdir.",
    "Maarifləndirmə məqsədilə {n3} ədəd məlumat vərəqəsi hazırlanaraq yayılmışdır.",
    "İl ərzində {n} nəfər potensial qurbanla müsahibə aparılmış və onlar müvafiq xidmətlərə "
    "yönləndirilmişdir.",
    "{partner} nümayəndələri ilə {y}-ci ilin {m} ayında onlayn seminar təşkil olunmuşdur.",
]


def _narrative(rng: random.Random, year: int, agency: str) -> str:
    picks = rng.sample(SENTENCES, k=rng.randint(3, 5))
    vals = {
        "y": year,
        "d": rng.randint(1, 28),
        "m": rng.choice(MONTHS),
        "d2": rng.randint(1, 28),
        "m2": rng.choice(MONTHS),
        "n": rng.randint(3, 60),
        "n2": rng.randint(2, 30),
        "n3": rng.choice([150, 300, 500, 1200]),
        "num": f"{rng.randint(1, 12):02d}",
        "num2": rng.randint(100, 999),
        "country": rng.choice(COUNTRIES),
        "partner": rng.choice(PARTNERS),
        "name": rng.choice(NAMES),
    }
    return " ".join(s.format(**vals) for s in picks)


# The catalogue (issue 15): deadline, expected result and English title per sub-item (synthetic;
# 3.1.2 and 4.1.2 are left without an English title, so the to-do list has entries). DSX is
# also an executor of 3.1.1 without ever reporting on it: the matrix shows owed-and-missing.
CATALOGUE = {
    "1.1.1": (
        "2020–2021-ci illər",
        "Risklərin aradan qaldırılması üçün təkliflər",
        "Review of acts",
    ),
    "1.1.2": ("2021-ci ilin II rübü", "Yenilənmiş qaydalar", "Updating identification rules"),
    "1.2.1": ("Hər il", "Geri qəbulun izlənməsi", "Monitoring readmission agreements"),
    "2.1.1": ("Hər il", "Gənclərin məlumatlılığının artması", "Awareness campaigns for youth"),
    "2.1.2": ("Mütəmadi olaraq", "Məlumat vərəqələrinin yayılması", "Leaflets at border points"),
    "2.1.3": ("2020–2024-cü illər", "Qaynar xəttin əhatəsi", "Hotline for labour migrants"),
    "2.2.1": ("Hər il", "Birgə yoxlamalar", "Joint inspections on forced labour"),
    "3.1.1": ("Daim", "Qurbanlara xidmətlər", "Shelter and psychological support"),
    "3.1.2": ("2022-ci il", "Peşə kurslarına cəlb olunma", ""),
    "4.1.1": ("Hər il", "Təlim keçmiş əməkdaşlar", "Training on identifying victims"),
    "4.1.2": ("2021–2023-cü illər", "Regional seminarlar", ""),
}
EXTRA_EXECUTORS = {"3.1.1": ["DSX"]}
INDICATOR = {
    "item": "4.1.1",
    "names": {
        "az": "Təlim keçmiş əməkdaşlar",
        "en": "Officers trained",
        "ru": "Обучено сотрудников",
    },
    "unit": "nəfər",
    "targets": {2020: 30, 2021: 40, 2022: 50, 2023: 60, 2024: 60},
    "values": {("2020", "DİN"): 18, ("2020", "DMX"): 12, ("2021", "DİN"): 21, ("2021", "DMX"): 15},
}


STATUS_BY_YEAR = {
    2020: ["approved"],
    2021: ["approved", "approved", "submitted"],
    2022: ["approved", "submitted", "returned"],
    2023: ["draft", "submitted", "draft", "returned"],
}


# What the coordinator wrote when returning a demo report (shown to the focal point who edits it).
RETURN_COMMENT = (
    "Zəhmət olmasa, keçirilmiş tədbirlərin tarixlərini və iştirakçıların sayını dəqiqləşdirin."
)


def report_source(abbr: str, year: int) -> str:
    """Where a demo report says it came from, as an import names its document (in Azerbaijani,
    as the documents are, and marked as a sample): "DMX hesabatı, 2022 (nümunə)"."""
    return f"{abbr} hesabatı, {year} (nümunə)"


def load(stdout=None) -> list[str]:
    """The plan, its items, four periods of reports and the catalogue (existing rows kept)."""
    sync_agencies()
    rng = random.Random(2026)
    with transaction.atomic():
        plan, _ = get_or_create_plan(PLAN)
        agencies = {a.abbr: a for a in Agency.objects.filter(abbr__in=AGENCIES)}
        _items(plan, agencies)
        periods = {y: get_or_create_period(plan, str(y))[0] for y in range(2020, 2024)}
        created = _reports(plan, agencies, periods, rng)
        _upgrade(plan)
        _catalogue(plan, periods)
    return [f"Action plan {PLAN}: {len(ITEMS)} items, 4 periods, {created} new demo reports."]


def _items(plan, agencies) -> None:
    """The plan's items with their titles, search text and responsible agencies."""
    cache: dict = {}
    for code, title in ITEMS.items():
        item, new = ensure_item(plan, code, title, from_report=False, cache=cache)
        if item.title_az in ("", item.code):  # a parent made earlier without a title
            item.title_az = title
        item.search_text = item_search_text(item)
        item.save()
        if code in RESPONSIBLE:
            item.responsible.add(*[agencies[a] for a in RESPONSIBLE[code]])


def _reports(plan, agencies, periods, rng: random.Random) -> int:
    """A report per sub-item, responsible agency and year, with its facts; how many were new.

    The random draws happen before the existence check, so a rerun draws the same sequence.
    """
    created = 0
    subs = PlanItem.objects.filter(plan=plan, code__in=list(RESPONSIBLE))
    for item in subs.order_by("sort_key"):
        for abbr in RESPONSIBLE[item.code]:
            for year, period in periods.items():
                status = rng.choice(STATUS_BY_YEAR[year])
                text = _narrative(rng, year, abbr)
                if ItemReport.objects.filter(
                    item=item, agency=agencies[abbr], period=period
                ).exists():
                    continue
                rows = _fact_rows(text, extract_facts(text))
                report = ItemReport.objects.create(
                    item=item,
                    agency=agencies[abbr],
                    period=period,
                    narrative=text,
                    status=status,
                    source=report_source(abbr, year),
                    search_text=_report_search_text(text, rows),
                )
                _replace_facts(report, rows)
                comment = RETURN_COMMENT if status == ItemReport.Status.RETURNED else ""
                ReportTransition.objects.create(
                    report=report, from_status="", to_status=status, comment=comment
                )
                created += 1
    return created


def _upgrade(plan) -> None:
    """Demo reports loaded by an older ctip said only "demo" as their source and comment."""
    old = ItemReport.objects.filter(item__plan=plan, source="demo")
    for report in old.select_related("agency", "period"):
        source = report_source(report.agency.abbr, report.period.year)
        ItemReport.objects.filter(pk=report.pk).update(source=source)
    comments = ReportTransition.objects.filter(report__item__plan=plan, comment="demo")
    comments.filter(to_status=ItemReport.Status.RETURNED).update(comment=RETURN_COMMENT)
    comments.update(comment="")


def _catalogue(plan, periods) -> None:
    """Executors, deadlines, expected results, English titles, a version and an indicator."""
    agencies = {a.abbr: a for a in Agency.objects.all()}
    plan.approved_by_kind, plan.approved_on, plan.is_current = "order", dt.date(2020, 7, 22), True
    plan.save()
    for item in PlanItem.objects.filter(plan=plan, code__in=list(CATALOGUE)):
        deadline, result, title_en = CATALOGUE[item.code]
        parsed = parse_deadline(deadline)
        item.deadline, item.deadline_kind = deadline, parsed.kind
        item.deadline_start, item.deadline_end = parsed.start, parsed.end
        item.expected_result, item.title_en = result, item.title_en or title_en
        names = RESPONSIBLE[item.code] + EXTRA_EXECUTORS.get(item.code, [])
        item.executors_text = ", ".join(names)
        item.save()
        set_executors(item, [(agencies[a], False, agencies[a].name_az) for a in names])
    PlanVersion.objects.get_or_create(
        plan=plan,
        number=1,
        defaults={
            "act_kind": "order",
            "act_date": dt.date(2020, 7, 22),
            "source_name": "demo",
            "changes": [
                {"code": c, "level": min(c.count(".") + 1, 3), "change": "added", "title": t}
                for c, t in ITEMS.items()
                if "." in c
            ],
        },
    )
    _indicator(plan, periods, agencies)


def _indicator(plan, periods, agencies) -> None:
    """The demo's indicator with its targets and two years of entered values (once)."""
    item = PlanItem.objects.get(plan=plan, code=INDICATOR["item"])
    if Indicator.objects.filter(item=item).exists():
        return
    indicator = save_indicator(
        None,
        item,
        names=INDICATOR["names"],
        unit=INDICATOR["unit"],
        source=Indicator.Source.PEOPLE_TRAINED,
        targets={y: Decimal(v) for y, v in INDICATOR["targets"].items()},
    )
    for (year, abbr), value in INDICATOR["values"].items():
        record_indicator_value(
            None, indicator, period=periods[int(year)], agency=agencies[abbr], value=Decimal(value)
        )
