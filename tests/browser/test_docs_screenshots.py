"""The pictures docs/plan.md shows, taken from the demo with the real seed report imported (what
`make demo-report` gives), in Azerbaijani: DMX's reports for 2022 and an indicator's chart."""

from pathlib import Path

import pytest

from tests.browser.conftest import CHROMIUM, session_cookie

ROOT = Path(__file__).resolve().parents[2]
DOCS_IMG = ROOT / "docs" / "img"
SEED = ROOT.parent / "shared" / "seeds" / "000_434bf5f6e76f4b5d.txt"
ENGLISH_LEGENDS = ("owed, not received", "not applicable", "Not applicable", "achieved", "target")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is absent (apt-get install chromium)"
    ),
    pytest.mark.skipif(not SEED.exists(), reason=f"{SEED} is absent (the shared seed report)"),
]


@pytest.mark.django_db(transaction=True)
def test_plan_pictures_are_azerbaijani_and_current(browser, live_server):
    from django.core.management import call_command

    from ctip.accounts.models import User
    from ctip.plan.models import Agency, Indicator

    quiet = open("/dev/null", "w")  # noqa: SIM115 - closed with the test
    call_command("load-demo", stdout=quiet)
    call_command(
        "import-report", str(SEED), plan="NAP-2020-2024", agency="DMX", period="2022",
        status="approved", stdout=quiet, stderr=quiet,
    )  # fmt: skip
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="az")
    context.add_cookies([session_cookie(User.objects.get(username="koordinator"), live_server)])
    page = context.new_page()

    dmx = Agency.objects.get(abbr="DMX")
    page.goto(f"{live_server.url}/plan/?period=2022&agency={dmx.pk}")
    matrix = page.locator("#matrix")
    text = matrix.inner_text()
    assert "4.2.1" in text and "Təsdiqlənib" in text and "tələb olunur, daxil olmayıb" in text
    assert not [word for word in ENGLISH_LEGENDS if word in text]
    matrix.screenshot(path=str(DOCS_IMG / "plan-dmx-2022-matrix.png"))

    page.goto(f"{live_server.url}/plan/indicators/{Indicator.objects.get().pk}/")
    chart = page.locator("svg.chart").first
    text = chart.text_content()
    assert "əldə edilib" in text and "hədəf" in text
    assert not [word for word in ENGLISH_LEGENDS if word in text]
    chart.screenshot(path=str(DOCS_IMG / "plan-indicator.png"))
    context.close()
    quiet.close()
