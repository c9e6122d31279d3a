"""Issue 11, point 9: responses with personal data say `Cache-Control: no-store`, so neither the
browser nor a proxy keeps a copy of a victim's record."""

import pytest

from ctip.accounts.models import ApiToken

pytestmark = pytest.mark.django_db


def no_store(response) -> bool:
    directives = {d.strip().split("=")[0] for d in response.get("Cache-Control", "").split(",")}
    return "no-store" in directives


def test_personal_data_api_responses_are_not_stored(client_for, victim_case, client):
    worker = client_for("case_worker")
    person = victim_case.persons.first()
    for url in (
        "/api/v1/persons/?purpose=yoxlama",
        f"/api/v1/persons/{person.uid}/?purpose=yoxlama",
        "/api/v1/cases/",
        f"/api/v1/cases/{victim_case.code}/",
    ):
        response = worker.get(url)
        assert response.status_code == 200, url
        assert no_store(response), url
    _, key = ApiToken.issue(worker.user, second_factor=True)
    response = client.get("/api/v1/persons/?purpose=yoxlama", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200 and no_store(response)


def test_case_pages_are_not_stored(client_for, victim_case):
    worker = client_for("case_worker")
    person = victim_case.persons.first()
    worker.post(f"/cases/{victim_case.code}/purpose/", {"purpose": "yoxlama"})
    for url in (
        "/cases/",
        f"/cases/{victim_case.code}/",
        f"/cases/{victim_case.code}/persons/{person.uid}/",
    ):
        response = worker.get(url)
        assert response.status_code in (200, 302), url
        assert no_store(response), url
    response = worker.post("/cases/search/", {"query": "Sevinc", "purpose": "yoxlama"})
    assert response.status_code == 200 and no_store(response)
    response = worker.get(f"/cases/{victim_case.code}/persons/{person.uid}/")
    assert response.status_code == 200 and b"Uydurmaliyeva" in response.content
