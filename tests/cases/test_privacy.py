"""Personal data never reaches the database, the logs or the audit log in plaintext."""

import datetime
import logging
import uuid

import pytest
from django.conf import settings
from django.db import connection

from ctip.audit.models import AuditEntry
from ctip.cases import crypto, selectors, services
from ctip.cases.models import Person
from tests.cases.rawdb import assert_absent, name_forms, raw_database


@pytest.mark.django_db(transaction=True)
def test_no_plaintext_personal_data_in_the_raw_database_or_logs(
    make_user, tmp_path, client, login_as
):
    if connection.vendor != "sqlite":
        pytest.skip("raw-file check is for SQLite")
    marker = uuid.uuid4().hex[:8]
    given, patronymic, surname = f"Zümrüd{marker}", "Testqızı", f"Qəribəliyeva{marker}"
    worker = make_user("case_worker", "DMX")
    intake = services.register_intake(
        worker,
        channel="hotline_919",
        received_on=datetime.date(2026, 1, 9),
        summary=f"Zəng: {given} {surname} aldadılıb",
        persons=[
            {
                "given_name": given,
                "patronymic": patronymic,
                "surname": surname,
                "address": f"Küçə {marker}",
                "documents": [f"PASS{marker}"],
                "contacts": [f"+99450{marker}"],
                "date_of_birth": datetime.date(1990, 1, 2),
                "sex": "female",
            }
        ],
    )
    case = services.triage_intake(worker, intake, open_case=True)
    person = case.persons.get()
    services.screen_person(
        worker,
        person,
        outcome="presumed_victim",
        observed={"fl.documents": f"{given} passport kept"},
        purpose="screening test",
    )
    # Read it through the UI and the search, so views and audit run too.
    login_as(worker)
    client.post(f"/cases/{case.code}/purpose/", {"purpose": "privacy test"})
    assert given in client.get(f"/cases/{case.code}/persons/{person.uid}/").content.decode()
    assert selectors.search_persons(worker, given.lower(), purpose="privacy test")
    logging.getLogger("ctip.cases").warning("test log line for case %s", case.code)

    # The whole database as SQL text, and as a raw SQLite file.
    dump, raw = raw_database(tmp_path)
    assert case.code.encode() in raw  # the check itself works on this file
    secrets_ = name_forms(given, surname) | {
        f"Küçə {marker}",
        f"PASS{marker}",
        f"+99450{marker}",
        "1990-01-02",
        marker,
    }
    assert_absent(secrets_, dump, raw)
    logs = b""
    for path in (settings.DATA_DIR / "logs").glob("*"):
        logs += path.read_bytes()
    for s in secrets_:
        assert s.encode() not in logs
    for entry in AuditEntry.objects.all():
        text = f"{entry.details} {entry.purpose} {entry.object_id}"
        assert marker not in text


def test_ciphertext_cannot_be_moved_between_rows_or_fields(make_case):
    case = make_case()
    p1 = case.persons.get()
    p2 = services.add_person(
        case.created_by, case, purpose="second person test", given_name="İkinci", surname="Nümunəli"
    )
    raw1 = Person.objects.filter(pk=p1.pk).values_list("given_name", "surname")[0]
    Person.objects.filter(pk=p2.pk).update(given_name=raw1[0])  # copied to another row
    with pytest.raises(crypto.DecryptionError):
        _ = Person.objects.get(pk=p2.pk).given_name
    Person.objects.filter(pk=p1.pk).update(given_name=raw1[1])  # surname copied into given_name
    with pytest.raises(crypto.DecryptionError):
        _ = Person.objects.get(pk=p1.pk).given_name


def test_tampered_ciphertext_fails_authentication(make_case):
    p = make_case().persons.get()
    raw = Person.objects.filter(pk=p.pk).values_list("surname", flat=True)[0]
    flipped = raw[:-3] + ("A" if raw[-3] != "A" else "B") + raw[-2:]
    Person.objects.filter(pk=p.pk).update(surname=flipped)
    with pytest.raises(crypto.DecryptionError):
        _ = Person.objects.get(pk=p.pk).surname


def test_each_sealing_uses_a_fresh_nonce(settings):
    a, b = crypto.seal("Zümrüd", "t.f.1"), crypto.seal("Zümrüd", "t.f.1")
    assert a != b and crypto.open_sealed(a, "t.f.1") == crypto.open_sealed(b, "t.f.1") == "Zümrüd"


def test_encrypted_fields_refuse_lookups(make_case):
    make_case()
    with pytest.raises(TypeError):
        list(Person.objects.filter(given_name="Zümrüd"))


def test_str_of_a_person_is_not_the_name(make_case):
    p = make_case().persons.get()
    assert "Zümrüd" not in str(p) and "Zümrüd" not in repr(p)
