"""End to end: a focal point edits and submits; the coordinator returns, then approves."""

from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is absent (apt-get install chromium)"
    ),
]


def _login(browser, live_server, username):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("correct-horse-battery")
    page.locator("form.stack button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")  # each role starts on its own start page
    return page


def _click_and_wait(page, selector):
    """Click a submit button and wait for the page the server answers with."""
    with page.expect_navigation():
        page.locator(selector).click()


@pytest.mark.django_db(transaction=True)
def test_focal_point_and_coordinator_review_flow(browser, live_server, make_user, settings):
    from ctip.plan.models import ItemReport
    from ctip.plan.services import (
        ensure_item,
        get_or_create_period,
        get_or_create_plan,
        sync_agencies,
    )

    sync_agencies()
    plan, _ = get_or_create_plan("NAP-2020-2024")
    item, _ = ensure_item(plan, "2.1.1", "Maarifləndirmə kampaniyası", from_report=False)
    period, _ = get_or_create_period(plan, "2023")
    from ctip.plan.models import Agency

    report = ItemReport.objects.create(
        item=item, agency=Agency.objects.get(abbr="DMX"), period=period, narrative="Qaralama."
    )
    make_user("focal_point", agency="DMX", username="fokal")
    make_user("coordinator", agency="MK", username="koord")

    focal = _login(browser, live_server, "fokal")
    focal.goto(f"{live_server.url}/plan/reports/{report.pk}/edit/")
    focal.locator("textarea[name=narrative]").fill(
        "2023-cü il 12 may tarixində 35 nəfər gəncin iştirakı ilə seminar keçirilmişdir."
    )
    _click_and_wait(focal, "form.stack button[type=submit]")
    assert focal.url == f"{live_server.url}/plan/reports/{report.pk}/"
    assert focal.locator(".narrative .fact-quantity").count() >= 1
    _click_and_wait(focal, f"form[action$='/{report.pk}/submit/'] button")
    report.refresh_from_db()
    assert report.status == "submitted"

    coord = _login(browser, live_server, "koord")
    coord.goto(f"{live_server.url}/plan/reports/{report.pk}/")
    coord.locator("#comment").fill("Seminarın yerini göstərin.")
    _click_and_wait(coord, f"button[formaction$='/{report.pk}/return/']")
    report.refresh_from_db()
    assert report.status == "returned"
    assert "Seminarın yerini göstərin." in coord.locator("#history").inner_text()

    focal.goto(f"{live_server.url}/plan/reports/{report.pk}/")
    assert "Seminarın yerini göstərin." in focal.locator("#history").inner_text()
    _click_and_wait(focal, f"form[action$='/{report.pk}/submit/'] button")
    report.refresh_from_db()
    assert report.status == "submitted"

    coord.goto(f"{live_server.url}/plan/reports/{report.pk}/")
    _click_and_wait(coord, f"button[formaction$='/{report.pk}/approve/']")
    report.refresh_from_db()
    assert report.status == "approved" and report.version == 6
    assert coord.locator("#report-status.status-approved").count() == 1
