"""Indicators: targets per year, values entered by the reporting agency or accepted from a
suggestion of the records, progress charts on the plan page and in the consolidated report."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from ctip.audit.models import AuditEntry
from ctip.core.charts import target_chart
from ctip.plan.catalogue import selectors, services
from ctip.plan.models import Agency, IndicatorValue, ItemReport, PlanItem
from ctip.reports.compose import compose_report
from ctip.reports.render_html import render_html

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_pages(client):
    """The pages these tests read are asked for in English (Azerbaijani is the default)."""
    client.cookies["django_language"] = "en"


@pytest.fixture
def training_indicator(invented_plan):
    item = PlanItem.objects.get(plan=invented_plan, code="7.2.1")  # DMX and AQUPDK execute it
    return services.save_indicator(
        None,
        item,
        names={"az": "Keçirilmiş təlimlər", "en": "Trainings held"},
        unit="təlim",
        baseline=Decimal("2"),
        baseline_year=2030,
        source="trainings",
        targets={2031: Decimal("4"), 2032: Decimal("6"), 2033: Decimal("8")},
    )


def _training(item, agency, day, trained=10):
    from ctip.records.models import Activity

    activity = Activity.objects.create(
        kind=Activity.Kind.TRAINING,
        start=day,
        agency=agency,
        title="Sınaq təlimi",
        narrative_az="Təlim keçirilmişdir.",
        number_trained=trained,
    )
    activity.plan_items.add(item)
    return activity


def test_an_indicator_has_targets_per_year_and_progress(training_indicator):
    rows = selectors.indicator_progress(selectors.indicators_of(training_indicator.item.plan)[0])
    assert [(r.year, r.target, r.actual) for r in rows] == [
        (2031, Decimal("4"), None),
        (2032, Decimal("6"), None),
        (2033, Decimal("8"), None),
    ]
    assert AuditEntry.objects.filter(action="plan.indicator.created").count() == 1


def test_a_suggestion_from_the_records_is_shown_and_saved_only_when_accepted(
    training_indicator, make_user, login_as
):
    item = training_indicator.item
    dmx = Agency.objects.get(abbr="DMX")
    period = item.plan.periods.get(code="2031")
    for day in (dt.date(2031, 3, 1), dt.date(2031, 5, 2), dt.date(2031, 9, 9)):
        _training(item, dmx, day)
    _training(item, dmx, dt.date(2032, 1, 5))  # another period
    client = login_as(make_user("focal_point", agency="DMX"))
    page = client.get(
        f"/plan/indicators/{training_indicator.pk}/", {"period": period.pk, "agency": dmx.pk}
    ).content.decode()
    assert 'id="suggestions"' in page and "<strong>3</strong>" in page
    assert not IndicatorValue.objects.exists()  # shown, not saved
    response = client.post(
        f"/plan/indicators/{training_indicator.pk}/",
        {"period": period.pk, "agency": dmx.pk, "value": "3", "suggestion": "records:trainings"},
    )
    assert response.status_code == 302
    value = IndicatorValue.objects.get()
    assert (value.value, value.source) == (Decimal("3"), "suggested")
    assert "7.2.1" in value.source_note and value.source_note.endswith("2031 (DMX)")
    assert value.entered_by.role == "focal_point"


def test_the_indicator_page_gives_each_element_its_own_id(training_indicator, make_user, login_as):
    """The suggestion filter and the value form both ask for a period and an agency: each
    select has its own id, so each label names its own select."""
    dmx = Agency.objects.get(abbr="DMX")
    period = training_indicator.item.plan.periods.get(code="2031")
    client = login_as(make_user("focal_point", agency="DMX"))
    page = client.get(
        f"/plan/indicators/{training_indicator.pk}/", {"period": period.pk, "agency": dmx.pk}
    ).content.decode()
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert ids.count("id_period") == 1 and ids.count("id_agency") == 1
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    labelled = set(re.findall(r'\bfor="([^"]+)"', page))
    assert {"suggest_period", "suggest_agency", "id_period", "id_agency"} <= set(ids)
    assert labelled <= set(ids)


def test_an_adjusted_suggestion_is_saved_as_entered_with_its_source(training_indicator):
    item = training_indicator.item
    dmx = Agency.objects.get(abbr="DMX")
    period = item.plan.periods.get(code="2031")
    _training(item, dmx, dt.date(2031, 3, 1))
    value = services.record_indicator_value(
        None,
        training_indicator,
        period=period,
        agency=dmx,
        value=Decimal("2"),
        suggestion="records:trainings",
    )
    assert value.source == "entered" and value.source_note


def test_people_trained_and_materials_are_suggested_from_their_records(training_indicator):
    item = training_indicator.item
    dmx = Agency.objects.get(abbr="DMX")
    period = item.plan.periods.get(code="2031")
    _training(item, dmx, dt.date(2031, 3, 1), trained=25)
    _training(item, dmx, dt.date(2031, 4, 1), trained=15)
    training_indicator.source = "people_trained"
    training_indicator.save()
    [suggestion] = services.suggestions_for(training_indicator, period, dmx)
    assert suggestion["value"] == 40 and suggestion["key"] == "records:people_trained"
    training_indicator.source = "manual"
    training_indicator.save()
    assert services.suggestions_for(training_indicator, period, dmx) == []


def test_only_the_reporting_agency_or_the_coordinator_enters_a_value(training_indicator, make_user):
    item = training_indicator.item
    period = item.plan.periods.get(code="2031")
    din = Agency.objects.get(abbr="DİN")  # not an executor of 7.2.1
    dmx = Agency.objects.get(abbr="DMX")
    with pytest.raises(PermissionDenied):
        services.record_indicator_value(
            make_user("focal_point", agency="DİN"),
            training_indicator,
            period=period,
            agency=din,
            value=Decimal("1"),
        )
    with pytest.raises(PermissionDenied):  # another agency's value
        services.record_indicator_value(
            make_user("focal_point", agency="DİN"),
            training_indicator,
            period=period,
            agency=dmx,
            value=Decimal("1"),
        )
    services.record_indicator_value(
        make_user("coordinator", agency=None),
        training_indicator,
        period=period,
        agency=dmx,
        value=Decimal("5"),
    )
    assert IndicatorValue.objects.get().value == Decimal("5")


def test_plan_page_and_consolidated_report_chart_progress_against_targets(
    training_indicator, make_user, login_as
):
    item = training_indicator.item
    period = item.plan.periods.get(code="2031")
    dmx = Agency.objects.get(abbr="DMX")
    services.record_indicator_value(
        None, training_indicator, period=period, agency=dmx, value=Decimal("3")
    )
    html = (
        login_as(make_user("analyst", agency=None))
        .get(f"/plan/plans/{item.plan_id}/")
        .content.decode()
    )
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart"' in html
    assert "2031: 3 / 4" in html  # achieved / target, in the chart's description
    ItemReport.objects.create(
        item=item, agency=dmx, period=period, narrative="Təlimlər.", status="approved"
    )
    doc = compose_report(item.plan, period, lang="en")
    [table] = [t for t in doc.annex if t.title == "Indicators: progress against targets"]
    assert table.rows == [["7.2.1 Trainings held", "təlim", "4", "3", "75"]]
    assert table.chart.values == [75.0] and "svg" in render_html(doc)
    agency_doc = compose_report(item.plan, period, "DMX", lang="en")
    assert not [t for t in agency_doc.annex if "Indicators" in t.title]


def test_the_target_chart_escapes_and_describes_itself():
    svg = target_chart(
        [
            {"label": "2031 <b>", "value": 3, "target": 4},
            {"label": "2032", "value": None, "target": 6},
        ],
        "Təlimlər & <kurslar>",
        unit="təlim",
        labels={"value": "achieved", "target": "target"},
    )
    assert "<b>" not in svg and "&lt;kurslar&gt;" in svg and "&amp;" in svg
    assert "2031 &lt;b&gt;: 3 / 4; 2032: — / 6" in svg
    assert svg.count('fill="#a86200"') == 3  # two target ticks and the legend's


def test_coordinator_adds_an_indicator_through_the_page(invented_plan, make_user, login_as):
    item = PlanItem.objects.get(plan=invented_plan, code="7.2.2")
    client = login_as(make_user("coordinator", agency=None))
    response = client.post(
        f"/plan/items/{item.pk}/indicators/new/",
        {
            "name_az": "Qaynar xəttə zənglər",
            "unit": "zəng",
            "source": "manual",
            "target_2031": "100",
            "target_2033": "300",
        },
    )
    assert response.status_code == 302
    indicator = item.indicators.get()
    assert {t.year: t.value for t in indicator.targets.all()} == {2031: 100, 2033: 300}
    focal = login_as(make_user("focal_point", agency="DMX"))
    assert focal.get(f"/plan/items/{item.pk}/indicators/new/").status_code == 403


def test_quantities_in_the_agencys_report_are_suggested_with_a_quote(training_indicator):
    from ctip.plan.services import _fact_rows, extract_facts

    item = training_indicator.item
    dmx = Agency.objects.get(abbr="DMX")
    period = item.plan.periods.get(code="2031")
    training_indicator.unit = "təlim"
    training_indicator.save()
    text = "Hesabat dövründə 7 təlim keçirilmiş, onlarda 140 nəfər iştirak etmişdir."
    report = ItemReport.objects.create(item=item, agency=dmx, period=period, narrative=text)
    from ctip.plan.models import Fact

    Fact.objects.bulk_create(
        [Fact(report=report, **r) for r in _fact_rows(text, extract_facts(text))]
    )
    from django.utils import translation

    with translation.override("en"):
        suggestions = services.suggestions_for(training_indicator, period, dmx)
    assert [(s["value"], s["note"]) for s in suggestions if s["key"].startswith("facts:")] == [
        (7, "Report of DMX for 2031: “7 təlim”")
    ]
    # a focal point of another agency does not see a draft, so gets no suggestion from it
    from ctip.accounts.models import User

    other = User.objects.create_user(
        "din_f", role="focal_point", agency=Agency.objects.get(abbr="DİN")
    )
    assert not [
        s
        for s in services.suggestions_for(training_indicator, period, dmx, other)
        if s["key"].startswith("facts:")
    ]


def test_indicator_page_shows_whole_counts_without_decimals_in_each_language(
    training_indicator, make_user, login_as
):
    dmx = Agency.objects.get(abbr="DMX")
    period = training_indicator.item.plan.periods.get(code="2031")
    services.record_indicator_value(
        None, training_indicator, period=period, agency=dmx, value=Decimal("1230")
    )
    client = login_as(make_user("coordinator", agency=None))
    url = f"/plan/indicators/{training_indicator.pk}/"
    for lang, value in (("en", "1,230"), ("az", "1\xa0230"), ("ru", "1\xa0230")):
        client.cookies["django_language"] = lang
        html = client.get(url).content.decode()
        assert "1230,00" not in html and "1230.00" not in html and ",00<" not in html, lang
        assert f'<td class="num">{value}</td>' in html, lang
        assert ": 2 (2030)" in html, lang  # the baseline, not "2,00"


def test_indicator_value_selects_say_what_to_choose_and_name_bodies_in_full(
    training_indicator, make_user, login_as
):
    url = f"/plan/indicators/{training_indicator.pk}/"
    page = login_as(make_user("coordinator", agency=None)).get(url).content.decode()
    assert "---------" not in page
    assert ">Choose a period</option>" in page and ">Choose an agency</option>" in page
    assert "State Migration Service (DMX)" in page
    # a focal point may enter only their own agency's values: it is chosen already
    page = login_as(make_user("focal_point", agency="DMX")).get(url).content.decode()
    agency = page[page.index('name="agency"') :]
    agency = agency[: agency.index("</select>")]
    assert "Choose an agency" not in agency and "selected>State Migration Service (DMX)" in agency


def test_indicator_page_has_no_value_form_without_periods(training_indicator, make_user, login_as):
    training_indicator.item.plan.periods.all().delete()
    url = f"/plan/indicators/{training_indicator.pk}/"
    page = login_as(make_user("coordinator", agency=None)).get(url).content.decode()
    assert 'name="period"' not in page and "Enter a value" not in page


def test_one_indicator_is_read_only_by_who_may_read_the_catalogue(training_indicator, focal):
    from django.contrib.auth.models import AnonymousUser
    from django.http import Http404

    with pytest.raises(Http404):
        selectors.indicator_with_values(AnonymousUser(), training_indicator.pk)
    found = selectors.indicator_with_values(focal, training_indicator.pk)
    assert found.pk == training_indicator.pk and list(found.targets.all())
