"""Issue 11, point 9: responses with personal data say `Cache-Control: no-store`, so neither the
browser nor a proxy keeps a copy of a victim's record."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

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


@pytest.mark.django_db
def test_request_bodies_over_the_upload_limit_are_refused(client_for, settings, tmp_path):
    settings.CTIP_MAX_UPLOAD_BYTES = 300 * 1024
    client = client_for("focal_point")
    big = SimpleUploadedFile(
        "big.pdf", b"%PDF-1.4 " + b"x" * (settings.CTIP_MAX_UPLOAD_BYTES + 300 * 1024)
    )
    for url in ("/records/documents/new/", "/plan/import/", "/accounts/"):
        response = client.post(url, {"file": big})
        big.seek(0)
        assert response.status_code == 413, url
    assert not any(p.is_file() for p in tmp_path.rglob("big*"))


@pytest.mark.django_db
def test_uploads_without_a_declared_length_stop_at_the_limit(settings):
    from django.core.exceptions import RequestDataTooBig

    from ctip.core.middleware import LimitedUploadHandler

    settings.CTIP_MAX_UPLOAD_BYTES = 1000
    handler = LimitedUploadHandler()
    handler.new_file("file", "a.pdf", "application/pdf", None)
    assert handler.receive_data_chunk(b"x" * 600, 0) == b"x" * 600
    with pytest.raises(RequestDataTooBig):
        handler.receive_data_chunk(b"x" * 600, 600)


@pytest.mark.django_db
def test_uploads_under_the_limit_pass_the_limit(client_for, settings):
    settings.CTIP_MAX_UPLOAD_BYTES = 300 * 1024
    client = client_for("focal_point")
    small = SimpleUploadedFile("small.txt", b"x" * 1000)
    assert client.post("/accounts/", {"file": small}).status_code != 413
