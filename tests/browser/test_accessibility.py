"""Every page type as every demo role, at 1366 and at 390 px: axe-core finds no serious or critical
violation; at 390 px nothing scrolls sideways and no word in a table is broken across lines. The
test prints a summary per role (pages checked, violations by impact at each width) and writes
screenshots of each role's start page and of the intake form at both widths to docs/img/.

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

ROLES = ("isci", "nezaretci", "dmx_fokal", "koordinator", "analitik", "auditor", "admin")
SCREENSHOTS = {(role, "/") for role in ROLES} | {("isci", "/cases/intake/new/")}
WIDTHS = {1366: 900, 390: 844}  # viewport width: height
IMPACTS = ("critical", "serious", "moderate", "minor")
FAILING = ("critical", "serious")
NEXT_FRAME = "() => new Promise(done => requestAnimationFrame(() => done()))"
# Words (letters and digits only) drawn on more than one line inside a table cell.
BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll("main th, main td")) {
    const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walk.nextNode(); node; node = walk.nextNode()) {
      for (const m of node.data.matchAll(/[\\p{L}\\p{N}]{2,}/gu)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0)
          .map(r => Math.round(r.top)));
        if (tops.size > 1) { broken.push(m[0]); }
      }
    }
  }
  return broken;
}"""


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
        "/records/timeline/",
        "/records/activities/new/",
        "/records/recommendations/new/",
        "/cases/",
        f"/cases/{case.code}/",
        f"/cases/intake/{Intake.objects.order_by('id').first().pk}/",
        "/cases/intake/new/",
        "/cases/stats/",
        "/cases/audit/",
        "/reports/",
        "/accounts/",
    ]


def _check(page, axe, counts, problems, notes, where: str, width: int) -> None:
    """axe-core on the page as it is drawn now; at 390 px also the page's width."""
    for v in axe.run(page).response["violations"]:
        counts[width][v["impact"]] += 1
        line = f"{where} at {width} px: {v['id']} {v['impact']} ({len(v['nodes'])})"
        (problems if v["impact"] in FAILING else notes).append(line)
    if width == 390:
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > 390:
            problems.append(f"{where}: {scroll} px wide at 390 px")
        if broken := page.evaluate(BROKEN_WORDS):
            problems.append(f"{where}: words broken in a table at 390 px: {broken[:5]}")


def _summary(summary: dict) -> str:
    """Role, pages checked, then violations by impact at each width (what the closing note shows)."""
    impacts = "/".join(IMPACTS)
    lines = [
        "| role | pages checked | " + " | ".join(f"{w} px: {impacts}" for w in WIDTHS) + " |",
        "| --- | --- |" + " --- |" * len(WIDTHS),
    ]
    for role, (pages, counts) in summary.items():
        cells = " | ".join("/".join(str(counts[w][i]) for i in IMPACTS) for w in WIDTHS)
        lines.append(f"| {role} | {pages} | {cells} |")
    return "\n".join(lines)


@pytest.mark.django_db(transaction=True)
def test_pages_pass_axe_and_fit_390px_for_every_role(browser, live_server, capsys):
    from collections import Counter

    from axe_playwright_python.sync_playwright import Axe
    from django.core.management import call_command

    from ctip.accounts.models import User

    call_command("load-demo", stdout=open("/dev/null", "w"))  # noqa: SIM115 - quiet
    pages = _pages()
    axe = Axe()
    DOCS_IMG.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    notes: list[str] = []  # moderate and minor: reported, not failing
    summary: dict[str, tuple[int, dict]] = {}
    for username in ROLES:
        context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="az-AZ")
        context.add_cookies([session_cookie(User.objects.get(username=username), live_server)])
        page = context.new_page()
        checked, counts = 0, {w: Counter() for w in WIDTHS}
        for path in pages:
            response = page.goto(f"{live_server.url}{path}")
            if response is None or response.status != 200:
                continue
            if "/accounts/" in page.url and path != "/accounts/":
                continue
            checked += 1
            name = f"{username}-{path.strip('/').replace('/', '-') or 'start'}"
            for width, height in WIDTHS.items():
                page.set_viewport_size({"width": width, "height": height})
                page.evaluate(NEXT_FRAME)  # the page's resize handlers have run
                _check(page, axe, counts, problems, notes, f"{username} {path}", width)
                if (username, path) in SCREENSHOTS:
                    page.screenshot(path=str(DOCS_IMG / f"{name}-{width}.png"), full_page=True)
            page.set_viewport_size({"width": 1366, "height": 900})
        summary[username] = (checked, counts)
        context.close()
    with capsys.disabled():
        print("\naxe-core per role (violations by impact; serious and critical fail)\n")
        print(_summary(summary))
        print("\n".join(["", "moderate and minor:", *notes]) if notes else "")
    assert all(pages >= 5 for pages, _ in summary.values()), summary
    assert not problems, "\n".join(problems)
