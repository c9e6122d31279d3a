"""Buttons by meaning in a browser: the link to a risky action (closing a case) is not drawn like
the primary button, whose colour says "the usual next step" (issue 12)."""

import datetime
from pathlib import Path

import pytest

from tests.browser.conftest import CHROMIUM, session_cookie

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is absent (apt-get install chromium)"
    ),
]

BACKGROUND = "e => getComputedStyle(e).backgroundColor"


@pytest.mark.django_db(transaction=True)
def test_closing_a_case_is_not_drawn_as_the_primary_button(browser, live_server, make_user):
    from ctip.cases import services

    worker = make_user("case_worker", "DMX")
    intake = services.register_intake(
        worker, channel="hotline_919", received_on=datetime.date(2026, 3, 2), persons=[{}]
    )
    case = services.triage_intake(worker, intake, open_case=True)
    context = browser.new_context()
    context.add_cookies([session_cookie(worker, live_server)])
    page = context.new_page()
    page.goto(f"{live_server.url}/cases/{case.code}/")
    close = page.locator(f"a.button.danger[href='/cases/{case.code}/close/']")
    primary = page.locator("a.button:not(.secondary):not(.danger)").first
    assert close.evaluate(BACKGROUND) != primary.evaluate(BACKGROUND)
    assert close.evaluate(BACKGROUND) == "rgb(255, 255, 255)"  # outlined, in the colour of risk
    assert close.evaluate("e => getComputedStyle(e).color") == "rgb(179, 38, 30)"
    context.close()
