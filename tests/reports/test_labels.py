"""The document's labels come from the translation catalogues, in the report's language (not the
interface's), with Azerbaijani months and ordinal suffixes in the official style."""

import datetime as dt

import pytest
from django.utils import translation

from ctip.reports.compose import compose_report, heading_text, period_label

pytestmark = pytest.mark.django_db


def _annex(plan, agency, lang):
    from ctip.reports.stats import annex_tables

    return {
        t.title: t for t in annex_tables(plan, plan.periods.get(code="2022"), agency, lang=lang)
    }


@pytest.fixture
def records(small_plan):
    from ctip.plan.models import Agency
    from ctip.records.models import Activity, Document

    aaa = Agency.objects.get(abbr="AAA")
    Activity.objects.create(
        agency=aaa, kind="training", title="Təlim", start=dt.date(2022, 4, 2), number_trained=9
    )
    for kind, number in (("resolution", "1/1"), ("order", "2/2")):
        Document.objects.create(
            agency=aaa, kind=kind, number=number, date=dt.date(2022, 2, 1), direction="incoming"
        )
    return aaa


def test_azerbaijani_annex_names_resolution_dərkənar_and_order_əmr(small_plan, records):
    with translation.override("en"):  # the interface's language does not matter
        tables = _annex(small_plan, records, "az")
    docs = tables["Məktublar və sənədlər"]
    assert docs.columns == ["Növ", "Daxil olan", "Göndərilən", "Digər", "Cəmi"]
    assert [r[0] for r in docs.rows] == ["Dərkənar / tapşırıq", "Əmr"]
    assert tables["Təlimlər və təlim keçmiş şəxslər"].rows[0][0] == "aprel"
    assert tables["Yarımbənd hesabatlarının vəziyyəti"].rows[0] == ["Təsdiqlənib", "1"]


def test_russian_annex_uses_russian_labels(small_plan, records):
    tables = _annex(small_plan, records, "ru")
    assert [r[0] for r in tables["Письма и документы"].rows] == ["Резолюция / поручение", "Приказ"]
    assert tables["Тренинги и число обученных"].rows[0][0] == "Апрель"


def test_headings_and_periods_in_each_language():
    class Half:
        year, half = 2022, 2

    assert heading_text("4.1.6", "X", "ru") == "По подпункту 4.1.6 (X):"
    assert period_label(Half, "az") == "2022-ci ilin ikinci yarısı"
    assert period_label(Half, "ru") == "Второе полугодие 2022 года"
    assert period_label(Half, "en") == "Second half of 2022"
    Half.half = None
    assert [period_label(Half, lang) for lang in ("az", "ru", "en")] == [
        "2022-ci il",
        "2022 год",
        "2022",
    ]


def test_russian_report_is_russian_whatever_the_interface_language(small_plan):
    with translation.override("az"):
        doc = compose_report("TEST-PLAN", "2022", None, lang="ru", include_submitted=True)
    assert doc.title_lines[0] == "Национальный доклад"
    assert doc.labels["annex"] == "Статистическое приложение"
    assert doc.labels["draft"].startswith("Проект — на рассмотрении")
    assert translation.get_language() != "ru"  # the override did not leak
