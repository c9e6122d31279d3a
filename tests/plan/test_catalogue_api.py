"""/api/v1 for the plan itself: plans, versions, sub-items with executors and deadlines,
obligations and indicators — read for every role, written by the coordinator."""

import pytest
from rest_framework.test import APIClient

from ctip.audit.models import AuditEntry
from ctip.plan.models import ActionPlan, Indicator, PlanItem
from tests.plan import documents as plan_documents

pytestmark = pytest.mark.django_db

ROLES = ["focal_point", "analyst", "auditor", "case_worker", "supervisor", "admin"]


@pytest.fixture
def api(make_user):
    def as_(role, agency="DMX"):
        client = APIClient()
        client.force_authenticate(make_user(role, agency=agency))
        return client

    return as_


@pytest.mark.parametrize("role", [*ROLES, "coordinator"])
def test_every_role_reads_the_catalogue(invented_plan, api, role):
    client = api(role)
    plans = client.get("/api/v1/plans/").json()["results"]
    plan = next(p for p in plans if p["code"] == "SINAQ-2031-2033")
    assert plan["approved_on"] == "2031-03-03" and plan["versions"] == 1
    items = client.get("/api/v1/plan-items/", {"plan": "SINAQ-2031-2033", "code": "7.1.1"})
    [item] = items.json()["results"]
    assert item["executors"] == [
        {"agency": "DİN", "name": "Daxili İşlər Nazirliyi", "by_agreement": False},
        {"agency": "AM", "name": "Ali Məhkəmə", "by_agreement": True},
    ]
    assert item["other_executors"] == [
        {"kind": "category", "text": "yerli icra hakimiyyəti orqanları", "by_agreement": False}
    ]
    assert (item["deadline"], item["deadline_kind"], item["deadline_start"]) == (
        "2031-ci il",
        "year",
        "2031-01-01",
    )
    assert item["expected_result"] == "Bilik artımı; yeni vəsaitlər"
    versions = client.get("/api/v1/plan-versions/", {"plan": "SINAQ-2031-2033"}).json()
    assert [v["number"] for v in versions["results"]] == [1]
    obligations = client.get(
        "/api/v1/obligations/", {"plan": "SINAQ-2031-2033", "period": "2031", "agency": "DMX"}
    ).json()
    assert {(o["item"], o["state"], o["due"]) for o in obligations["results"]} == {
        ("7.2.1", "missing", "2032-02-10"),
        ("7.2.2", "missing", "2032-02-10"),
    }


@pytest.mark.parametrize("role", ROLES)
def test_writes_are_the_coordinators(invented_plan, api, role, tmp_path):
    client = api(role)
    item = PlanItem.objects.get(plan=invented_plan, code="7.1.1")
    assert (
        client.patch(f"/api/v1/plan-items/{item.pk}/", {"title_en": "x"}, format="json").status_code
        == 403
    )
    assert (
        client.post(
            "/api/v1/obligations/waive/",
            {"item": item.pk, "agency": "DİN", "period": "2031", "reason": "x"},
            format="json",
        ).status_code
        == 403
    )
    assert (
        client.post(
            "/api/v1/indicators/",
            {"item_id": item.pk, "name_az": "x", "unit": "y", "source": "manual"},
            format="json",
        ).status_code
        == 403
    )
    assert client.post(f"/api/v1/plans/{invented_plan.pk}/current/").status_code == 403
    with plan_documents.write_docx(tmp_path / "p.docx").open("rb") as fh:
        assert client.post("/api/v1/plans/import/", {"file": fh}).status_code == 403
    item.refresh_from_db()
    assert item.title_en == "" and not Indicator.objects.exists()


def test_coordinator_edits_waives_and_measures_through_the_api(invented_plan, api):
    client = api("coordinator", agency=None)
    item = PlanItem.objects.get(plan=invented_plan, code="7.2.1")
    response = client.patch(
        f"/api/v1/plan-items/{item.pk}/",
        {"title_en": "Trainings", "deadline": "Hər il"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["title_en"] == "Trainings"
    assert response.json()["deadline_kind"] == "annual"
    assert AuditEntry.objects.filter(action="plan.item.edited").count() == 1
    assert (
        client.patch(f"/api/v1/plan-items/{item.pk}/", {"title_az": ""}, format="json").status_code
        == 400
    )
    waived = client.post(
        "/api/v1/obligations/waive/",
        {"item": item.pk, "agency": "DMX", "period": "2031", "reason": "Ləğv olunub"},
        format="json",
    )
    assert waived.status_code == 204
    rows = client.get(
        "/api/v1/obligations/", {"plan": "SINAQ-2031-2033", "state": "waived"}
    ).json()["results"]
    assert [(r["item"], r["agency"], r["reason"]) for r in rows] == [
        ("7.2.1", "DMX", "Ləğv olunub")
    ]
    created = client.post(
        "/api/v1/indicators/",
        {
            "item_id": item.pk,
            "name_az": "Təlimlər",
            "unit": "təlim",
            "source": "trainings",
            "targets": {"2031": "4"},
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    indicator = created.json()
    assert indicator["targets"] == {"2031": "4.00"} and indicator["item"] == "7.2.1"
    value = client.post(
        f"/api/v1/indicators/{indicator['id']}/values/",
        {"period": "2031", "agency": "DMX", "value": "3"},
        format="json",
    )
    assert value.status_code == 200
    progress = value.json()["progress"][0]
    assert progress == {"year": 2031, "target": "4.00", "achieved": "3.00", "percent": 75.0}
    suggestions = client.get(
        f"/api/v1/indicators/{indicator['id']}/suggestions/", {"period": "2031", "agency": "DMX"}
    )
    assert suggestions.status_code == 200 and suggestions.json()[0]["value"] == "0"


def test_focal_point_enters_its_own_agencys_value(invented_plan, api):
    item = PlanItem.objects.get(plan=invented_plan, code="7.2.1")
    indicator = Indicator.objects.create(item=item, name_az="Təlimlər", unit="təlim")
    mine = api("focal_point", agency="DMX").post(
        f"/api/v1/indicators/{indicator.pk}/values/",
        {"period": "2031", "agency": "DMX", "value": "2"},
        format="json",
    )
    assert mine.status_code == 200
    other = api("focal_point", agency="DİN").post(
        f"/api/v1/indicators/{indicator.pk}/values/",
        {"period": "2031", "agency": "DMX", "value": "9"},
        format="json",
    )
    assert other.status_code == 403


def test_plan_import_through_the_api_previews_then_loads(agencies, api, tmp_path):
    client = api("coordinator", agency=None)
    path = plan_documents.write_docx(tmp_path / "plan.docx")
    with path.open("rb") as fh:
        preview = client.post("/api/v1/plans/import/", {"file": fh, "dry_run": "true"})
    assert preview.status_code == 200 and preview.json()["version"] == 1
    assert not ActionPlan.objects.exists()
    with path.open("rb") as fh:
        loaded = client.post("/api/v1/plans/import/", {"file": fh})
    assert loaded.status_code == 201 and loaded.json()["counts"]["added"] == 6
    with path.open("rb") as fh:
        again = client.post("/api/v1/plans/import/", {"file": fh})
    assert again.status_code == 200 and again.json()["version"] is None
    plan = ActionPlan.objects.get()
    assert client.post(f"/api/v1/plans/{plan.pk}/current/").json()["is_current"] is True
    settings = client.post(
        f"/api/v1/plans/{plan.pk}/settings/",
        {"report_due_days": 30, "by_agreement_owes": True},
        format="json",
    )
    assert settings.json()["report_due_days"] == 30
