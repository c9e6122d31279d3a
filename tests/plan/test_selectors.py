"""ctip.plan.selectors: what a page shows of a report (built here, not written onto its row),
search hits, and the one lookup of an agency by name."""

import pytest
from django.core.management import call_command
from django.utils.safestring import SafeString

from ctip.plan import selectors, services
from ctip.plan.models import ActionPlan, Fact, ItemReport
from ctip.reports.compose import resolve

pytestmark = pytest.mark.django_db


def _report_with_person(report_factory):
    narrative = "Rüfət Məmmədov 5 mart tarixində təlimdə iştirak etmişdir."
    report = report_factory(narrative=narrative)
    Fact.objects.create(
        report=report, type="person", text="Rüfət Məmmədov", start=0, end=14, pii=True
    )
    Fact.objects.create(report=report, type="date", text="5 mart", start=15, end=21)
    return report


def test_report_cards_mask_persons_for_an_analyst_and_show_them_to_the_coordinator(
    report_factory, make_user
):
    report = _report_with_person(report_factory)
    reports = list(ItemReport.objects.filter(pk=report.pk).prefetch_related("facts"))
    [seen_by_analyst] = selectors.report_cards(make_user("analyst", agency="MK"), reports)
    [seen_by_coordinator] = selectors.report_cards(make_user("coordinator", agency="MK"), reports)
    assert "Məmmədov" not in seen_by_analyst.html and "▇▇▇" in seen_by_analyst.html
    assert 'class="fact fact-date">5 mart' in seen_by_analyst.html
    assert 'class="fact fact-person">Rüfət Məmmədov' in seen_by_coordinator.html
    assert isinstance(seen_by_analyst.html, SafeString)
    assert not hasattr(reports[0], "html") and not hasattr(reports[0], "can_edit")


def test_report_cards_say_who_may_edit(report_factory, make_user):
    report = report_factory(abbr="DMX")
    reports = [report]
    [own] = selectors.report_cards(make_user("focal_point", agency="DMX"), reports)
    [other] = selectors.report_cards(make_user("focal_point", agency="DİN"), reports)
    assert own.report == report and own.can_edit is True
    assert other.can_edit is False


def test_search_hits_carry_an_escaped_safe_snippet(report_factory, make_user):
    report = report_factory(narrative="Təlim <b>keçirilmişdir</b> Bakıda.")
    report.search_text = services._report_search_text(report.narrative, [])
    report.save(update_fields=["search_text"])
    _items, hits, _more = selectors.search(make_user("coordinator", agency="MK"), "təlim")
    [hit] = hits
    assert isinstance(hit.snippet, SafeString)
    assert "<mark>Təlim</mark>" in hit.snippet and "&lt;b&gt;" in hit.snippet


# --- one lookup of an agency by name: agency_named, used by commands and reports too ----------


def test_agency_named_finds_by_abbreviation_name_or_alias_ignoring_case_and_diacritics(
    make_agency,
):
    agency = make_agency("ƏDX", name_az="Əmək Dövlət Xidməti", aliases=["Əmək xidməti"])
    assert selectors.agency_named("ƏDX") == agency
    assert selectors.agency_named("ədx") == agency
    assert selectors.agency_named("emek dovlet xidmeti") == agency
    assert selectors.agency_named("ƏMƏK XİDMƏTİ") == agency
    assert selectors.agency_named("Başqa") is None and selectors.agency_named("") is None


def test_the_obligations_command_and_the_report_find_an_agency_by_its_name(make_agency, capsys):
    agency = make_agency("ƏDX", name_az="Əmək Dövlət Xidməti")
    plan = ActionPlan.objects.create(
        code="SINAQ-2031-2033", title="t", start_year=2031, end_year=2033
    )
    period, _ = services.get_or_create_period(plan, "2031")
    assert resolve(plan, period, "Əmək Dövlət Xidməti") == (plan, period, agency)
    assert resolve(plan, period, "ədx")[2] == agency
    call_command("obligations", "--plan", plan.code, "--agency", "əmək dövlət xidməti")
    assert capsys.readouterr().out.startswith("SINAQ-2031-2033: 0 obligations")
