"""Pages behave the same way everywhere: error pages, the favicon, periods by code, htmx caching,
control characters, cases by urgency, the audit page's filters and pages."""

import datetime as dt
import io

import pytest
from django.test import override_settings


@pytest.fixture
def coordinator(make_user, login_as):
    return login_as(make_user("coordinator", None))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "words"), [("az", "Səhifə tapılmadı"), ("en", "Page not found"), ("ru", "Страница")]
)
def test_404_is_in_the_site_layout_and_language_with_a_way_back(coordinator, lang, words):
    coordinator.cookies["django_language"] = lang
    response = coordinator.get("/plan/items/999999/")
    html = response.content.decode()
    assert response.status_code == 404
    assert words in html and f'lang="{lang}"' in html
    assert 'class="top"' in html and 'href="/"' in html  # the site's header and a way back


@pytest.mark.django_db
def test_403_is_in_the_site_layout(make_user, login_as):
    client = login_as(make_user("focal_point", "DMX"))
    response = client.get("/cases/audit/")
    assert response.status_code == 403
    assert "İcazə yoxdur" in response.content.decode()


@override_settings(DEBUG=False)
def test_500_answers_in_the_layout_without_details(rf):
    from ctip.core.views import server_error

    request = rf.get("/broken/")
    request.user = None
    response = server_error(request)
    assert response.status_code == 500
    assert b"Traceback" not in response.content


