"""The case timeline: events hold codes and numbers, read in the reader's language, never a
person's data; old notes are read back into data by migration 0004."""

import datetime as dt
import json
from importlib import import_module

import pytest
from django.apps import apps
from django.utils import translation

from ctip.cases import services
from ctip.cases.models import (
    Case,
    CaseEvent,
    Channel,
    Exploitation,
    Referral,
    Screening,
    Service,
    ServiceType,
)
from ctip.core import display

migration = import_module("ctip.cases.migrations.0004_case_event_data")

PURPOSE = "timeline test"


def _live_a_case(worker, make_user, make_agency, intake_data) -> Case:
    """A case through every kind of event, each service called as the UI would call it."""
    intake = services.register_intake(worker, **intake_data)
    case = services.triage_intake(worker, intake, open_case=True)
    p1 = case.persons.get()
    services.add_person(worker, case, purpose=PURPOSE, given_name="Səbinə", surname="Uydurmalı")
    services.update_person(worker, p1, purpose=PURPOSE, readmitted=True)
    services.set_case_details(
        worker, case, exploitation=["forced_labour", "sexual_exploitation"], control_methods=[]
    )
    services.screen_person(
        worker,
        p1,
        outcome="presumed_victim",
        observed={"fl.debt": "owes for the ticket", "fl.documents": ""},
        purpose=PURPOSE,
    )
    referral = services.refer_case(
        worker,
        case,
        to_agency=services.ensure_agency("İAMBİ"),
        letter_number="DMX-7/1",
        letter_date=dt.date(2026, 3, 3),
    )
    services.record_decision(worker, referral, decision=Referral.Decision.VICTIM_STATUS_GRANTED)
    service = services.add_service(
        worker, case, type="shelter", start=dt.date(2026, 3, 4), provider_name="Sığınacaq"
    )
    services.update_service(
        worker, service, outcome="completed", end=dt.date(2026, 4, 1), provider_name="Sığınacaq"
    )
    services.transfer_case(
        make_user("supervisor", "DMX"), case, to_agency=make_agency("BP"), reason="other"
    )
    case = Case.objects.get(pk=case.pk)
    services.close_case(make_user("supervisor", "BP"), case, reason="assistance_completed")
    services.anonymize_case(None, case)
    return case


def _expected() -> dict[str, str]:
    """Each kind's words in the active language, from the choices' own labels."""
    n = translation.ngettext("%(n)s indicator observed", "%(n)s indicators observed", 2) % {"n": 2}
    return {
        "opened": str(Channel.HOTLINE_919.label),
        "person_added": "P2",
        "person_updated": "P1",
        "details": f"{Exploitation('forced_labour').label}, {Exploitation('sexual_exploitation').label}",
        "screened": f"P1: {Screening.Outcome.PRESUMED_VICTIM.label} ({n})",
        "referred": f"{Referral.Kind.COMPETENT_AUTHORITY.label} → İAMBİ (DMX-7/1)",
        "decision": f"İAMBİ: {Referral.Decision.VICTIM_STATUS_GRANTED.label}",
        "service": f"{ServiceType.SHELTER.label} (Sığınacaq)",
        "service_updated": f"{ServiceType.SHELTER.label}: {Service.Outcome.COMPLETED.label}"
        f" ({display.date(dt.date(2026, 4, 1))})",
        "transferred": "DMX → BP",
        "closed": str(Case.ClosureReason.ASSISTANCE_COMPLETED.label),
        "anonymized": translation.gettext("retention period ended"),
    }


@pytest.mark.django_db
@pytest.mark.parametrize(("writer", "reader"), [("en", "az"), ("az", "en"), ("en", "ru")])
def test_every_event_reads_in_the_readers_language_whoever_wrote_it(
    writer, reader, worker, make_user, make_agency, intake_data
):
    with translation.override(writer):
        case = _live_a_case(worker, make_user, make_agency, intake_data)
    events = list(case.events.all())
    assert {e.kind for e in events} == set(display.EVENT_VERBS)
    with translation.override(reader):
        expected = _expected()
        shown = {e.kind: display.event_text(e) for e in events}
    with translation.override(writer):
        in_writers_words = _expected()
    assert shown == expected
    # The words really changed with the reader (the services wrote no words of their own).
    for kind in ("opened", "details", "screened", "referred", "service", "closed"):
        assert shown[kind] != in_writers_words[kind], kind
    assert all(not e.text for e in events)


@pytest.mark.django_db
def test_no_event_holds_the_persons_data(worker, make_user, make_agency, intake_data):
    case = _live_a_case(worker, make_user, make_agency, intake_data)
    stored = json.dumps(
        [[e.kind, e.text, e.data] for e in CaseEvent.objects.filter(case=case)],
        ensure_ascii=False,
    )
    person = intake_data["persons"][0]
    secrets = [
        person["given_name"],
        person["surname"],
        person["patronymic"],
        person["date_of_birth"].isoformat(),
        person["documents"][0],
        person["contacts"][0],
        person["address"],
        "Səbinə",
        "Uydurmalı",
        "owes for the ticket",
    ]
    assert [s for s in secrets if s in stored] == []
    assert '"person": "P1"' in stored  # the person is named by their label in the case only


