"""The plan's matrix and a sub-item's reports as XLSX and CSV, compared with the pages."""

import pytest

from tests.core.spreadsheets import csv_rows, page_rows, xlsx_sheets

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_reports(report_factory):
    a = report_factory("DMX", "2.1.1", status="approved")
    b = report_factory(
        "DİN", "2.1.1", narrative="Əli Məmmədov ilə görüş keçirildi.", status="submitted"
    )
    report_factory("DMX", "4.1.1", status="draft")
    return a, b


def test_matrix_download_has_the_pages_rows_and_statuses(two_reports, make_user, login_as):
    from ctip.plan.models import Agency

    a, _ = two_reports
    client = login_as(make_user("coordinator", agency=None))
    url = f"/plan/?plan={a.item.plan_id}&period={a.period_id}"
    page = client.get(url).content.decode()
    on_page = [r[0].split()[0] for r in page_rows(page) if len(r) > 1]  # not direction rows
    (rows,) = xlsx_sheets(client.get(url + "&format=xlsx").content).values()
    header = rows[0]
    assert [r[1] for r in rows[1:]] == on_page == ["2.1.1", "4.1.1"]
    dmx, din = header.index("DMX"), header.index(Agency.objects.get(abbr="DİN").abbr)
    first = rows[1]
    assert first[dmx] == "Təsdiqlənib" and first[din] == "Təqdim edilib"
    assert first[-2:] == [1, 2]  # approved, reports on the sub-item
    csv_body = csv_rows(client.get(url + "&format=csv").content)
    assert [r[1] for r in csv_body[1:]] == on_page


def test_matrix_download_keeps_the_status_filter(two_reports, make_user, login_as):
    a, _ = two_reports
    client = login_as(make_user("coordinator", agency=None))
    url = f"/plan/?plan={a.item.plan_id}&period={a.period_id}&status=draft"
    on_page = [r for r in page_rows(client.get(url).content.decode()) if len(r) > 1]
    (rows,) = xlsx_sheets(client.get(url + "&format=xlsx").content).values()
    assert [r[1] for r in rows[1:]] == [r[0].split()[0] for r in on_page]
    cells = {v for r in rows[1:] for v in r[3:-2] if v}
    assert cells == {"Layihə"}  # only draft cells, as on the page


def test_item_reports_download_masks_names_for_those_without_need_to_know(
    two_reports, make_user, login_as
):
    from ctip.plan.models import Fact

    _, b = two_reports
    Fact.objects.create(report=b, type="person", text="Əli Məmmədov", start=0, end=12, pii=True)
    url = f"/plan/items/{b.item_id}/?period=all"
    analyst = login_as(make_user("analyst", agency=None))
    (rows,) = xlsx_sheets(analyst.get(url + "&format=xlsx").content).values()
    narratives = {r[0]: r[-1] for r in rows[1:]}
    assert "Məmmədov" not in narratives["DİN"] and narratives["DİN"].startswith("▇▇▇")
    coordinator = login_as(make_user("coordinator", agency=None))
    body = csv_rows(coordinator.get(url + "&format=csv").content)[1:]
    assert {r[0]: r[-1] for r in body}["DİN"].startswith("Əli Məmmədov")
    assert sorted(r[0] for r in body) == ["DMX", "DİN"]
