"""The intake in a browser, at 1366 and 390 px: "add another person" clones a block with JavaScript
and, without it, asks the server for one more; a wrong block is marked and keeps what was typed;
the form passes axe-core with errors shown and nothing scrolls sideways at 390 px."""

from pathlib import Path

import pytest

from tests.browser.conftest import CHROMIUM, session_cookie

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is absent (apt-get install chromium)"
    ),
]

WIDTHS = {1366: 900, 390: 844}


def _serious(axe, page) -> list[str]:
    violations = axe.run(page).response["violations"]
    return [v["id"] for v in violations if v["impact"] in ("serious", "critical")]


def _register(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Register").click()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.django_db(transaction=True)
def test_two_persons_with_javascript_after_a_marked_error(width, browser, live_server, make_user):
    from axe_playwright_python.sync_playwright import Axe

    from ctip.cases.models import Intake, Person

    worker = make_user("case_worker", "DMX")
    context = browser.new_context(viewport={"width": width, "height": WIDTHS[width]}, locale="en")
    context.add_cookies(
        [
            session_cookie(worker, live_server),
            {"name": "django_language", "value": "en", "url": live_server.url},
        ]
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/cases/intake/new/")
    assert page.locator("fieldset.person").count() == 1
    page.locator("#id_p-0-surname").fill("Birincizadə")
    page.get_by_role("button", name="Add another person").click()  # no request: a clone
    assert page.locator("fieldset.person").count() == 2
    assert page.evaluate("document.activeElement.id") == "id_p-1-surname"
    page.locator("#id_p-1-given_name").fill("İkinci")
    page.locator("#id_p-1-date_of_birth").fill("2999-01-01")
    _register(page)

    second = page.locator("fieldset.person").nth(1)
    assert "The date of birth is in the future." in second.inner_text()
    assert page.locator("#id_p-0-surname").input_value() == "Birincizadə"
    assert page.locator("#id_p-1-given_name").input_value() == "İkinci"
    assert not Intake.objects.exists()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert not _serious(Axe(), page)

    page.locator("#id_p-1-date_of_birth").fill("2001-04-03")
    _register(page)
    assert "/cases/intake/" in page.url and "/new/" not in page.url
    assert Person.objects.filter(intake=Intake.objects.get()).count() == 2
    context.close()


@pytest.mark.django_db(transaction=True)
def test_add_another_person_works_without_javascript(browser, live_server, make_user):
    from ctip.cases.models import Intake, Person

    worker = make_user("case_worker", "DMX")
    context = browser.new_context(java_script_enabled=False, locale="en")
    context.add_cookies(
        [
            session_cookie(worker, live_server),
            {"name": "django_language", "value": "en", "url": live_server.url},
        ]
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/cases/intake/new/")
    page.locator("#id_p-0-surname").fill("Birincizadə")
    with page.expect_navigation():
        page.get_by_role("button", name="Add another person").click()
    assert page.locator("fieldset.person").count() == 2
    assert page.locator("#id_p-0-surname").input_value() == "Birincizadə"
    assert not Intake.objects.exists()
    page.locator("#id_p-1-given_name").fill("İkinci")
    _register(page)
    assert Person.objects.filter(intake=Intake.objects.get()).count() == 2
    context.close()
