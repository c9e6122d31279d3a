"""Reporting obligations: owed and missing apart from not owed, due dates, "not applicable",
reports by agencies that are not executors, overdue ones in the due list."""

import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from ctip.core import display
from ctip.plan import services as plan_services
from ctip.plan.catalogue import selectors, services
from ctip.plan.catalogue.obligations import obligations
from ctip.plan.models import Agency, ItemReport, PlanItem
from ctip.plan.services import get_or_create_period

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


SEED_CODES = {
    "4.1.6", "4.1.9", "4.2.1", "4.2.4", "4.2.9", "4.2.10", "4.3.3", "4.3.4", "4.3.5", "4.3.6",
    "4.4.8", "4.4.9", "4.5.8", "4.6.3", "4.6.6", "4.7.1", "4.7.2", "4.7.3", "4.7.4", "4.7.7",
    "4.8.1", "4.8.3", "4.8.4",
}  # fmt: skip


def dmx_owed_in_2022(gold) -> set[str]:
    """From the gold reading alone: DMX is an executor (not by agreement) and the deadline
    reaches 2022."""
    out = set()
    for item in gold["items"]:
        if "Dövlət Miqrasiya Xidməti" not in item["executors"]:
            continue
        d = item["deadline"]
        if d["start"] is None or (d["start"] <= "2022-12-31" and d["end"] >= "2022-01-01"):
            out.add(item["code"])
    return out


@pytest.fixture
def dmx_2022(loaded_plan, seed_path):
    from ctip.plan.services import import_report

    import_report(None, seed_path, plan="NAP-2020-2024", agency="DMX", period="2022")
    return loaded_plan, loaded_plan.periods.get(code="2022"), Agency.objects.get(abbr="DMX")


def test_dmx_owes_and_misses_what_the_plan_says_for_2022(dmx_2022, plan_gold):
    plan, period, dmx = dmx_2022
    rows = obligations(plan, periods=[period], agency_ids=[dmx.pk])
    owed = dmx_owed_in_2022(plan_gold)
    assert {o.item_code for o in rows} == owed
    assert {o.item_code for o in rows if o.state == "missing"} == owed - SEED_CODES
    assert {o.item_code for o in rows if o.state == "received"} == owed & SEED_CODES
    assert {o.due for o in rows} == {dt.date(2023, 1, 20)}  # "hər il yanvarın 20-dək"
    # reported although not owed in 2022 (a deadline before 2022): accepted, not an obligation
    not_owed = SEED_CODES - owed
    assert not_owed and all(
        PlanItem.objects.get(plan=plan, code=c).deadline_end < dt.date(2022, 1, 1) for c in not_owed
    )


def test_the_matrix_shows_owed_and_missing_apart_from_not_owed(
    dmx_2022, plan_gold, make_user, login_as
):
    plan, period, dmx = dmx_2022
    client = login_as(make_user("coordinator", agency=None))
    client.cookies["django_language"] = "en"
    html = client.get(
        "/plan/", {"plan": plan.pk, "period": period.pk, "agency": dmx.pk, "section": "4"}
    ).content.decode()
    missing = sorted(dmx_owed_in_2022(plan_gold) - SEED_CODES)
    owed_cells = re.findall(r'class="cell owed"><span [^>]*aria-label="([\d.]+) DMX', html)
    assert sorted(owed_cells) == missing
    with translation.override("en"):  # the page's language: dates in its own form
        due = display.moment(dt.date(2023, 1, 20))
    assert "20" in due and "yanvar" not in due
    assert f"owed, not received (due {due})" in html
    # 66 rows in DMX's column: 23 reports, the missing ones, and the rest not owed
    assert html.count('class="cell not-owed"') == 66 - 23 - len(missing)
    assert f"Missing: {len(missing)}" in html


