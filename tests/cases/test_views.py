"""A case worker takes a hotline call through screening and referral to a closed case, in the UI."""

import re

import pytest

from ctip.audit.models import AuditEntry
from ctip.cases.models import URGENCY, Case, Person

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def authorities(db):
    from ctip.cases.services import ensure_agency

    return {abbr: ensure_agency(abbr) for abbr in ("İAMBİ", "BP", "ƏƏSMN")}


def test_hotline_call_to_closed_case_through_the_views(make_user, login_as, authorities):
    worker = make_user("case_worker", "DMX")
    client = login_as(worker)

    assert client.get("/cases/intake/new/").status_code == 200
    resp = client.post(
        "/cases/intake/new/",
        {
            "channel": "hotline_919",
            "received_on": "2026-02-10",
            "language": "ru",
            "summary": "Uydurma zəng: iş vədi ilə aparılıb, pasportu götürülüb.",
            "p-TOTAL_FORMS": "2",
            "p-INITIAL_FORMS": "0",
            "p-MIN_NUM_FORMS": "0",
            "p-MAX_NUM_FORMS": "10",
            "p-0-surname": "Uydurmalı",
            "p-0-given_name": "Nərgizgül",
            "p-0-patronymic": "Demoqızı",
            "p-0-date_of_birth": "2001-04-03",
            "p-0-sex": "female",
            "p-0-citizenship": "az",
            "p-0-documents": "DEMO-123",
            "p-0-contacts": "",
            "p-0-address": "",
            "p-1-sex": "unknown",
        },
    )
    assert resp.status_code == 302, resp.content.decode()[:2000]
    intake_url = resp["Location"]
    assert client.get(intake_url).status_code == 200

    resp = client.post(intake_url, {"decision": "open_case", "closure_reason": ""})
    assert resp.status_code == 302
    case = Case.objects.get()
    assert resp["Location"] == f"/cases/{case.code}/"
    assert case.status == "open" and case.urgency == URGENCY.index("open")
    assert re.fullmatch(r"NRM-2026-[2-9A-HJ-NP-Z]{6}", case.code)
    person = Person.objects.get(case=case)

    # The list and the detail show the code, never the name.
    page = client.get("/cases/").content.decode()
    assert case.code in page and "Nərgizgül" not in page
    page = client.get(f"/cases/{case.code}/").content.decode()
    assert "Nərgizgül" not in page

    # Screening needs a purpose first; the purpose is not in the URL.
    screen_url = f"/cases/{case.code}/persons/{person.uid}/screen/"
    resp = client.get(screen_url)
    assert resp.status_code == 302 and "/purpose/" in resp["Location"]
    resp = client.post(
        f"/cases/{case.code}/purpose/", {"purpose": "screening interview", "next": screen_url}
    )
    assert resp.status_code == 302 and resp["Location"] == screen_url
    assert "screening" not in resp["Location"].split("/screen/")[0]
    assert client.get(screen_url).status_code == 200
    resp = client.post(
        screen_url,
        {
            "ind_fl.deception": "on",
            "ev_fl.deception": "Promised a hotel job",
            "ind_fl.documents": "on",
            "ev_fl.documents": "Passport kept by the employer",
            "outcome": "presumed_victim",
            "notes": "",
        },
    )
    assert resp.status_code == 302
    case.refresh_from_db()
    assert case.status == "screened" and case.urgency == URGENCY.index("screened")
    page = client.get(f"/cases/{case.code}/").content.decode()
    assert "Nərgizgül" in page  # purpose given, so the name is shown

    resp = client.post(
        f"/cases/{case.code}/details/",
        {
            "exploitation": ["forced_labour"],
            "control_methods": ["withholds_documents"],
            "country_of_exploitation": "tr",
            "recruiter_relation": "employer",
        },
    )
    assert resp.status_code == 302

    resp = client.post(
        f"/cases/{case.code}/refer/",
        {
            "kind": "competent_authority",
            "to_agency": authorities["İAMBİ"].pk,
            "letter_number": "DMX-7/123",
            "letter_date": "2026-02-12",
            "person": "",
        },
    )
    assert resp.status_code == 302
    case.refresh_from_db()
    assert case.status == "referred" and case.urgency == URGENCY.index("referred")
    referral = case.referrals.get()

    resp = client.post(
        f"/cases/{case.code}/referrals/{referral.pk}/decision/",
        {"decision": "victim_status_granted", "number": "Q-55", "decided_on": "2026-03-01"},
    )
    assert resp.status_code == 302
    case.refresh_from_db()
    assert case.status == "decision_received" and case.trafficking_status == "actual"
    assert case.urgency == URGENCY.index("decision_received")
    assert case.status_decided_by == authorities["İAMBİ"]

    resp = client.post(
        f"/cases/{case.code}/services/new/",
        {
            "type": "shelter",
            "provider": "",
            "provider_name": "Sığınacaq (demo)",
            "start": "2026-03-02",
            "end": "2026-03-20",
            "outcome": "completed",
            "notes": "",
        },
    )
    assert resp.status_code == 302
    case.refresh_from_db()
    assert case.status == "assistance" and case.urgency == URGENCY.index("assistance")

    resp = client.post(f"/cases/{case.code}/close/", {"reason": "assistance_completed"})
    assert resp.status_code == 302
    case.refresh_from_db()
    assert case.status == "closed" and case.retention_until > case.closed_on
    assert case.urgency == URGENCY.index("closed")  # kept in step by the database
    page = client.get(f"/cases/{case.code}/").content.decode()
    for kind in ("opened", "screened", "referred", "decision", "service", "closed"):
        assert kind in page

    views = AuditEntry.objects.filter(action="cases.person.view", actor=worker)
    assert views.exists() and set(views.values_list("purpose", flat=True)) == {
        "screening interview"
    }
    assert not AuditEntry.objects.filter(details__icontains="Nərgizgül").exists()


