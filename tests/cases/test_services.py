"""Cases services: indicator sets, screening, services, referrals and their letters."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from ctip.cases import services
from ctip.cases.models import Indicator, IndicatorSet, Screening


def test_indicator_sets_are_versioned_data(db, tmp_path):
    services.sync_indicator_sets()
    iset = IndicatorSet.objects.get(code="nrm-default", version="1")
    codes = set(
        Indicator.objects.filter(indicator_set=iset, group="forced_labour").values_list(
            "code", flat=True
        )
    )
    assert len(codes) == 11
    assert {"sexual_exploitation", "child_trafficking", "forced_begging"} <= set(
        iset.indicators.values_list("group", flat=True)
    )
    services.sync_indicator_sets()  # idempotent
    assert IndicatorSet.objects.filter(code="nrm-default").count() == 1


def test_screening_a_person_not_yet_in_a_case_is_refused(worker, intake_data):
    intake = services.register_intake(worker, **intake_data)
    person = intake.persons.get()
    with pytest.raises(ValidationError):  # before: AttributeError on the missing case
        services.screen_person(
            worker, person, outcome="presumed_victim", observed={"fl.debt": ""}, purpose="screening"
        )
    assert not Screening.objects.exists()


def test_screening_keeps_the_set_version_and_refuses_bad_input(make_case, worker):
    person = make_case().persons.get()
    with pytest.raises(ValidationError):
        services.screen_person(
            worker, person, outcome="presumed_victim", observed={}, purpose="screening"
        )
    with pytest.raises(ValidationError):
        services.screen_person(
            worker, person, outcome="maybe", observed={"fl.debt": ""}, purpose="screening"
        )
    with pytest.raises(ValidationError):
        services.screen_person(
            worker,
            person,
            outcome="presumed_victim",
            observed={"xx.unknown": ""},
            purpose="screening",
        )
    with pytest.raises(ValidationError):
        services.screen_person(
            worker, person, outcome="presumed_victim", observed={"fl.debt": ""}, purpose=""
        )
    assert not Screening.objects.exists()
    s = services.screen_person(
        worker,
        person,
        outcome="presumed_victim",
        observed={"fl.debt": "owes for the ticket"},
        purpose="screening",
    )
    assert (
        str(s.indicator_set) == "nrm-default v1"
        and s.observed.get().evidence == "owes for the ticket"
    )


def test_bad_service_and_referral_input_is_refused(make_case, worker):
    case = make_case()
    agency = services.ensure_agency("İAMBİ")
    with pytest.raises(ValidationError):
        services.refer_case(worker, case, to_agency=agency, letter_number="")
    with pytest.raises(ValidationError):
        services.add_service(
            worker,
            case,
            type="shelter",
            start=datetime.date(2026, 3, 5),
            end=datetime.date(2026, 3, 1),
            provider=agency,
        )
    with pytest.raises(ValidationError):
        services.add_service(
            worker, case, type="spa", start=datetime.date(2026, 3, 5), provider=agency
        )
    with pytest.raises(ValidationError):
        services.close_case(worker, case, reason="bored")
    assert case.referrals.count() == 0 and case.services.count() == 0


def test_readmitted_person_referred_to_service_bodies(make_case, worker):
    case = make_case()
    person = case.persons.get()
    services.update_person(worker, person, purpose="readmission follow-up", readmitted=True)
    for kind, abbr in services.SERVICE_REFERRAL_BODIES.items():
        services.refer_case(
            worker, case, kind=kind, to_agency=services.ensure_agency(abbr), person=person
        )
    assert set(case.referrals.values_list("to_agency__abbr", flat=True)) == {
        "ƏƏSMN",
        "TƏBİB",
        "ETN",
    }
    case.refresh_from_db()
    assert case.status == "open"  # service referrals do not move the NRM status


def test_referral_letter_is_filed_in_the_registry(make_case, worker):
    records = pytest.importorskip("ctip.records.models")
    case = make_case()
    ref = services.refer_case(
        worker,
        case,
        to_agency=services.ensure_agency("İAMBİ"),
        letter_number="DMX-9/77",
        letter_date=datetime.date(2026, 3, 3),
    )
    doc = records.Document.objects.get(pk=ref.document_id)
    assert (doc.kind, doc.direction, doc.number) == ("letter", "outgoing", "DMX-9/77")
    assert "Zümrüd" not in doc.subject and case.code in doc.subject


def test_service_body_for_finds_the_usual_body_of_a_readmitted_persons_referral(db):
    assert services.service_body_for("treatment") is None  # not created yet
    tebib = services.ensure_agency("TƏBİB")
    assert services.service_body_for("treatment") == tebib
    assert services.service_body_for("no such kind") is None
