"""After intake: editing a person, adding a person, updating a service, all through the views."""

import datetime
import uuid

import pytest
from django.db import connection

from ctip.audit.models import AuditEntry
from ctip.cases import services
from ctip.cases.models import Person, Service
from tests.cases.rawdb import assert_absent, name_forms, raw_database

PERSON_FIELDS = {  # the fixture person's data as the edit form would post it back
    "surname": "Qəribəliyeva",
    "given_name": "Zümrüd",
    "patronymic": "Testqızı",
    "date_of_birth": "1999-05-01",
    "age": "",
    "sex": "female",
    "citizenship": "AZ",
    "documents": "AZE-TEST-0001",
    "contacts": "+994 00 000 00 00",
    "address": "Uydurma küçəsi 1",
    "version": "1",  # the version read (a stale one is refused: tests/cases/test_services_privacy.py)
}

pytestmark = pytest.mark.usefixtures("english")


def _state_purpose(client, case, purpose, next_url):
    resp = client.post(f"/cases/{case.code}/purpose/", {"purpose": purpose, "next": next_url})
    assert resp.status_code == 302 and resp["Location"] == next_url
    assert purpose.split()[0] not in resp["Location"]


def _search(client, query):
    resp = client.post("/cases/search/", {"query": query, "purpose": "checking the rename"})
    assert resp.status_code == 200
    return resp.content.decode()


# --- editing a person ------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_renaming_a_person_in_the_ui_moves_the_blind_index_and_is_audited(
    make_case, worker, login_as, tmp_path
):
    case = make_case()
    person = case.persons.get()
    client = login_as(worker)
    edit_url = f"/cases/{case.code}/persons/{person.uid}/edit/"

    # The case page links to the edit page; the edit page asks for a purpose first.
    assert edit_url in client.get(f"/cases/{case.code}/").content.decode()
    resp = client.get(edit_url)
    assert resp.status_code == 302 and resp["Location"].startswith(f"/cases/{case.code}/purpose/")
    _state_purpose(client, case, "correcting the surname after the interview", edit_url)
    page = client.get(edit_url).content.decode()
    assert 'value="Qəribəliyeva"' in page and 'value="1999-05-01"' in page  # prefilled, opened

    marker = uuid.uuid4().hex[:8]
    new_surname = f"Yenisoyadlı{marker}"
    resp = client.post(edit_url, {**PERSON_FIELDS, "surname": new_surname})
    assert resp.status_code == 302 and resp["Location"] == f"/cases/{case.code}/"
    assert new_surname not in resp["Location"]
    person.refresh_from_db()
    assert person.surname == new_surname and person.given_name == "Zümrüd"

    assert case.code in _search(client, new_surname.lower())
    assert case.code not in _search(client, "Qəribəliyeva")
    assert case.code in _search(client, "zumrud")  # the unchanged given name still finds it

    update = AuditEntry.objects.get(action="cases.person.update")
    assert update.purpose == "correcting the surname after the interview"
    assert update.details["fields"] == ["surname"] and update.object_id == str(person.pk)
    opened = AuditEntry.objects.filter(action="cases.person.view", object_id=str(person.pk))
    assert set(opened.values_list("purpose", flat=True)) == {
        "correcting the surname after the interview"
    }
    for entry in AuditEntry.objects.all():
        assert marker not in f"{entry.details} {entry.purpose} {entry.object_id}"
    assert "personal data changed" in client.get(f"/cases/{case.code}/").content.decode()

    if connection.vendor == "sqlite":
        dump, raw = raw_database(tmp_path)
        assert case.code.encode() in raw  # the check itself reads this database
        assert_absent(name_forms(new_surname) | {marker}, dump, raw)


def test_future_date_of_birth_is_a_form_error_and_changes_nothing(make_case, worker, login_as):
    case = make_case()
    person = case.persons.get()
    client = login_as(worker)
    edit_url = f"/cases/{case.code}/persons/{person.uid}/edit/"
    _state_purpose(client, case, "completing the record", edit_url)
    resp = client.post(
        edit_url, {**PERSON_FIELDS, "surname": "Başqası", "date_of_birth": "2999-01-01"}
    )
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "errorlist" in html and "The date of birth is in the future." in html
    person.refresh_from_db()
    assert person.surname == "Qəribəliyeva" and person.date_of_birth == "1999-05-01"
    assert not AuditEntry.objects.filter(action="cases.person.update").exists()


def test_date_of_birth_after_registration_is_a_form_error(make_case, worker, login_as):
    case = make_case()  # registered 2026-03-02
    person = case.persons.get()
    client = login_as(worker)
    edit_url = f"/cases/{case.code}/persons/{person.uid}/edit/"
    _state_purpose(client, case, "completing the record", edit_url)
    day_after = case.registered_on + datetime.timedelta(days=1)
    if day_after > datetime.date.today():
        pytest.skip("registration date is today")
    resp = client.post(edit_url, {**PERSON_FIELDS, "date_of_birth": day_after.isoformat()})
    assert resp.status_code == 200 and "after the registration date" in resp.content.decode()
    person.refresh_from_db()
    assert person.date_of_birth == "1999-05-01"