def test_intake_can_be_closed_without_a_case_but_needs_a_reason(make_user, login_as):
    client = login_as(make_user("case_worker", "DMX"))
    resp = client.post(
        "/cases/intake/new/",
        {
            "channel": "whatsapp",
            "received_on": "2026-01-05",
            "language": "az",
            "summary": "",
            "p-TOTAL_FORMS": "0",
            "p-INITIAL_FORMS": "0",
            "p-MIN_NUM_FORMS": "0",
            "p-MAX_NUM_FORMS": "10",
        },
    )
    url = resp["Location"]
    resp = client.post(url, {"decision": "close", "closure_reason": ""})
    assert resp.status_code == 200 and "reason" in resp.content.decode().lower()
    resp = client.post(url, {"decision": "close", "closure_reason": "not a trafficking matter"})
    assert resp.status_code == 302
    assert not Case.objects.exists()


def test_bad_intake_input_is_a_form_error_and_writes_nothing(make_user, login_as):
    from ctip.cases.models import Intake

    client = login_as(make_user("case_worker", "DMX"))
    resp = client.post(
        "/cases/intake/new/",
        {
            "channel": "carrier_pigeon",
            "received_on": "not a date",
            "language": "az",
            "p-TOTAL_FORMS": "1",
            "p-INITIAL_FORMS": "0",
            "p-MIN_NUM_FORMS": "0",
            "p-MAX_NUM_FORMS": "10",
            "p-0-given_name": "X",
            "p-0-sex": "female",
            "p-0-citizenship": "1",
        },
    )
    assert resp.status_code == 200
    assert "errorlist" in resp.content.decode()
    assert not Intake.objects.exists() and not Person.objects.exists()


def test_future_intake_date_is_refused(make_user, login_as):
    from ctip.cases.models import Intake

    client = login_as(make_user("case_worker", "DMX"))
    resp = client.post(
        "/cases/intake/new/",
        {
            "channel": "hotline_919",
            "received_on": "2999-01-01",
            "language": "az",
            "p-TOTAL_FORMS": "0",
            "p-INITIAL_FORMS": "0",
            "p-MIN_NUM_FORMS": "0",
            "p-MAX_NUM_FORMS": "10",
        },
    )
    assert resp.status_code == 200 and "future" in resp.content.decode()
    assert not Intake.objects.exists()
