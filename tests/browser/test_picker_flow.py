"""The pickers of the activity and recommendation forms in a browser: typing searches the
registry as the user (htmx) and lists candidates; a ticked one stays ticked and first while
another search replaces the rest; the form passes axe-core and fits 390 px."""

from pathlib import Path

import pytest

from tests.browser.conftest import CHROMIUM, session_cookie

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is absent (apt-get install chromium)"
    ),
]


def _serious(axe, page) -> list[str]:
    violations = axe.run(page).response["violations"]
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes']]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.django_db(transaction=True)
def test_a_document_found_by_typing_is_ticked_and_kept_through_another_search(browser, live_server):
    from axe_playwright_python.sync_playwright import Axe
    from django.core.management import call_command

    from ctip.accounts.models import User
    from ctip.records.models import Document

    call_command("load-demo", stdout=open("/dev/null", "w"))  # noqa: SIM115 - quiet
    doc = Document.objects.exclude(number="").order_by("id").first()
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en")
    context.add_cookies(
        [
            session_cookie(User.objects.get(username="koordinator"), live_server),
            {"name": "django_language", "value": "en", "url": live_server.url},
        ]
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/records/activities/new/")
    listed = page.locator("#id_documents_list input[type=checkbox]")
    assert listed.count() == 0  # nothing of the registry drawn before a search

    page.locator("#id_documents_q").fill(doc.number)
    candidate = page.locator(f"#id_documents_list input[value='{doc.pk}']")
    candidate.wait_for()
    candidate.check()
    page.locator("#id_documents_q").fill("zzzz-nothing-has-this")
    page.get_by_text("Nothing found.").wait_for()
    assert candidate.is_checked() and listed.count() == 1

    assert _serious(Axe(), page) == []
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert _serious(Axe(), page) == []
    page.goto(f"{live_server.url}/records/recommendations/new/")  # its two pickers
    assert _serious(Axe(), page) == []
    page.locator("#id_activities_q").fill("a")
    page.locator("#id_activities_q").fill("zzzz-nothing-has-this")
    page.locator("#id_activities_list").get_by_text("Nothing found.").wait_for()
    context.close()
