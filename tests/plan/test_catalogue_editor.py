"""The catalogue editor: titles in three languages, executors, deadline, expected result;
every change audited and shown as history; missing translations as a to-do; the reports in
English and Russian use the titles and mark a fallback to Azerbaijani; the current plan."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from ctip.audit.models import AuditEntry
from ctip.plan import services as plan_services
from ctip.plan.catalogue import selectors, services
from ctip.plan.models import ActionPlan, ItemReport, PlanItem
from ctip.plan.selectors import default_plan
from ctip.reports.compose import compose_report, plain_text
from ctip.reports.render_html import render_html

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_pages(client):
    """The pages these tests read are asked for in English (Azerbaijani is the default)."""
    client.cookies["django_language"] = "en"


def _titles(item, **changes):
    return {"az": item.title_az, "en": item.title_en, "ru": item.title_ru} | changes


def test_an_edit_is_audited_with_old_and_new_values_and_shown_as_history(
    invented_plan, coordinator, login_as
):
    item = PlanItem.objects.get(plan=invented_plan, code="7.1.1")
    services.edit_item(
        coordinator,
        item,
        titles=_titles(item, en="Preparing guidebooks"),
        deadline="2032-ci ilin II rübü",
        expected_result="Yeni vəsaitlər",
        executors_text="DİN, Dövlət Miqrasiya Xidməti (razılaşdırılmaqla)",
    )
    item.refresh_from_db()
    assert (item.deadline_kind, item.deadline_start, item.deadline_end) == (
        "quarter",
        dt.date(2032, 4, 1),
        dt.date(2032, 6, 30),
    )
    assert [(e.agency.abbr, e.by_agreement) for e in item.executors.order_by("position")] == [
        ("DİN", False),
        ("DMX", True),
    ]
    entry = AuditEntry.objects.get(action="plan.item.edited", object_id=str(item.pk))
    assert entry.actor == coordinator
    assert entry.details["title_en"] == ["", "Preparing guidebooks"]
    assert entry.details["deadline"] == ["2031-ci il", "2032-ci ilin II rübü"]
    assert entry.details["executors"] == [
        [["DİN", False], ["AM", True]],
        [["DİN", False], ["DMX", True]],
    ]
    html = login_as(coordinator).get(f"/plan/items/{item.pk}/history/").content.decode()
    assert "Preparing guidebooks" in html and "2032-ci ilin II rübü" in html
    assert "added by the plan" in html or "sənəd" in html  # version 1 added it


def test_an_edit_that_changes_nothing_leaves_no_audit_entry(invented_plan, coordinator):
    item = PlanItem.objects.get(plan=invented_plan, code="7.1.1")
    before = AuditEntry.objects.count()
    services.edit_item(coordinator, item, titles=_titles(item))
    assert AuditEntry.objects.count() == before


@pytest.mark.parametrize("role", ["focal_point", "admin", "analyst"])
def test_only_the_coordinator_edits(invented_plan, make_user, login_as, role):
    item = PlanItem.objects.get(plan=invented_plan, code="7.1.1")
    user = make_user(role)
    with pytest.raises(PermissionDenied):
        services.edit_item(user, item, titles=_titles(item, en="x"))
    client = login_as(user)
    assert client.get(f"/plan/items/{item.pk}/edit/").status_code == 403
    assert client.post(f"/plan/items/{item.pk}/edit/", {"title_az": "x"}).status_code == 403
    item.refresh_from_db()
    assert item.title_en == ""


def test_the_azerbaijani_title_is_required(invented_plan, coordinator, login_as):
    item = PlanItem.objects.get(plan=invented_plan, code="7.1")
    with pytest.raises(ValidationError):
        services.edit_item(coordinator, item, titles={"az": "  ", "en": "Direction"})
    client = login_as(coordinator)
    response = client.post(f"/plan/items/{item.pk}/edit/", {"title_az": "", "title_en": "D"})
    assert response.status_code == 200 and "errorlist" in response.content.decode()


def test_missing_translations_are_a_to_do_until_entered(invented_plan, coordinator, login_as):
    todo = {i.code for i in selectors.translation_todo(invented_plan)}
    assert todo == {"7.1", "7.1.1", "7.1.2", "7.2", "7.2.1", "7.2.2"}
    client = login_as(coordinator)
    item = PlanItem.objects.get(plan=invented_plan, code="7.1.2")
    response = client.post(
        f"/plan/items/{item.pk}/edit/",
        {
            "title_az": item.title_az,
            "title_en": "Building and testing a database",
            "title_ru": "Создание и испытание базы данных",
            "executors_text": item.executors_text,
            "deadline": item.deadline,
            "expected_result": item.expected_result,
        },
    )
    assert response.status_code == 302
    assert "7.1.2" not in {i.code for i in selectors.translation_todo(invented_plan)}
    page = client.get(f"/plan/plans/{invented_plan.pk}/").content.decode()
    todo_html = page[page.index('id="translation-todo"') :]
    assert f"/plan/items/{item.pk}/edit/" not in todo_html.split("</ul>")[0]
    # a new Azerbaijani wording puts the translations back on the list, for review
    item.refresh_from_db()
    services.edit_item(coordinator, item, titles=_titles(item, az="Məlumat bazasının yenilənməsi"))
    item.refresh_from_db()
    assert item.translation_review and item in selectors.translation_todo(invented_plan)


def test_english_and_russian_reports_use_the_titles_and_mark_a_fallback(invented_plan, coordinator):
    period = invented_plan.periods.get(code="2031")
    translated = PlanItem.objects.get(plan=invented_plan, code="7.1.1")
    untranslated = PlanItem.objects.get(plan=invented_plan, code="7.2.1")
    services.edit_item(coordinator, translated, titles=_titles(translated, en="Guidebooks"))
    for item, abbr in ((translated, "DİN"), (untranslated, "DMX")):
        ItemReport.objects.create(
            item=item,
            agency=item.executors.get(agency__abbr=abbr).agency,
            period=period,
            narrative="Tədbir həyata keçirilmişdir.",
            status="approved",
        )
    doc = compose_report(invented_plan, period, lang="en", annex=False)
    sections = {s.code: s for s in doc.sections}
    assert sections["7.1.1"].title == "Guidebooks" and not sections["7.1.1"].fallback
    assert sections["7.2.1"].title == untranslated.title_az and sections["7.2.1"].fallback
    html = render_html(doc)
    assert html.count('class="fallback"') == 1 and "not translated yet" in html
    assert "(title in Azerbaijani: not translated yet)" in plain_text(doc)
    with translation.override("en"):
        ru = compose_report(invented_plan, period, lang="ru", annex=False)
    assert all(s.fallback for s in ru.sections)
    assert not any(s.fallback for s in compose_report(invented_plan, period, annex=False).sections)


def test_the_coordinator_chooses_the_current_plan(invented_plan, loaded_plan, coordinator):
    assert default_plan() == invented_plan  # the latest by its years
    plan_services.set_current_plan(coordinator, loaded_plan)
    assert default_plan() == loaded_plan and selectors.default_plan() == loaded_plan
    assert list(ActionPlan.objects.filter(is_current=True)) == [loaded_plan]
    plan_services.set_current_plan(coordinator, invented_plan)
    assert list(ActionPlan.objects.filter(is_current=True)) == [invented_plan]


def test_plan_page_lists_catalogue_versions_and_settings(invented_plan, coordinator, login_as):
    client = login_as(coordinator)
    html = client.get(f"/plan/plans/{invented_plan.pk}/").content.decode()
    assert "7.2.2" in html and "Qaynar xəttin" in html and 'id="catalogue"' in html
    response = client.post(
        f"/plan/plans/{invented_plan.pk}/settings/",
        {"report_due_days": "31", "by_agreement_owes": "on", "previous": ""},
    )
    assert response.status_code == 302
    invented_plan.refresh_from_db()
    assert invented_plan.report_due_days == 31 and invented_plan.by_agreement_owes
    version = client.get(f"/plan/plans/{invented_plan.pk}/versions/1/").content.decode()
    assert "7.1.1" in version and 'id="differences"' in version