def test_coordinator_marks_an_obligation_not_applicable_with_a_reason(
    invented_plan, make_user, login_as
):
    item = PlanItem.objects.get(plan=invented_plan, code="7.2.1")
    dmx, period = Agency.objects.get(abbr="DMX"), invented_plan.periods.get(code="2031")
    with pytest.raises(ValidationError):
        services.waive_obligation(None, item, dmx, period, reason="  ")
    with pytest.raises(PermissionDenied):
        services.waive_obligation(make_user("focal_point"), item, dmx, period, reason="x")
    client = login_as(make_user("coordinator", agency=None))
    response = client.post(
        f"/plan/plans/{invented_plan.pk}/obligations/waive/",
        {"item": item.pk, "agency": dmx.pk, "period": period.pk, "reason": "Tədbir ləğv olunub"},
    )
    assert response.status_code == 302
    row = next(
        o
        for o in obligations(invented_plan, periods=[period], agency_ids=[dmx.pk])
        if o.item_code == "7.2.1"
    )
    assert row.state == "waived" and row.waiver_reason == "Tədbir ləğv olunub"
    html = client.get("/plan/", {"plan": invented_plan.pk, "period": period.pk}).content.decode()
    assert 'class="cell waived"' in html
    history = client.get(f"/plan/items/{item.pk}/history/").content.decode()
    assert "Tədbir ləğv olunub" in history
    client.post(
        f"/plan/plans/{invented_plan.pk}/obligations/restore/",
        {"item": item.pk, "agency": dmx.pk, "period": period.pk},
    )
    assert obligations(invented_plan, periods=[period], item_ids=[item.pk])[0].state == "missing"


def test_focal_point_may_not_waive_through_the_page(invented_plan, make_user, login_as):
    item = PlanItem.objects.get(plan=invented_plan, code="7.2.1")
    client = login_as(make_user("focal_point", agency="DMX"))
    response = client.post(
        f"/plan/plans/{invented_plan.pk}/obligations/waive/",
        {"item": item.pk, "agency": 1, "period": 1, "reason": "x"},
    )
    assert response.status_code == 403


def test_a_report_by_a_non_executor_is_accepted_and_flagged(invented_plan, make_user, login_as):
    item = PlanItem.objects.get(plan=invented_plan, code="7.1.2")  # BP and SN execute it
    period = invented_plan.periods.get(code="2032")
    report = ItemReport.objects.create(
        item=item, agency=Agency.objects.get(abbr="DSX"), period=period, status="submitted"
    )
    client = login_as(make_user("coordinator", agency=None))
    html = client.get("/plan/", {"plan": invented_plan.pk, "period": period.pk}).content.decode()
    assert 'class="cell non-executor"' in html and f"/plan/reports/{report.pk}/" in html
    assert "not an executor" in html
    page = client.get(f"/plan/plans/{invented_plan.pk}/").content.decode()
    assert f'href="/plan/reports/{report.pk}/">7.1.2 · DSX · 2032' in page


def test_deadlines_and_amendments_decide_which_periods_are_owed(invented_plan):
    periods = {p.code: p for p in invented_plan.periods.all()}
    get_or_create_period(invented_plan, "2033")
    rows = obligations(invented_plan)
    owed = {(o.item_code, o.period_code) for o in rows if o.agency_abbr == "DİN"}
    assert ("7.1.1", "2031") in owed and ("7.1.1", "2032") not in owed  # "2031-ci il"
    quarter = {(o.item_code, o.period_code) for o in rows if o.item_code == "7.1.2"}
    assert {p for _c, p in quarter} == {"2032"}  # "2032-ci ilin III rübü"
    assert {p for c, p in owed if c == "7.2.2"} == set()  # DİN is not an executor of 7.2.2
    # "by agreement" executors owe only when the plan says so
    assert not any(o.agency_abbr == "AM" for o in rows)
    services.update_plan_settings(None, invented_plan, report_due_days=45, by_agreement_owes=True)
    rows = obligations(invented_plan, periods=[periods["2031"]])
    assert any(o.agency_abbr == "AM" and o.by_agreement for o in rows)
    assert {o.due for o in rows} == {dt.date(2032, 2, 14)}


def test_overdue_obligations_are_queryable_for_reminders_and_in_the_due_list(
    invented_plan, make_user, login_as, monkeypatch
):
    plan_services.set_current_plan(None, invented_plan)
    assert selectors.overdue_obligations(today=dt.date(2032, 2, 10)) == []  # due 10 February
    late = selectors.overdue_obligations(today=dt.date(2032, 2, 11))
    assert late and all(o.period_code == "2031" and o.state == "missing" for o in late)
    dmx_late = selectors.overdue_obligations(
        today=dt.date(2032, 2, 11), agency=Agency.objects.get(abbr="DMX")
    )
    assert {o.item_code for o in dmx_late} == {"7.2.1", "7.2.2"}
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2032, 2, 11))
    client = login_as(make_user("focal_point", agency="DMX"))
    html = client.get("/records/due/").content.decode()
    section = html[html.index('id="reports-owed"') :]
    assert "7.2.1" in section and "7.1.2" not in section  # a focal point sees their own


