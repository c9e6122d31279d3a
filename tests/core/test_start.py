"""The start page at `/` says what needs the user today, by role (ctip.web.start)."""

import datetime as dt
import re

import pytest


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies["django_language"] = "en"


def _block(html: str, block_id: str) -> str:
    """The HTML of the element with this id up to the next block."""
    start = html.index(f'id="{block_id}"')
    nxt = html.find('<div class="card" id="start-', start + 10)
    return html[start : nxt if nxt > 0 else len(html)]


def _count(block: str) -> str:
    return re.search(r'<span class="count">([^<]*)</span>', block).group(1)


@pytest.fixture
def plan_setup(db):
    """A plan with one period and four sub-items, reports of DMX and DİN in every status."""
    from ctip.plan.models import Agency, ItemReport, ReportTransition
    from ctip.plan.services import (
        ensure_item,
        get_or_create_period,
        get_or_create_plan,
        sync_agencies,
    )

    sync_agencies()
    plan, _ = get_or_create_plan("NAP-2020-2024")
    period, _ = get_or_create_period(plan, "2022")
    dmx, din = Agency.objects.get(abbr="DMX"), Agency.objects.get(abbr="DİN")
    reports = {}
    for code, status, agency in [
        ("2.1.1", "draft", dmx),
        ("2.1.2", "returned", dmx),
        ("2.1.3", "submitted", dmx),
        ("2.1.4", "approved", din),
    ]:
        item, _ = ensure_item(plan, code, f"Sınaq {code}", from_report=False)
        reports[code] = ItemReport.objects.create(
            item=item, agency=agency, period=period, narrative="Sınaq mətni.", status=status
        )
    ReportTransition.objects.create(
        report=reports["2.1.2"], from_status="submitted", to_status="returned", comment="Köhnə"
    )
    ReportTransition.objects.create(
        report=reports["2.1.2"],
        from_status="submitted",
        to_status="returned",
        comment="Təlim iştirakçılarının sayını əlavə edin.",
    )
    return reports


def _intake(worker, **extra):
    from ctip.cases import services

    data = {
        "channel": "hotline_919",
        "received_on": dt.date(2026, 3, 2),
        "language": "az",
        "summary": "Uydurma zəng.",
        "persons": [{"given_name": "Sınaq", "surname": "Uydurmaova", "sex": "female"}],
    }
    data.update(extra)
    return services.register_intake(worker, **data)


@pytest.mark.django_db
def test_case_worker_starts_on_their_intakes_and_cases_by_urgency(make_user, login_as):
    from ctip.cases import services

    worker = make_user("case_worker", "DMX")
    other = make_user("case_worker", "DİN")
    waiting = _intake(worker)
    case = services.triage_intake(worker, _intake(worker), open_case=True)
    services.triage_intake(other, _intake(other), open_case=True)  # another agency's

    response = login_as(worker).get("/")
    html = response.content.decode()
    assert response.status_code == 200
    intakes = _block(html, "start-intakes")
    assert f"/cases/intake/{waiting.pk}/" in intakes and _count(intakes) == "1"
    screening = _block(html, "start-screening")
    assert case.code in screening and _count(screening) == "1"
    assert _count(_block(html, "start-decision")) == "0"
    assert "Hotline 919 call" in intakes and "hotline_919" not in html  # words, not codes
    assert "/plan/" in html  # everything else still one click away


@pytest.mark.django_db
def test_focal_point_sees_their_reports_by_status_and_the_return_comment(
    plan_setup, make_user, login_as
):
    focal = make_user("focal_point", "DMX")
    html = login_as(focal).get("/").content.decode()
    statuses = html[html.index('id="agency-reports"') :]
    assert "Draft: 1" in statuses and "Returned: 1" in statuses and "Submitted: 1" in statuses
    assert "Approved: 0" in statuses  # DİN's approved report is not this agency's
    returned = _block(html, "start-returned")
    assert "2.1.2" in returned
    assert "Təlim iştirakçılarının sayını əlavə edin." in returned  # the latest comment
    assert "Köhnə" not in returned


@pytest.mark.django_db
def test_coordinator_sees_progress_charts_and_reports_to_review(plan_setup, make_user, login_as):
    coordinator = make_user("coordinator", None)
    html = login_as(coordinator).get("/").content.decode()
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" role="img"') == 2
    assert "DMX: 0 / 3" in html and "DİN: 1 / 1" in html  # approved / received by agency
    review = _block(html, "start-review")
    assert _count(review) == "1"
    assert f"/plan/reports/{plan_setup['2.1.3'].pk}/" in review
    assert f"/plan/reports/{plan_setup['2.1.1'].pk}/" not in review


@pytest.mark.django_db
def test_analyst_is_shown_the_figures_they_work_with(plan_setup, make_user, login_as):
    analyst = make_user("analyst", "MK")
    html = login_as(analyst).get("/").content.decode()
    part = html[html.index('id="analysis"') :]
    assert "/cases/stats/" in part and "/records/stats/" in part
    assert "Approved: 1" in part  # every agency's reports, the analyst reads them all
    assert 'id="casework"' not in html and 'id="coordination"' not in html


@pytest.mark.django_db
def test_auditor_sees_the_latest_audit_entries_in_words(make_user, login_as):
    worker = make_user("case_worker", "DMX")
    _intake(worker)
    auditor = make_user("auditor", "MK")
    html = login_as(auditor).get("/").content.decode()
    entries = _block(html, "start-audit")
    assert "Intake registered" in entries and worker.username in entries
    assert "cases.intake.create" not in html
    assert "/cases/audit/" in html


def test_a_case_worker_s_start_page_reads_one_row_past_what_each_list_shows(
    make_user, login_as, monkeypatch
):
    """An agency may hold 34,000 cases and many new intakes: each list of the casework block is
    read no further than one row past what it shows (the intakes were all read), and its count
    says "more" (bench: the start page 90 -> 21 ms at national scale)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ctip.cases import services
    from ctip.web import start

    monkeypatch.setattr(start, "LIST_LIMIT", 2)
    worker = make_user("case_worker", "DMX")
    for _ in range(4):
        _intake(worker)
        services.triage_intake(worker, _intake(worker), open_case=True)
    client = login_as(worker)
    with CaptureQueriesContext(connection) as seen:
        html = client.get("/").content.decode()
    lists = [q["sql"] for q in seen if "ORDER BY" in q["sql"] and '"cases_' in q["sql"]]
    assert len(lists) == 4 and all(sql.endswith("LIMIT 3") for sql in lists), lists
    assert _count(_block(html, "start-intakes")).endswith("+")
    assert _count(_block(html, "start-screening")).endswith("+")
