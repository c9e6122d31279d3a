import datetime

import pytest
from django.core.management import call_command

from ctip.audit.models import AuditEntry
from ctip.cases import selectors, services
from ctip.cases.models import Case, NameIndex, ObservedIndicator, Person
from ctip.settings import env_int


def test_closing_starts_retention_from_settings(settings, make_case, worker):
    settings.CTIP_CASE_RETENTION_DAYS = 30
    case = services.close_case(
        worker, make_case(), reason="declined", closed_on=datetime.date(2026, 1, 1)
    )
    assert case.retention_until == datetime.date(2026, 1, 31)


def test_default_retention_is_five_years(monkeypatch):
    monkeypatch.delenv("CTIP_CASE_RETENTION_DAYS", raising=False)
    assert env_int("CTIP_CASE_RETENTION_DAYS", 5 * 365, lenient=True) == 5 * 365
    assert services.retention_days() == 5 * 365


def test_apply_anonymizes_expired_cases_and_keeps_statistics(settings, make_case, worker, capsys):
    settings.CTIP_CASE_RETENTION_DAYS = 1
    expired = make_case()
    person = expired.persons.get()
    services.screen_person(
        worker,
        person,
        outcome="presumed_victim",
        observed={"fl.debt": "owes the recruiter"},
        purpose="screening",
    )
    services.close_case(
        worker, expired, reason="assistance_completed", closed_on=datetime.date(2025, 1, 1)
    )
    kept_open = make_case()
    recent = services.close_case(worker, make_case(), reason="declined")

    call_command("retention", "apply", "--dry-run")
    assert "would anonymize 1 case(s)" in capsys.readouterr().out
    assert Person.objects.get(pk=person.pk).given_name == "Zümrüd"

    call_command("retention", "apply")
    out = capsys.readouterr().out
    assert "anonymized 1 case(s)" in out and expired.code in out
    p = Person.objects.get(pk=person.pk)
    assert p.anonymized and p.given_name == "" and p.surname == "" and p.documents is None
    assert (p.sex, p.citizenship, p.age_at_registration) == ("female", "AZ", 26)
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            "SELECT given_name, surname, address, contacts, documents FROM cases_person "
            "WHERE id=%s",
            [p.pk],
        )
        assert cur.fetchone() == ("", "", "", "", "")
    assert not NameIndex.objects.filter(person=p).exists()
    assert ObservedIndicator.objects.get().evidence == ""
    assert Case.objects.get(pk=expired.pk).anonymized_at is not None
    remaining = {
        x.case.code for x in selectors.search_persons(worker, "zumrud", purpose="after retention")
    }
    assert remaining == {kept_open.code, recent.code}
    assert AuditEntry.objects.filter(
        action="cases.case.anonymize", object_id=str(expired.pk)
    ).exists()
    assert selectors.case_statistics(worker)["persons"] == 3

    call_command("retention", "apply")
    assert "anonymized 0 case(s)" in capsys.readouterr().out


@pytest.mark.parametrize("value", ["abc", ""])
def test_bad_retention_env_falls_back_to_default(monkeypatch, value):
    monkeypatch.setenv("CTIP_CASE_RETENTION_DAYS", value)
    assert env_int("CTIP_CASE_RETENTION_DAYS", 5 * 365, lenient=True) == 5 * 365