def test_a_draft_counts_as_not_received_and_is_hidden_from_other_agencies(invented_plan, make_user):
    item = PlanItem.objects.get(plan=invented_plan, code="7.2.1")
    period = invented_plan.periods.get(code="2031")
    ItemReport.objects.create(
        item=item, agency=Agency.objects.get(abbr="DMX"), period=period, status="draft"
    )
    coordinator_view = selectors.obligation_rows(
        make_user("coordinator", agency=None), invented_plan, period=period
    )
    other_focal = selectors.obligation_rows(
        make_user("focal_point", agency="DİN"), invented_plan, period=period
    )
    mine = [o for o in coordinator_view if o.item_code == "7.2.1" and o.agency_abbr == "DMX"]
    theirs = [o for o in other_focal if o.item_code == "7.2.1" and o.agency_abbr == "DMX"]
    assert mine[0].state == "in_progress" and theirs[0].state == "missing"


def test_obligations_page_filters_by_state(invented_plan, make_user, login_as):
    client = login_as(make_user("analyst", agency=None))
    period = invented_plan.periods.get(code="2031")
    html = client.get(
        f"/plan/plans/{invented_plan.pk}/obligations/",
        {"period": period.pk, "state": "missing"},
    ).content.decode()
    assert html.count('class="state-missing"') == len(
        [o for o in obligations(invented_plan, periods=[period]) if o.state == "missing"]
    )
    assert "Not applicable</button>" not in html  # an analyst reads, never waives


def test_obligations_page_writes_due_dates_the_interface_way(invented_plan, make_user, login_as):
    """Dates on pages come from the one display library: official Azerbaijani in az."""
    from ctip.azlang import format_date

    client = login_as(make_user("analyst", agency=None))
    client.cookies["django_language"] = "az"
    period = invented_plan.periods.get(code="2031")
    html = client.get(
        f"/plan/plans/{invented_plan.pk}/obligations/", {"period": period.pk}
    ).content.decode()
    due = next(o.due for o in obligations(invented_plan, periods=[period]) if o.due)
    assert format_date(due) in html
    assert due.strftime("%d.%m.%Y") not in html


def test_obligations_command_lists_them_with_their_state(dmx_2022, plan_gold):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command(
        "obligations",
        "--plan",
        "NAP-2020-2024",
        "--period",
        "2022",
        "--agency",
        "DMX",
        "--state",
        "missing",
        stdout=out,
    )
    lines = out.getvalue().splitlines()
    missing = sorted(dmx_owed_in_2022(plan_gold) - SEED_CODES, key=PlanItem.make_sort_key)
    assert [line.split()[0] for line in lines[:-1]] == missing
    assert all("due 2023-01-20" in line and " ! " in line for line in lines[:-1])
    assert lines[-1].startswith(f"NAP-2020-2024: {len(missing)} obligations")


def test_the_demo_has_a_catalogue_with_executors_deadlines_and_an_indicator(db):
    from ctip.demo import people as accounts_demo
    from ctip.demo import plan as demo
    from ctip.plan.models import ActionPlan, Indicator

    accounts_demo.load()
    demo.load()
    demo.load()  # twice: nothing doubles
    plan = ActionPlan.objects.get(code="NAP-2020-2024")
    assert plan.is_current and plan.versions.count() == 1
    item = PlanItem.objects.get(plan=plan, code="3.1.1")
    assert [e.agency.abbr for e in item.executors.order_by("position")] == [
        "AQUPDK",
        "ƏƏSMN",
        "DSX",
    ]
    assert item.deadline_kind == "continuous"
    [indicator] = Indicator.objects.all()
    assert indicator.targets.count() == 5 and indicator.values.count() == 4
    period = plan.periods.get(code="2022")
    missing = [o for o in obligations(plan, periods=[period]) if o.state == "missing"]
    assert [(o.item_code, o.agency_abbr) for o in missing] == [("3.1.1", "DSX")]
