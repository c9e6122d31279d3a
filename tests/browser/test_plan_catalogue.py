"""End to end: the coordinator loads the plan from its document, gives a sub-item an English
title, and the English report shows it; the plan page charts an indicator against its target."""

from decimal import Decimal
from pathlib import Path

import pytest

from tests.browser.conftest import CHROMIUM
from tests.browser.test_review_flow import _click_and_wait, _login
from tests.plan import documents as plan_documents

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is absent (apt-get install chromium)"
    ),
]


@pytest.mark.django_db(transaction=True)
def test_coordinator_loads_the_plan_and_the_english_report_shows_an_edited_title(
    browser, live_server, make_user, tmp_path
):
    from ctip.plan.catalogue import services
    from ctip.plan.models import ActionPlan, Agency, ItemReport, PlanItem
    from ctip.plan.services import get_or_create_period, sync_agencies

    sync_agencies()
    make_user("coordinator", agency="MK", username="koord")
    page = _login(browser, live_server, "koord")

    page.goto(f"{live_server.url}/plan/plans/load/")
    page.locator("#id_file").set_input_files(str(plan_documents.write_docx(tmp_path / "p.docx")))
    _click_and_wait(page, "form.stack button[type=submit]")
    assert page.locator("#preview-version").count() == 1
    page.locator("#id_code").fill("SINAQ-2031-2033")
    _click_and_wait(page, "#confirm-load")
    plan = ActionPlan.objects.get(code="SINAQ-2031-2033")
    assert page.url == f"{live_server.url}/plan/plans/{plan.pk}/"
    assert page.locator("#catalogue").inner_text().count("7.1.1") == 1

    item = PlanItem.objects.get(plan=plan, code="7.1.1")
    period, _ = get_or_create_period(plan, "2031")
    ItemReport.objects.create(
        item=item,
        agency=Agency.objects.get(abbr="DİN"),
        period=period,
        narrative="Bələdçi kitabçalar hazırlanmışdır.",
        status="approved",
    )
    page.goto(f"{live_server.url}/plan/items/{item.pk}/edit/")
    page.locator("#id_title_en").fill("Preparing guidebooks for officers")
    _click_and_wait(page, "#item-form button[type=submit]")
    assert page.url == f"{live_server.url}/plan/items/{item.pk}/"

    page.goto(f"{live_server.url}/reports/")
    page.locator("#id_plan").select_option("SINAQ-2031-2033")
    page.locator("#id_period").fill("2031")
    page.locator("#id_lang").select_option("en")
    page.locator("#id_format").select_option("html")
    _click_and_wait(page, "form.js-report-form button[type=submit]")
    assert "/jobs/" in page.url  # the request only enqueued the report
    from ctip.jobs.execution import execute
    from ctip.jobs.models import Job

    execute(Job.objects.get().pk)  # what `ctip worker` does
    link = page.locator("#job-status a[href$='/download/']")
    link.wait_for(timeout=10_000)  # the page polls the job's status with htmx
    with page.expect_download() as download:
        link.click()
    html = Path(download.value.path()).read_text(encoding="utf-8")
    assert "Sub-item 7.1.1 (Preparing guidebooks for officers):" in html
    assert "Bələdçi kitabçaların hazırlanması" not in html  # the Azerbaijani title is not used

    # an indicator with a target and a value: the plan page draws it
    indicator = services.save_indicator(
        None,
        item,
        names={"az": "Hazırlanmış kitabçalar", "en": "Guidebooks prepared"},
        unit="ədəd",
        targets={2031: Decimal("5"), 2032: Decimal("8")},
    )
    services.record_indicator_value(
        None, indicator, period=period, agency=item.executors.first().agency, value=Decimal("3")
    )
    page.goto(f"{live_server.url}/plan/plans/{plan.pk}/")
    chart = page.locator("figure.card svg.chart").first
    assert "2031: 3 / 5" in chart.locator("desc").text_content()
    shot = tmp_path / "indicator.png"
    chart.screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 2000
