"""Issue 16: a retried POST with the same Idempotency-Key creates nothing twice; each token has
its own rate limit (429 with Retry-After); pages are capped."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from ctip.accounts.models import ApiToken
from ctip.api.models import IdempotentRequest
from ctip.records.models import Document

pytestmark = pytest.mark.django_db

DOCUMENT = {"kind": "letter", "number": "16/1", "date": "2026-01-05", "subject": "Sorğu"}


@pytest.fixture
def focal(make_user):
    c = APIClient()
    c.force_authenticate(make_user("focal_point", agency="DMX"))
    return c


def test_a_retry_with_the_same_key_gets_the_first_answer_and_creates_nothing(focal):
    first = focal.post("/api/v1/documents/", DOCUMENT, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == 201
    again = focal.post("/api/v1/documents/", DOCUMENT, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert again.status_code == 201 and again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Document.objects.count() == 1
    # Without a key the find-or-create answers 200: the replay above really was a replay.
    assert focal.post("/api/v1/documents/", DOCUMENT, format="json").status_code == 200


def test_the_same_key_for_another_request_is_a_409(focal):
    focal.post("/api/v1/documents/", DOCUMENT, format="json", HTTP_IDEMPOTENCY_KEY="k-2")
    other = {**DOCUMENT, "number": "16/2"}
    resp = focal.post("/api/v1/documents/", other, format="json", HTTP_IDEMPOTENCY_KEY="k-2")
    assert resp.status_code == 409 and resp.json()["code"] == "conflict"
    assert not Document.objects.filter(number="16/2").exists()


def test_keys_are_per_user_and_expire(focal, make_user, settings):
    focal.post("/api/v1/documents/", DOCUMENT, format="json", HTTP_IDEMPOTENCY_KEY="k-3")
    other = APIClient()
    other.force_authenticate(make_user("focal_point", agency="DİN"))
    resp = other.post(
        "/api/v1/documents/",
        {**DOCUMENT, "number": "16/9"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="k-3",
    )
    assert resp.status_code == 201  # another user's key of the same name is not theirs
    IdempotentRequest.objects.update(expires="2000-01-01T00:00:00Z")
    again = focal.post(
        "/api/v1/documents/",
        {**DOCUMENT, "number": "16/3"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="k-3",
    )
    assert again.status_code == 201 and again.json()["number"] == "16/3"


def test_a_refused_request_is_not_remembered(focal):
    bad = focal.post(
        "/api/v1/documents/", {**DOCUMENT, "date": "x"}, format="json", HTTP_IDEMPOTENCY_KEY="k-4"
    )
    assert bad.status_code == 400 and not IdempotentRequest.objects.exists()
    ok = focal.post("/api/v1/documents/", DOCUMENT, format="json", HTTP_IDEMPOTENCY_KEY="k-4")
    assert ok.status_code == 201


def test_each_token_has_its_own_rate_limit(make_user, settings, client):
    settings.CTIP_API_RATE = "3/min"
    cache.clear()
    user = make_user("analyst", agency="MK")
    first = ApiToken.issue(user, second_factor=True)[1]
    second = ApiToken.issue(user, second_factor=True)[1]
    codes = [
        client.get("/api/v1/plans/", HTTP_AUTHORIZATION=f"Bearer {first}").status_code
        for _ in range(4)
    ]
    assert codes == [200, 200, 200, 429]
    refused = client.get("/api/v1/plans/", HTTP_AUTHORIZATION=f"Bearer {first}")
    assert refused.status_code == 429 and 0 < int(refused["Retry-After"]) <= 60
    assert refused.json()["code"] == "throttled"
    assert client.get("/api/v1/plans/", HTTP_AUTHORIZATION=f"Bearer {second}").status_code == 200
    cache.clear()


def test_page_size_is_capped_and_documented(focal):
    assert focal.get("/api/v1/plans/", {"limit": 1000}).status_code == 200
    too_big = focal.get("/api/v1/plans/", {"limit": 1001})
    assert too_big.status_code == 400 and too_big.json()["errors"][0]["field"] == "limit"
    schema = focal.get("/api/v1/openapi.json").json()
    limit = next(
        p for p in schema["paths"]["/api/v1/plans/"]["get"]["parameters"] if p["name"] == "limit"
    )
    assert limit["schema"]["maximum"] == 1000


def test_idempotency_refusals_speak_the_users_language(focal, settings):
    bad = focal.post("/api/v1/documents/", DOCUMENT, format="json", HTTP_IDEMPOTENCY_KEY="a b")
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["message"] == "1-200 görünən ASCII simvolu."
    focal.post("/api/v1/documents/", DOCUMENT, format="json", HTTP_IDEMPOTENCY_KEY="k-9")
    other = {**DOCUMENT, "number": "16/9"}
    resp = focal.post("/api/v1/documents/", other, format="json", HTTP_IDEMPOTENCY_KEY="k-9")
    assert resp.json()["detail"] == "Bu Idempotency-Key başqa sorğu üçün istifadə olunub."
    focal.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    resp = focal.post("/api/v1/documents/", other, format="json", HTTP_IDEMPOTENCY_KEY="k-9")
    assert resp.status_code == 409
    assert resp.json()["detail"] == "Этот Idempotency-Key уже использован для другого запроса."