def test_changing_only_the_sex_keeps_the_names_and_audits_that_field(make_case, worker, login_as):
    case = make_case()
    person = case.persons.get()
    client = login_as(worker)
    edit_url = f"/cases/{case.code}/persons/{person.uid}/edit/"
    _state_purpose(client, case, "fixing the sex field", edit_url)
    resp = client.post(edit_url, {**PERSON_FIELDS, "sex": "other", "readmitted": "on"})
    assert resp.status_code == 302
    person.refresh_from_db()
    assert (person.sex, person.readmitted, person.full_name) == (
        "other",
        True,
        "Qəribəliyeva Zümrüd Testqızı",
    )
    assert AuditEntry.objects.get(action="cases.person.update").details["fields"] == [
        "readmitted",
        "sex",
    ]


# --- adding a person -------------------------------------------------------------------------------


def test_adding_a_person_to_an_existing_case(make_case, worker, login_as):
    case = make_case()
    client = login_as(worker)
    new_url = f"/cases/{case.code}/persons/new/"
    assert new_url in client.get(f"/cases/{case.code}/").content.decode()
    _state_purpose(client, case, "second victim found at the screening", new_url)
    assert client.get(new_url).status_code == 200

    resp = client.post(new_url, {"sex": "unknown"})  # nothing entered
    assert resp.status_code == 200 and "Enter at least a name" in resp.content.decode()
    assert case.persons.count() == 1

    resp = client.post(
        new_url,
        {
            "surname": "Uydurmaoğlu",
            "given_name": "Elnurtest",
            "patronymic": "",
            "date_of_birth": "2010-07-15",
            "sex": "male",
            "citizenship": "uz",
            "documents": "DOC-1\nDOC-2",
            "contacts": "",
            "address": "",
        },
    )
    assert resp.status_code == 302 and resp["Location"] == f"/cases/{case.code}/"
    added = case.persons.get(number=2)
    assert (added.given_name, added.citizenship, added.documents, added.age_at_registration) == (
        "Elnurtest",
        "UZ",
        ["DOC-1", "DOC-2"],
        15,
    )
    assert case.code in _search(client, "elnurtest uydurmaoglu")
    entry = AuditEntry.objects.get(action="cases.person.create")
    assert entry.purpose == "second victim found at the screening"
    assert "Elnurtest" not in str(entry.details)
    page = client.get(f"/cases/{case.code}/").content.decode()
    assert "person added" in page and "P2" in page


def test_adding_a_person_with_a_future_birth_date_writes_nothing(make_case, worker, login_as):
    case = make_case()
    client = login_as(worker)
    new_url = f"/cases/{case.code}/persons/new/"
    _state_purpose(client, case, "second victim found", new_url)
    resp = client.post(
        new_url, {"given_name": "Gələcək", "date_of_birth": "2999-01-01", "sex": "female"}
    )
    assert resp.status_code == 200 and "future" in resp.content.decode()
    assert (
        case.persons.count() == 1
        and not AuditEntry.objects.filter(action="cases.person.create").exists()
    )


def test_a_closed_case_takes_no_new_person(make_case, worker, login_as):
    case = make_case()
    services.close_case(worker, case, reason="duplicate")
    client = login_as(worker)
    new_url = f"/cases/{case.code}/persons/new/"
    assert new_url not in client.get(f"/cases/{case.code}/").content.decode()
    _state_purpose(client, case, "late addition", new_url)
    resp = client.post(new_url, {"given_name": "Gecikən", "sex": "male"})
    assert resp.status_code == 200 and "the case is closed" in resp.content.decode()
    assert case.persons.count() == 1


# --- services --------------------------------------------------------------------------------------


@pytest.fixture
def service(make_case, worker):
    case = make_case()
    return services.add_service(
        worker,
        case,
        type="shelter",
        start=datetime.date(2026, 3, 5),
        provider_name="Sığınacaq (uydurma)",
    )


def test_updating_a_service_end_date_outcome_and_provider(service, worker, login_as, make_agency):
    case = service.case
    client = login_as(worker)
    url = f"/cases/{case.code}/services/{service.uid}/"
    assert url in client.get(f"/cases/{case.code}/").content.decode()
    assert client.get(url).status_code == 200
    provider = make_agency("ƏƏSMN")
    resp = client.post(
        url,
        {"provider": provider.pk, "provider_name": "", "end": "2026-04-30", "outcome": "completed"},
    )
    assert resp.status_code == 302 and resp["Location"] == f"/cases/{case.code}/"
    service.refresh_from_db()
    assert (service.end, service.outcome, service.provider) == (
        datetime.date(2026, 4, 30),
        "completed",
        provider,
    )
    entry = AuditEntry.objects.get(action="cases.case.service.update")
    assert entry.details["outcome"] == "completed" and entry.details["service"] == str(service.uid)
    assert entry.actor == worker
    page = client.get(f"/cases/{case.code}/").content.decode()
    assert "service updated" in page and "April 30, 2026" in page and "Completed" in page


