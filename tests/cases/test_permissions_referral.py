"""Issue 11, point 4: a referral opens only the referred persons and a receiving agency's actions.

The attack: once a case was referred to an agency, that agency's case workers could edit every
person's data, close the case and refer it on; a referral of one person exposed all persons.
"""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from ctip.audit.models import AuditEntry
from ctip.cases import selectors, services
from ctip.cases.models import Case, Person, Referral

PURPOSE = "checking the referred person"


@pytest.fixture
def owner(agencies, make_user):
    return make_user("case_worker", "DMX")


@pytest.fixture
def receiver(agencies, make_user):
    return make_user("supervisor", "BP")


@pytest.fixture
def referred_case(owner, receiver):
    """A DMX case with two persons; only P1 is referred to BP."""
    intake = services.register_intake(
        owner,
        channel="hotline_919",
        received_on=dt.date(2026, 3, 2),
        persons=[
            {"given_name": "Birinci", "surname": "Uydurmaova", "sex": "female"},
            {"given_name": "İkinci", "surname": "Uydurmalı", "sex": "male"},
        ],
    )
    case = services.triage_intake(owner, intake, open_case=True)
    p1 = case.persons.get(number=1)
    services.refer_case(
        owner,
        case,
        to_agency=receiver.agency,
        kind=Referral.Kind.HOUSING_WORK,
        person=p1,
    )
    return Case.objects.get(pk=case.pk)


def _enter(client, case):
    client.post(f"/cases/{case.code}/purpose/", {"purpose": PURPOSE})
    return client


@pytest.mark.django_db
def test_receiver_sees_only_the_referred_person(referred_case, receiver, login_as, client):
    p1, p2 = referred_case.persons.order_by("number")
    persons = selectors.persons_with_personal_data(receiver, referred_case, purpose=PURPOSE)
    assert [p.uid for p in persons] == [p1.uid]
    with pytest.raises((Http404, PermissionDenied)):
        selectors.person_with_personal_data(receiver, referred_case, p2.uid, purpose=PURPOSE)
    qs, _purpose = selectors.persons_visible_to(receiver, purpose=PURPOSE)
    assert set(qs.values_list("uid", flat=True)) == {p1.uid}

    _enter(login_as(receiver), referred_case)
    page = client.get(f"/cases/{referred_case.code}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Birinci" in body and "İkinci" not in body and str(p2.uid) not in body
    assert client.get(f"/cases/{referred_case.code}/persons/{p2.uid}/").status_code == 404
    api = client.get("/api/v1/persons/", {"purpose": PURPOSE, "case": referred_case.code})
    assert [row["uid"] for row in api.json()["results"]] == [str(p1.uid)]


@pytest.mark.django_db
def test_receiver_cannot_close_edit_or_refer_on(referred_case, receiver, login_as, client):
    p1 = referred_case.persons.get(number=1)
    for attempt in (
        lambda: services.close_case(receiver, referred_case, reason="duplicate"),
        lambda: services.refer_case(
            receiver, referred_case, to_agency=receiver.agency, letter_number="BP-1/1"
        ),
        lambda: services.update_person(receiver, p1, purpose=PURPOSE, surname="Dəyişdirilmiş"),
        lambda: services.add_person(receiver, referred_case, purpose=PURPOSE, given_name="X"),
        lambda: services.set_case_details(
            receiver, referred_case, exploitation=["forced_labour"], control_methods=[]
        ),
        lambda: services.screen_person(
            receiver, p1, outcome="insufficient_information", observed={}, purpose=PURPOSE
        ),
    ):
        with pytest.raises(PermissionDenied):
            attempt()

    _enter(login_as(receiver), referred_case)
    code = referred_case.code
    refused = {
        f"/cases/{code}/close/": {"reason": "duplicate"},
        f"/cases/{code}/refer/": {"kind": "housing_work", "to_agency": receiver.agency_id},
        f"/cases/{code}/persons/{p1.uid}/edit/": {"surname": "Dəyişdirilmiş", "sex": "female"},
        f"/cases/{code}/details/": {"exploitation": ["forced_labour"], "recruiter_relation": "x"},
        f"/cases/{code}/persons/new/": {"given_name": "Yeni"},
    }
    for url, data in refused.items():
        assert client.post(url, data).status_code in (403, 404), url
    case = Case.objects.get(pk=referred_case.pk)
    assert case.status != Case.Status.CLOSED and case.referrals.count() == 1
    assert Person.objects.get(pk=p1.pk).surname == "Uydurmaova"
    assert case.persons.count() == 2


@pytest.mark.django_db
def test_receiver_records_its_own_decision_and_services_only(referred_case, owner, receiver):
    own = referred_case.referrals.get()
    other = services.refer_case(
        owner,
        referred_case,
        to_agency=services.ensure_agency("İAMBİ"),
        letter_number="DMX-7/1",
        letter_date=dt.date(2026, 3, 3),
    )
    services.record_decision(receiver, own, decision=Referral.Decision.ACCEPTED)
    with pytest.raises(PermissionDenied):
        services.record_decision(receiver, other, decision=Referral.Decision.VICTIM_STATUS_GRANTED)
    p1, p2 = referred_case.persons.order_by("number")
    service = services.add_service(
        receiver,
        referred_case,
        type="housing",
        start=dt.date(2026, 3, 5),
        provider=receiver.agency,
        person=p1,
    )
    services.update_service(
        receiver, service, outcome="completed", end=dt.date(2026, 3, 9), provider=receiver.agency
    )
    with pytest.raises(PermissionDenied):  # a person not referred to it
        services.add_service(
            receiver,
            referred_case,
            type="housing",
            start=dt.date(2026, 3, 5),
            provider=receiver.agency,
            person=p2,
        )
    owners_service = services.add_service(
        owner, referred_case, type="shelter", start=dt.date(2026, 3, 5), provider_name="Sığınacaq"
    )
    with pytest.raises(PermissionDenied):  # another provider's service
        services.update_service(
            receiver, owners_service, outcome="discontinued", provider_name="Sığınacaq"
        )


@pytest.mark.django_db
def test_owner_transfers_the_case_as_an_audited_action(
    referred_case, owner, receiver, make_user, login_as, client
):
    supervisor = make_user("supervisor", "DMX")
    with pytest.raises(PermissionDenied):  # the receiver cannot take the case itself
        services.transfer_case(
            receiver, referred_case, to_agency=receiver.agency, reason="competence"
        )
    login_as(supervisor)
    response = client.post(
        f"/cases/{referred_case.code}/transfer/",
        {"to_agency": receiver.agency_id, "reason": "residence"},
    )
    assert response.status_code == 302
    case = Case.objects.get(pk=referred_case.pk)
    assert case.agency_id == receiver.agency_id
    entry = AuditEntry.objects.get(action="cases.case.transfer")
    assert entry.details["from"] == "DMX" and entry.details["to"] == "BP"
    assert case.events.filter(kind="transferred").exists()
    # Now the new owner may close it; the old owner no longer reaches it.
    services.close_case(receiver, case, reason="transferred")
    with pytest.raises(Http404):
        selectors.case_for(owner, case.code)