@pytest.mark.django_db
def test_an_event_without_data_shows_its_old_note():
    event = CaseEvent(kind="screened", text="P1: something the migration could not read")
    assert display.event_text(event) == "P1: something the migration could not read"
    with translation.override("en"):
        anonymized = CaseEvent(kind="anonymized", text="retention period ended")
        assert display.event_text(anonymized) == "retention period ended"


def _in(lang: str, value) -> str:
    with translation.override(lang):
        return str(value)


@pytest.mark.django_db
def test_the_migration_reads_old_notes_in_any_language_into_data():
    codes = migration.codes_by_label(apps)
    read = migration.event_data
    az_outcome = _in("az", Screening.Outcome.PRESUMED_VICTIM.label)
    assert az_outcome != "Presumed victim"
    assert read("screened", f"P1: {az_outcome} (3 / nrm-default v1)", codes) == {
        "person": "P1",
        "outcome": "presumed_victim",
        "indicators": 3,
    }
    ru_outcome = _in("ru", Screening.Outcome("insufficient_information").label)
    assert read("screened", f"P2: {ru_outcome} (0 / nrm-default v1)", codes)["outcome"] == (
        "insufficient_information"
    )
    assert read("details", "forced_labour, sexual_exploitation", codes) == {
        "exploitation": ["forced_labour", "sexual_exploitation"]
    }
    assert read("details", "", codes) == {"exploitation": []}
    assert read("transferred", "DMX → BP", codes) == {"from": "DMX", "to": "BP"}
    ru_reason = _in("ru", Case.ClosureReason.LOST_CONTACT.label)
    assert read("closed", ru_reason, codes) == {"reason": "lost_contact"}
    az_kind = _in("az", Referral.Kind.COMPETENT_AUTHORITY.label)
    assert read("referred", f"{az_kind} → İAMBİ (DMX-7/1)", codes) == {
        "kind": "competent_authority",
        "to": "İAMBİ",
        "letter": "DMX-7/1",
    }
    az_shelter = _in("az", ServiceType.SHELTER.label)
    az_done = _in("az", Service.Outcome.COMPLETED.label)
    assert read("service_updated", f"{az_shelter}: {az_done} (2026-04-01)", codes) == {
        "service": "shelter",
        "outcome": "completed",
        "end": "2026-04-01",
    }
    # What cannot be read stays a note.
    assert read("screened", "P1: Nə isə başqa (3 / v1)", codes) == {}
    assert read("details", "Məcburi əmək", codes) == {}
    assert read("transferred", "DMX", codes) == {}
    assert read("no_such_kind", "anything", codes) == {}


@pytest.mark.django_db
def test_the_migration_fills_data_of_old_rows_and_leaves_the_rest(make_case):
    case = make_case()
    CaseEvent.objects.filter(case=case).delete()
    az_outcome = _in("az", Screening.Outcome.PRESUMED_VICTIM.label)
    old = {
        "screened": f"P1: {az_outcome} (3 / nrm-default v1)",
        "details": "forced_labour",
        "transferred": "DMX → BP",
        "closed": "a reason nobody can read back",
    }
    for kind, text in old.items():
        CaseEvent.objects.create(case=case, kind=kind, text=text)
    kept = CaseEvent.objects.create(case=case, kind="opened", data={"channel": "whatsapp"})

    migration.fill_event_data(apps, None)

    data = {e.kind: e.data for e in CaseEvent.objects.filter(case=case)}
    assert data["screened"] == {"person": "P1", "outcome": "presumed_victim", "indicators": 3}
    assert data["details"] == {"exploitation": ["forced_labour"]}
    assert data["transferred"] == {"from": "DMX", "to": "BP"}
    assert data["closed"] == {}
    assert CaseEvent.objects.get(pk=kept.pk).data == {"channel": "whatsapp"}
    with translation.override("en"):
        screened = CaseEvent.objects.get(case=case, kind="screened")
        assert display.event_text(screened) == "P1: Presumed victim (3 indicators observed)"
        closed = CaseEvent.objects.get(case=case, kind="closed")
        assert display.event_text(closed) == "a reason nobody can read back"


@pytest.mark.django_db
def test_the_case_page_shows_the_timeline_in_the_readers_language(
    make_case, worker, login_as, client
):
    with translation.override("en"):
        case = make_case()
        services.close_case(worker, case, reason="lost_contact")
    client.cookies["django_language"] = "az"
    html = login_as(worker).get(f"/cases/{case.code}/").content.decode()
    az_channel = _in("az", Channel.HOTLINE_919.label)
    az_reason = _in("az", Case.ClosureReason.LOST_CONTACT.label)
    assert az_channel != "Hotline 919 call" and az_reason != "Contact lost"
    assert az_channel in html and az_reason in html
    assert "Contact lost" not in html
