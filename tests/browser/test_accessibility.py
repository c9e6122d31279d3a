"""Every page type as every demo role: axe-core finds no serious or critical violation, nothing
scrolls sideways at 390 px, and screenshots of the main pages at 1366 and 390 px go to docs/img/.

axe-core comes bundled in the axe-playwright-python package (installed by `make install`); it is
injected from disk, never loaded from the internet.
"""

from pathlib import Path

import pytest

from tests.browser.conftest import session_cookie

CHROMIUM = "/usr/bin/chromium"
DOCS_IMG = Path(__file__).resolve().parents[2] / "docs" / "img"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is absent (apt-get install chromium)"
    ),
]

ROLES = ("isci", "nezaretci", "dmx_fokal", "koordinator", "analitik", "auditor")
SCREENSHOTS = {
    ("isci", "/"),
    ("dmx_fokal", "/"),
    ("koordinator", "/"),
    ("isci", "/cases/intake/new/"),
}


def _pages() -> list[str]:
    from ctip.cases.models import Case, Intake
    from ctip.plan.models import ItemReport
    from ctip.records.models import Activity, Document

    case = Case.objects.filter(persons__isnull=False).order_by("id").first()
    report = ItemReport.objects.order_by("id").first()
    return [
        "/",
        "/plan/",
        f"/plan/items/{report.item_id}/",
        f"/plan/reports/{report.pk}/",
        "/records/",
        "/records/documents/",
        f"/records/documents/{Document.objects.order_by('id').first().pk}/",
        f"/records/activities/{Activity.objects.order_by('id').first().pk}/",
        "/records/due/",
        "/records/stats/",
        "/cases/",
        f"/cases/{case.code}/",
        f"/cases/intake/{Intake.objects.order_by('id').first().pk}/",
        "/cases/intake/new/",
        "/cases/stats/",
        "/cases/audit/",
        "/accounts/",
    ]


@pytest.mark.django_db(transaction=True)
def test_pages_pass_axe_and_fit_390px_for_every_role(browser, live_server):
    from axe_playwright_python.sync_playwright import Axe
    from django.core.management import call_command

    from ctip.accounts.models import User

    call_command("load-demo", stdout=open("/dev/null", "w"))  # noqa: SIM115 - quiet
    pages = _pages()
    axe = Axe()
    DOCS_IMG.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    summary: dict[str, int] = {}
    for username in ROLES:
        user = User.objects.get(username=username)
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        context.add_cookies([session_cookie(user, live_server)])
        page = context.new_page()
        checked = 0
        for path in pages:
            response = page.goto(f"{live_server.url}{path}")
            if (
                response is None
                or response.status != 200
                or "/accounts/" in page.url
                and path != "/accounts/"
            ):
                continue
            checked += 1
            results = axe.run(page)
            for v in results.response["violations"]:
                if v["impact"] in ("serious", "critical"):
                    problems.append(f"{username} {path}: {v['id']} ({len(v['nodes'])})")
            name = f"{username}-{path.strip('/').replace('/', '-') or 'start'}"
            if (username, path) in SCREENSHOTS:
                page.screenshot(path=str(DOCS_IMG / f"{name}-1366.png"), full_page=True)
            page.set_viewport_size({"width": 390, "height": 844})
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 390:
                problems.append(f"{username} {path}: {width} px wide at 390 px")
            if (username, path) in SCREENSHOTS:
                page.screenshot(path=str(DOCS_IMG / f"{name}-390.png"), full_page=True)
            page.set_viewport_size({"width": 1366, "height": 900})
        summary[username] = checked
        context.close()
    assert all(n >= 5 for n in summary.values()), summary
    assert not problems, "\n".join(problems)