def test_service_ending_before_it_starts_is_a_form_error(service, worker, login_as):
    client = login_as(worker)
    url = f"/cases/{service.case.code}/services/{service.uid}/"
    resp = client.post(
        url,
        {
            "provider": "",
            "provider_name": "Sığınacaq (uydurma)",
            "end": "2026-03-01",
            "outcome": "completed",
        },
    )
    assert resp.status_code == 200 and "The service ends before it starts." in resp.content.decode()
    service.refresh_from_db()
    assert service.end is None and service.outcome == "ongoing"
    assert not AuditEntry.objects.filter(action="cases.case.service.update").exists()


def test_service_of_another_case_is_not_found(service, worker, login_as, make_case):
    other = make_case()
    client = login_as(worker)
    assert client.get(f"/cases/{other.code}/services/{service.uid}/").status_code == 404


def test_adding_a_service_for_one_person_shows_on_the_timeline(make_case, worker, login_as):
    case = make_case()
    person = case.persons.get()
    client = login_as(worker)
    resp = client.post(
        f"/cases/{case.code}/services/new/",
        {
            "type": "psychological",
            "person": str(person.uid),
            "provider": "",
            "provider_name": "Psixoloq (uydurma)",
            "start": "2026-03-03",
            "end": "",
            "outcome": "ongoing",
            "notes": "",
        },
    )
    assert resp.status_code == 302
    svc = Service.objects.get(case=case)
    assert svc.person == person and svc.type == "psychological"
    page = client.get(f"/cases/{case.code}/").content.decode()
    assert "Psychological support" in page and "Psixoloq (uydurma)" in page


# --- who may -----------------------------------------------------------------------------------------


def _urls(case, person, svc):
    return [
        f"/cases/{case.code}/persons/{person.uid}/edit/",
        f"/cases/{case.code}/persons/new/",
        f"/cases/{case.code}/services/{svc.uid}/",
    ]


@pytest.mark.parametrize("role", ["analyst", "focal_point", "coordinator", "auditor"])
def test_roles_without_casework_are_refused(role, service, make_user, login_as):
    case = service.case
    person = case.persons.get()
    client = login_as(make_user(role, "DMX"))
    for url in _urls(case, person, service):
        assert client.get(url).status_code == 403, url
        assert (
            client.post(
                url,
                {
                    **PERSON_FIELDS,
                    "surname": "Dəyişdi",
                    "outcome": "completed",
                    "provider_name": "x",
                },
            ).status_code
            == 403
        ), url
    person.refresh_from_db()
    service.refresh_from_db()
    assert person.surname == "Qəribəliyeva" and service.outcome == "ongoing"


def test_admin_sees_the_case_but_cannot_touch_persons_or_services(service, make_user, login_as):
    case = service.case
    client = login_as(make_user("admin", "DMX"))
    page = client.get(f"/cases/{case.code}/").content.decode()
    assert (
        "/persons/new/" not in page
        and "/edit/" not in page
        and f"/services/{service.uid}/" not in page
    )
    for url in _urls(case, case.persons.get(), service):
        assert client.get(url).status_code == 403, url


def test_case_worker_of_another_agency_gets_404_until_the_case_is_referred(
    service, worker, make_user, login_as, client
):
    case = service.case
    person = case.persons.get()
    other = make_user("case_worker", "BP")
    login_as(other)
    for url in _urls(case, person, service):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {**PERSON_FIELDS, "surname": "Dəyişdi"}).status_code == 404, url
    assert client.post(f"/cases/{case.code}/purpose/", {"purpose": "trying"}).status_code == 404
    person.refresh_from_db()
    assert person.surname == "Qəribəliyeva"

    # Once referred to BP, its supervisor reads the referred person, with a purpose, but the
    # owner's data stays the owner's to correct (tests/cases/test_permissions_referral.py).
    services.refer_case(worker, case, to_agency=other.agency, letter_number="DMX-7/9")
    login_as(make_user("supervisor", "BP"))
    edit_url = _urls(case, person, service)[0]
    client.post(f"/cases/{case.code}/purpose/", {"purpose": "checking the referred person"})
    assert client.get(f"/cases/{case.code}/persons/{person.uid}/").status_code == 200
    assert client.post(edit_url, {**PERSON_FIELDS, "patronymic": "Yoxlamaqızı"}).status_code == 403
    person.refresh_from_db()
    assert person.patronymic == "Testqızı"
    assert not AuditEntry.objects.filter(action="cases.person.update").exists()


def test_purpose_of_one_case_does_not_open_another(make_case, worker, login_as):
    first, second = make_case(), make_case()
    client = login_as(worker)
    _state_purpose(client, first, "editing the first case", f"/cases/{first.code}/persons/new/")
    resp = client.get(f"/cases/{second.code}/persons/new/")
    assert resp.status_code == 302 and "/purpose/" in resp["Location"]
    assert Person.objects.count() == 2