@pytest.mark.django_db
def test_favicon_is_served_and_linked(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("ctip/favicon.svg")
    assert 'rel="icon"' in client.get("/accounts/login/").content.decode()


@pytest.fixture
def two_periods(db):
    from ctip.plan.models import ItemReport
    from ctip.plan.services import (
        ensure_item,
        get_or_create_period,
        get_or_create_plan,
        sync_agencies,
    )

    sync_agencies()
    plan, _ = get_or_create_plan("NAP-2020-2024")
    from ctip.plan.models import Agency

    item, _ = ensure_item(plan, "2.1.1", "Sınaq", from_report=False)
    periods = {}
    for code in ("2022", "2023"):
        periods[code], _ = get_or_create_period(plan, code)
        ItemReport.objects.create(
            item=item, agency=Agency.objects.get(abbr="DMX"), period=periods[code], status="draft"
        )
    return periods


def _selected_period(html: str) -> str:
    import re

    return re.search(r'<option value="([^"]+)" selected>', html[html.index('id="f-period"') :])[1]


def test_plan_period_in_the_url_is_its_code_and_old_id_links_still_work(coordinator, two_periods):
    assert _selected_period(coordinator.get("/plan/?period=2022").content.decode()) == "2022"
    assert _selected_period(coordinator.get("/plan/?period=2023").content.decode()) == "2023"
    old = coordinator.get(f"/plan/?period={two_periods['2022'].pk}").content.decode()
    assert _selected_period(old) == "2022"


def test_plan_overview_varies_on_htmx(coordinator, two_periods):
    page = coordinator.get("/plan/?period=2022")
    fragment = coordinator.get("/plan/?period=2022", HTTP_HX_REQUEST="true")
    assert "HX-Request" in page["Vary"] and "HX-Request" in fragment["Vary"]
    assert b"<html" in page.content and b"<html" not in fragment.content


def test_control_characters_are_stripped_from_form_input(coordinator, two_periods):
    from ctip.plan.models import ItemReport

    report = ItemReport.objects.filter(period=two_periods["2022"]).get()
    focal_client = coordinator
    from ctip.accounts.models import User

    focal = User.objects.create_user("f1", password="x-x-x-x-x-1", role="focal_point")
    focal.agency = report.agency
    focal.save()
    focal_client.force_login(focal)
    response = focal_client.post(
        f"/plan/reports/{report.pk}/edit/",
        {"narrative": "Təlim\x01 keçirildi.\x0b Sonra\x7f", "version": report.version},
    )
    assert response.status_code in (200, 302)
    report.refresh_from_db()
    assert report.narrative.startswith("Təlim keçirildi.")
    assert not any(ch in report.narrative for ch in "\x01\x0b\x7f")


def test_docx_is_generated_from_a_narrative_with_a_control_character(two_periods):
    from docx import Document as Docx

    from ctip.plan.models import ItemReport
    from ctip.reports.compose import compose_report
    from ctip.reports.render_docx import render_docx

    report = ItemReport.objects.filter(period=two_periods["2022"]).get()
    ItemReport.objects.filter(pk=report.pk).update(
        narrative="Təlim\x01 keçirildi.\x1f", status="approved"
    )
    doc = compose_report(report.item.plan, two_periods["2022"], report.agency)
    data = render_docx(doc)
    text = "\n".join(p.text for p in Docx(io.BytesIO(data)).paragraphs)
    assert "Təlim keçirildi." in text and "\x01" not in text


def test_pdf_title_keeps_the_year_range_on_one_line():
    from ctip.reports.render_html import _unbroken_years

    assert _unbroken_years("Milli Fəaliyyət Planı 2020–2024") == (
        'Milli Fəaliyyət Planı <span class="nobr">2020–2024</span>'
    )


@pytest.mark.django_db
def test_case_list_is_sorted_by_urgency(make_user, login_as):
    from ctip.cases import services
    from ctip.cases.models import Case

    worker = make_user("case_worker", "DMX")
    codes = []
    for days in (3, 2, 1):
        intake = services.register_intake(
            worker,
            channel="hotline_919",
            received_on=dt.date(2026, 3, 1) + dt.timedelta(days=days),
            persons=[{"given_name": "Sınaq", "sex": "female"}],
        )
        codes.append(services.triage_intake(worker, intake, open_case=True).code)
    Case.objects.filter(code=codes[0]).update(status="closed")
    Case.objects.filter(code=codes[1]).update(status="assistance")
    html = login_as(worker).get("/cases/").content.decode()
    positions = [html.index(c) for c in (codes[2], codes[1], codes[0])]
    assert positions == sorted(positions)  # open, then assistance, then closed


@pytest.mark.django_db
def test_audit_page_filters_by_action_and_pages(make_user, login_as):
    from ctip.audit.services import record
    from ctip.cases.views import AUDIT_PAGE_SIZE

    worker = make_user("case_worker", "DMX")
    for i in range(AUDIT_PAGE_SIZE + 5):
        record(worker, "cases.person.view", None, purpose="checking", case=f"NRM-2026-{i:06d}")
    record(worker, "cases.case.close", None, code="NRM-2026-CLOSED")
    client = login_as(make_user("auditor", "MK"))
    client.cookies["django_language"] = "en"
    first = client.get("/cases/audit/").content.decode()
    assert first.count("Personal data viewed</td>") == AUDIT_PAGE_SIZE - 1  # one row: the close
    assert "Page 1 of 2" in first
    closed = client.get("/cases/audit/?action=cases.case.close").content.decode()
    assert "Case closed" in closed and "Personal data viewed</td>" not in closed
    one = client.get("/cases/audit/?case=NRM-2026-000003").content.decode()
    assert one.count("Personal data viewed</td>") == 1


@pytest.mark.django_db
def test_sections_an_import_creates_do_not_repeat_their_code(coordinator):
    from ctip.plan.services import ensure_item, get_or_create_plan

    plan, _ = get_or_create_plan("NAP-2020-2024")
    item, _ = ensure_item(plan, "4.2.7", "Sınaq yarımbəndi")
    assert item.parent.title_az == "" and item.parent.parent.title_az == ""
    html = coordinator.get("/plan/").content.decode()
    assert "4.2 4.2" not in html and "4 4" not in html


@pytest.mark.django_db
def test_registry_entry_links_to_the_item_reports_it_supports(coordinator, two_periods):
    from ctip.plan.models import ItemReport
    from ctip.records.models import Document

    report = ItemReport.objects.filter(period=two_periods["2022"]).get()
    doc = Document.objects.create(
        kind="letter", number="7/1", date=dt.date(2022, 5, 1), agency=report.agency
    )
    doc.item_reports.add(report)
    html = coordinator.get(f"/records/documents/{doc.pk}/").content.decode()
    assert f'href="/plan/reports/{report.pk}/"' in html


@pytest.mark.django_db
def test_error_pages_reveal_no_debug_information(client, make_user, login_as):
    response = login_as(make_user("coordinator")).get("/definitely-not-a-page/")
    assert response.status_code == 404
    assert b"Traceback" not in response.content and b"urlpatterns" not in response.content
