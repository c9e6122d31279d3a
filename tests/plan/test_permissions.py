"""Issue 11, point 9 (plans): only the coordinator creates plans and sub-items; the default plan is
the one the coordinator marks current.

The attack: a focal point's import named a new plan (or sub-items the plan does not have) and
ctip created them; the plan with the latest years then became everyone's default plan.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from ctip.audit.models import AuditEntry
from ctip.plan import selectors, services
from ctip.plan.models import ActionPlan, ItemReport, PlanItem
from tests.uploads import preview_url

KNOWN = (
    "4.1.6-cı yarımbənd üzrə (Sınaq yarımbəndi):\n"
    "2022-ci il ərzində uydurma maarifləndirmə tədbirləri keçirilmişdir.\n"
)
UNKNOWN_ITEM = KNOWN + (
    "9.9.9-cu yarımbənd üzrə (Planda olmayan yarımbənd):\n"
    "Bu yarımbənd planda yoxdur, amma hesabatda yazılıb.\n"
)


@pytest.fixture
def plan_2020(db):
    services.sync_agencies()
    plan, _ = services.get_or_create_plan("NAP-2020-2024")
    services.ensure_item(plan, "4.1.6", "Sınaq yarımbəndi", from_report=False)
    return plan


@pytest.fixture
def report_file(tmp_path):
    def write(text: str):
        path = tmp_path / "report.txt"
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.mark.django_db
def test_focal_point_cannot_create_a_plan_by_import(plan_2020, report_file, make_user):
    focal = make_user("focal_point", "DMX")
    with pytest.raises(PermissionDenied) as refused:
        services.import_report(
            focal, report_file(KNOWN), plan="NAP-2030-2034", agency="DMX", period="2030"
        )
    assert "NAP-2030-2034" in str(refused.value)
    assert not ActionPlan.objects.filter(code="NAP-2030-2034").exists()
    assert selectors.default_plan() == plan_2020


@pytest.mark.django_db
def test_focal_point_cannot_create_sub_items_by_import(plan_2020, report_file, make_user):
    focal = make_user("focal_point", "DMX")
    items_before = PlanItem.objects.count()
    with pytest.raises(PermissionDenied) as refused:
        services.import_report(
            focal, report_file(UNKNOWN_ITEM), plan="NAP-2020-2024", agency="DMX", period="2022"
        )
    assert "9.9.9" in str(refused.value)
    assert PlanItem.objects.count() == items_before
    assert not ItemReport.objects.exists()  # all or nothing
    # The same file without the unknown sub-item imports.
    summary = services.import_report(
        focal, report_file(KNOWN), plan="NAP-2020-2024", agency="DMX", period="2022"
    )
    assert summary.reports["new"] == 1 and PlanItem.objects.count() == items_before


@pytest.mark.django_db
def test_web_preview_of_a_focal_points_import_names_the_unknown_sub_items(
    plan_2020, make_user, login_as, client
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    login_as(make_user("focal_point", "DMX"))
    upload = SimpleUploadedFile("r.txt", UNKNOWN_ITEM.encode(), content_type="text/plain")
    response = client.post(
        "/plan/import/",
        {
            "file": upload,
            "plan": "NAP-2020-2024",
            "agency": "DMX",
            "period": "2022",
            "status": "submitted",
        },
    )
    response = client.get(preview_url(response))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'role="alert"' in body and "9.9.9" in body
    assert "/confirm/" not in body  # nothing to confirm
    assert not PlanItem.objects.filter(code="9.9.9").exists()


@pytest.mark.django_db
def test_operator_command_still_creates_plans_and_says_so_in_the_audit(db, report_file):
    services.sync_agencies()
    call_command(
        "import-report",
        str(report_file(UNKNOWN_ITEM)),
        plan="NAP-2020-2024",
        agency="DMX",
        period="2022",
    )
    assert PlanItem.objects.filter(code="9.9.9").exists()
    entry = AuditEntry.objects.filter(action="plan.report.imported").get()
    assert entry.actor is None and "ctip import-report" in str(entry.details)


@pytest.mark.django_db
def test_a_plan_with_later_years_does_not_become_the_default(
    plan_2020, make_user, login_as, client
):
    later, _ = services.get_or_create_plan("NAP-2025-2029")
    assert selectors.default_plan() == plan_2020

    login_as(make_user("focal_point", "DMX"))
    assert client.post(f"/plan/plans/{later.pk}/current/").status_code in (403, 404)
    assert selectors.default_plan() == plan_2020

    coordinator = make_user("coordinator", "DMX")
    login_as(coordinator)
    assert client.post(f"/plan/plans/{later.pk}/current/").status_code == 302
    assert selectors.default_plan() == later
    entry = AuditEntry.objects.get(action="plan.plan.current")
    assert entry.actor == coordinator and entry.object_id == str(later.pk)


@pytest.fixture
def other_agency_reports(make_agency):
    from ctip.plan.models import ActionPlan, ItemReport, PlanItem, ReportingPeriod

    plan = ActionPlan.objects.create(code="NAP-Y", title="y", start_year=2020, end_year=2024)
    period = ReportingPeriod.objects.create(
        plan=plan, code="2022", year=2022, start="2022-01-01", end="2022-12-31"
    )
    item = PlanItem.objects.create(plan=plan, code="2.1.1", title_az="Bənd")
    other = make_agency("DİN")
    draft = ItemReport.objects.create(
        item=item, agency=other, period=period, narrative="başqa qurumun qaralaması", status="draft"
    )
    item2 = PlanItem.objects.create(plan=plan, code="2.1.2", title_az="Bənd 2")
    submitted = ItemReport.objects.create(
        item=item2,
        agency=other,
        period=period,
        narrative="başqa qurumun hesabatı",
        status="submitted",
    )
    return draft, submitted


def _require(client, url):
    from django.urls import Resolver404, resolve

    try:
        resolve(url)
    except Resolver404:
        pytest.skip(f"{url} does not exist yet")


@pytest.mark.django_db
def test_another_agencys_draft_is_not_found_by_id(other_agency_reports, client_for):
    draft, _ = other_agency_reports
    client = client_for("focal_point", agency="DMX")
    for url in (
        f"/plan/reports/{draft.pk}/",
        f"/plan/reports/{draft.pk}/edit/",
        f"/api/v1/item-reports/{draft.pk}/",
    ):
        _require(client, url)
        assert client.get(url).status_code == 404, url
    response = client.post(
        f"/plan/reports/{draft.pk}/edit/", {"narrative": "dəyişdirildi", "version": draft.version}
    )
    assert response.status_code == 404
    response = client.patch(
        f"/api/v1/item-reports/{draft.pk}/",
        {"narrative": "dəyişdirildi", "version": draft.version},
        content_type="application/json",
    )
    assert response.status_code in (404, 405)
    draft.refresh_from_db()
    assert draft.narrative == "başqa qurumun qaralaması"


@pytest.mark.django_db
def test_another_agencys_report_cannot_be_edited(other_agency_reports, client_for):
    _, submitted = other_agency_reports
    client = client_for("focal_point", agency="DMX")
    url = f"/plan/reports/{submitted.pk}/edit/"
    _require(client, url)
    response = client.post(url, {"narrative": "dəyişdirildi", "version": submitted.version})
    assert response.status_code in (403, 404)
    submitted.refresh_from_db()
    assert submitted.narrative == "başqa qurumun hesabatı"
