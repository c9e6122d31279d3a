"""Issue 16: invalid input is refused with a 400 naming the field and the problem, in the one
error shape of the whole API (ctip.api.errors); no input gives a server error."""

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

HUGE = "999999999999999999999"


@pytest.fixture
def api(make_user):
    def as_(role="coordinator", agency="MK"):
        c = APIClient()
        c.force_authenticate(make_user(role, agency=agency))
        return c

    return as_


def error_fields(response) -> set:
    body = response.json()
    assert set(body) >= {"detail", "code", "errors"}, body
    assert isinstance(body["detail"], str) and body["detail"]
    return {e["field"] for e in body["errors"]}


@pytest.mark.parametrize(
    "url, field",
    [
        (f"/api/v1/plans/?limit={HUGE}", "limit"),
        ("/api/v1/plans/?limit=0", "limit"),
        ("/api/v1/plan-items/?offset=abc", "offset"),
        ("/api/v1/documents/?offset=-1", "offset"),
        (f"/api/v1/item-reports/?item={HUGE}", "item"),
        ("/api/v1/item-reports/?item=x", "item"),
        ("/api/v1/item-reports/?status=lost", "status"),
        ("/api/v1/plan-items/?level=7", "level"),
        ("/api/v1/documents/?kind=poem", "kind"),
        ("/api/v1/recommendations/?source=rumour", "source"),
        ("/api/v1/obligations/?state=sleeping", "state"),
        (f"/api/v1/search/?q=x&offset={HUGE}", "offset"),
        ("/api/v1/search/?q=x&limit=101", "limit"),
    ],
)
def test_bad_query_values_are_a_400_naming_the_parameter(api, url, field):
    response = api("coordinator").get(url)
    assert response.status_code == 400, response.content
    assert field in error_fields(response)


def test_an_unknown_query_parameter_is_refused_not_ignored(api):
    client = api()
    response = client.get("/api/v1/documents/", {"knd": "letter"})
    assert response.status_code == 400
    assert error_fields(response) == {"knd"}
    assert response.json()["errors"][0]["code"] == "unknown"
    assert client.get("/api/v1/documents/", {"kind": "letter"}).status_code == 200


def test_an_unknown_body_field_is_refused_and_nothing_is_written(api):
    from ctip.records.models import Document

    body = {"kind": "letter", "number": "7/1", "date": "2022-01-05", "subjekt": "typo"}
    response = api("focal_point", "DMX").post("/api/v1/documents/", body, format="json")
    assert response.status_code == 400
    assert error_fields(response) == {"subjekt"}
    assert not Document.objects.exists()


def test_wrong_types_in_a_body_name_the_field(api):
    response = api("focal_point", "DMX").post(
        "/api/v1/documents/", {"kind": "letter", "number": "7/1", "date": "soon"}, format="json"
    )
    assert response.status_code == 400
    assert error_fields(response) == {"date"}


def test_not_found_and_forbidden_have_the_same_shape(api):
    missing = api().get("/api/v1/plans/123456/")
    assert missing.status_code == 404
    assert missing.json()["code"] == "not_found" and missing.json()["errors"] == []
    forbidden = api("analyst").post("/api/v1/obligations/waive/", {}, format="json")
    assert forbidden.status_code == 403
    assert forbidden.json()["code"] == "permission_denied"


def test_unauthenticated_is_a_401_with_a_challenge(client):
    response = client.get("/api/v1/plans/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert response.json()["code"] == "not_authenticated"


def test_a_number_where_the_schema_says_string_is_refused_not_coerced(api, make_agency):
    from ctip.plan.models import ActionPlan, PlanItem

    plan = ActionPlan.objects.create(code="T-2030", title="T", start_year=2030, end_year=2031)
    item = PlanItem.objects.create(plan=plan, code="1", level=1, title_az="Başlıq", sort_key="1")
    response = api("coordinator").patch(
        f"/api/v1/plan-items/{item.pk}/", {"title_az": 0}, format="json"
    )
    assert response.status_code == 400 and error_fields(response) == {"title_az"}
    item.refresh_from_db()
    assert item.title_az == "Başlıq"


def test_a_path_no_route_takes_is_the_api_404_even_for_a_post(client):
    response = client.post("/api/v1/indicators/0.5/values/", {})
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert response.json()["detail"] == "Tapılmadı."  # in the interface's language


def test_a_key_with_a_line_break_is_the_api_404(client):
    response = client.get("/api/v1/persons/a%0A7.b/")  # no route takes a dot
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_the_error_speaks_the_users_language(api, settings):
    client = api()
    answer = client.get("/api/v1/documents/", {"knd": "letter"})  # Azerbaijani by default
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["message"] == "Naməlum sorğu parametri."
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    answer = client.get("/api/v1/documents/", {"knd": "letter"})
    assert answer.json()["errors"][0]["message"] == "Неизвестный параметр запроса."


@pytest.mark.parametrize(
    "lang, expected", [("az", "tarix və vaxt gözlənilir."), ("ru", "Ожидается дата и время.")]
)
def test_a_wrong_json_type_is_named_in_the_users_language(lang, expected):
    from django.utils import translation
    from rest_framework import serializers

    from ctip.api.inputs import wrong_json_types

    fields = {"at": serializers.DateTimeField()}
    with translation.override(lang):
        errors = wrong_json_types(fields, {"at": 1700000000})
    assert [str(e) for e in errors["at"]] == [expected]
    assert errors["at"][0].code == "invalid_type"


def test_a_bad_if_match_is_refused_in_the_users_language(api, make_agency):
    from ctip.plan.models import ActionPlan, ItemReport, PlanItem, ReportingPeriod

    agency = make_agency("DMX")
    plan = ActionPlan.objects.create(code="T-2030", title="T", start_year=2030, end_year=2031)
    item = PlanItem.objects.create(plan=plan, code="1.1.1", level=3, title_az="B", sort_key="1")
    period = ReportingPeriod.objects.create(
        plan=plan, code="2030", year=2030, start="2030-01-01", end="2030-12-31"
    )
    report = ItemReport.objects.create(item=item, agency=agency, period=period, narrative="x")
    response = api("focal_point", "DMX").patch(
        f"/api/v1/item-reports/{report.pk}/",
        {"narrative": "y"},
        format="json",
        HTTP_IF_MATCH="three",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "If-Match", "message": '"3" kimi ETag gözlənilir.', "code": "invalid"}
    ]
