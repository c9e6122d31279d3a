import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from ctip.plan.models import ItemReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(make_user, agencies):
    def as_(role, agency="DMX"):
        c = APIClient()
        c.force_authenticate(make_user(role, agency=agency))
        return c

    return as_


def test_anonymous_is_refused(client, agencies):
    for url in (
        "/api/v1/plans/",
        "/api/v1/item-reports/",
        "/api/v1/search/?q=x",
        "/api/v1/plan-items/",
    ):
        assert client.get(url).status_code in (401, 403)


def test_bearer_token_from_command_works(make_user, agencies, capsys):
    make_user("analyst", agency="MK", username="tokuser")
    call_command("token", "create", "tokuser")
    key = capsys.readouterr().out.strip()
    assert key.startswith("ctip_")
    c = APIClient()
    c.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert c.get("/api/v1/plans/").status_code == 200


def test_items_filter_by_plan_and_code(imported_seed, api):
    resp = api("analyst", "MK").get(
        "/api/v1/plan-items/", {"plan": "NAP-2020-2024", "code": "4.1.6"}
    )
    assert resp.status_code == 200
    data = resp.json()["results"]
    assert len(data) == 1 and data[0]["responsible"] == ["DMX"] and data[0]["from_report"]


def test_reports_list_with_facts_and_filters(imported_seed, api):
    c = api("coordinator", "MK")
    resp = c.get(
        "/api/v1/item-reports/", {"agency": "dmx", "period": "2022", "status": "submitted"}
    )
    body = resp.json()
    assert body["count"] == 23
    assert any(f["type"] == "person" for r in body["results"] for f in r["facts"])
    assert c.get("/api/v1/item-reports/", {"status": "approved"}).json()["count"] == 0


def test_persons_are_masked_for_roles_without_need_to_know(imported_seed, api):
    body = api("analyst", "MK").get("/api/v1/item-reports/", {"limit": 100}).json()
    assert not any(f["type"] == "person" for r in body["results"] for f in r["facts"])
    texts = " ".join(r["narrative"] for r in body["results"])
    assert "İbrahimov" not in texts and "▇" in texts
    for r in body["results"]:
        for f in r["facts"]:
            assert r["narrative"][f["start"] : f["end"]] == f["text"]


def test_drafts_visible_only_to_own_agency_and_reviewers(report_factory, api):
    draft = report_factory(abbr="DİN", status="draft")
    assert api("focal_point", "DMX").get(f"/api/v1/item-reports/{draft.pk}/").status_code == 404
    assert api("focal_point", "DİN").get(f"/api/v1/item-reports/{draft.pk}/").status_code == 200
    assert api("coordinator", "MK").get(f"/api/v1/item-reports/{draft.pk}/").status_code == 200
    submitted = report_factory(abbr="DİN", code="2.1.2", status="submitted")
    assert api("focal_point", "DMX").get(f"/api/v1/item-reports/{submitted.pk}/").status_code == 200


def test_other_agency_write_is_404(report_factory, api):
    r = report_factory(abbr="DİN", status="submitted")
    c = api("focal_point", "DMX")
    assert (
        c.patch(
            f"/api/v1/item-reports/{r.pk}/", {"narrative": "x", "version": r.version}, format="json"
        ).status_code
        == 404
    )
    assert c.post(f"/api/v1/item-reports/{r.pk}/submit/", {}, format="json").status_code == 404


def test_patch_with_stale_version_is_409(report_factory, api):
    r = report_factory()
    c = api("focal_point", "DMX")
    ok = c.patch(
        f"/api/v1/item-reports/{r.pk}/", {"narrative": "Yeni mətn.", "version": 1}, format="json"
    )
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = c.patch(
        f"/api/v1/item-reports/{r.pk}/", {"narrative": "Köhnə.", "version": 1}, format="json"
    )
    assert stale.status_code == 409 and stale.json()["current_version"] == 2
    assert ItemReport.objects.get(pk=r.pk).narrative == "Yeni mətn."


def test_workflow_actions_over_api(report_factory, api):
    r = report_factory()
    focal, coord = api("focal_point", "DMX"), api("coordinator", "MK")
    assert (
        focal.post(f"/api/v1/item-reports/{r.pk}/submit/", {"version": 1}, format="json").json()[
            "status"
        ]
        == "submitted"
    )
    assert focal.post(f"/api/v1/item-reports/{r.pk}/approve/", {}, format="json").status_code == 403
    assert (
        coord.post(
            f"/api/v1/item-reports/{r.pk}/return/", {"version": 2}, format="json"
        ).status_code
        == 400
    )
    resp = coord.post(
        f"/api/v1/item-reports/{r.pk}/return/", {"version": 2, "comment": "Düzəlt"}, format="json"
    )
    assert resp.json()["status"] == "returned"
    assert resp.json()["transitions"][-1]["comment"] == "Düzəlt"


def test_search_api(imported_seed, api):
    body = api("coordinator", "MK").get("/api/v1/search/", {"q": "rufet"}).json()
    assert body["results"] and "<mark>Rüfət</mark>" in body["results"][0]["snippet"]


def test_openapi_generates_without_warnings(api, capsys):
    from drf_spectacular.drainage import GENERATOR_STATS

    GENERATOR_STATS.reset()
    resp = api("analyst", "MK").get("/api/v1/openapi.json")
    assert resp.status_code == 200
    assert resp["Content-Type"].split(";")[0] in (
        "application/json",
        "application/vnd.oai.openapi+json",
    )
    paths = resp.json()["paths"]
    assert "/api/v1/item-reports/{id}/submit/" in paths
    assert "/api/v1/search/" in paths
    mine = (
        "ctip/api/plan.py",
        "[PlanViewSet]",
        "[PlanItemViewSet]",
        "[ItemReportViewSet]",
        "[SearchViewSet]",
    )
    problems = [
        m
        for m in [*GENERATOR_STATS._warn_cache, *GENERATOR_STATS._error_cache]
        if any(k in m for k in mine)
    ]
    assert problems == []


def test_report_read_carries_its_version_as_etag_and_if_match_refuses_a_stale_one(
    report_factory, api
):
    """Issue 16: ETag/If-Match on item reports; a stale If-Match is a 412 and writes nothing."""
    r = report_factory()
    c = api("focal_point", "DMX")
    read = c.get(f"/api/v1/item-reports/{r.pk}/")
    assert read["ETag"] == '"1"'
    url = f"/api/v1/item-reports/{r.pk}/"
    ok = c.patch(url, {"narrative": "Birinci."}, format="json", HTTP_IF_MATCH=read["ETag"])
    assert ok.status_code == 200 and ok["ETag"] == '"2"'
    stale = c.patch(url, {"narrative": "İkinci."}, format="json", HTTP_IF_MATCH='"1"')
    assert stale.status_code == 412 and stale.json()["current_version"] == 2
    assert ItemReport.objects.get(pk=r.pk).narrative == "Birinci."
    late = c.post(f"{url}submit/", {}, format="json", HTTP_IF_MATCH='"1"')
    assert late.status_code == 412 and ItemReport.objects.get(pk=r.pk).status == "draft"
    assert c.post(f"{url}submit/", {}, format="json", HTTP_IF_MATCH='"2"').status_code == 200


def test_a_patch_without_any_version_is_refused(report_factory, api):
    r = report_factory()
    resp = api("focal_point", "DMX").patch(
        f"/api/v1/item-reports/{r.pk}/", {"narrative": "x"}, format="json"
    )
    assert resp.status_code == 400 and resp.json()["errors"][0]["field"] == "version"
