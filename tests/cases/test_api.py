import pytest

from ctip.audit.models import AuditEntry


@pytest.fixture
def token(worker):
    from ctip.accounts.models import ApiToken

    key = ApiToken.issue(worker, second_factor=True)[1]  # as from a verified account page
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_case_list_is_pseudonymous(client, token, make_case):
    case = make_case()
    resp = client.get("/api/v1/cases/", **token)
    body = resp.content.decode()
    assert resp.status_code == 200 and case.code in body
    assert "Zümrüd" not in body and "given_name" not in body
    assert client.get(f"/api/v1/cases/{case.code}/", **token).json()["persons"] == 1


def test_persons_without_purpose_is_a_clear_400(client, token, make_case):
    make_case()
    resp = client.get("/api/v1/persons/", **token)
    assert resp.status_code == 400
    assert "purpose" in resp.json()["detail"].lower()
    assert not AuditEntry.objects.filter(action="cases.person.view").exists()


@pytest.mark.parametrize("how", ["query", "header"])
def test_persons_with_purpose_returns_data_and_audits(client, token, make_case, worker, how):
    case = make_case()
    if how == "query":
        resp = client.get("/api/v1/persons/?purpose=court+request+42", **token)
    else:
        resp = client.get("/api/v1/persons/", HTTP_X_ACCESS_PURPOSE="court request 42", **token)
    assert resp.status_code == 200
    row = resp.json()["results"][0]
    assert row["given_name"] == "Zümrüd" and row["case"] == case.code
    entry = AuditEntry.objects.get(action="cases.person.view")
    assert entry.actor == worker and entry.purpose == "court request 42"
    assert "Zümrüd" not in str(entry.details)


def test_person_detail_by_uid_audits(client, token, make_case):
    person = make_case().persons.get()
    resp = client.get(f"/api/v1/persons/{person.uid}/?purpose=phone+follow-up", **token)
    assert resp.status_code == 200 and resp.json()["surname"] == "Qəribəliyeva"
    assert AuditEntry.objects.filter(action="cases.person.view", object_id=str(person.pk)).exists()


def test_unauthenticated_api_is_refused(client):
    assert client.get("/api/v1/persons/?purpose=x").status_code in (401, 403)


def test_person_etag_and_if_match(client, token, make_case):
    """Issue 16: a person read carries its version as ETag; a stale If-Match is a 412."""
    person = make_case().persons.get()
    url = f"/api/v1/persons/{person.uid}/?purpose=phone+follow-up"
    read = client.get(url, **token)
    assert read["ETag"] == f'"{person.version}"'
    ok = client.patch(
        url,
        {"address": "Bakı, Nizami küç. 1"},
        content_type="application/json",
        HTTP_IF_MATCH=read["ETag"],
        **token,
    )
    assert ok.status_code == 200, ok.content
    stale = client.patch(
        url,
        {"address": "Gəncə"},
        content_type="application/json",
        HTTP_IF_MATCH=read["ETag"],
        **token,
    )
    assert stale.status_code == 412 and stale.json()["current_version"] == person.version + 1
    person.refresh_from_db()
    assert person.address == "Bakı, Nizami küç. 1"
