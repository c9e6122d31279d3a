"""The intake form: one person block to start with, "add another", empty blocks ignored, errors
per block and nothing saved unless everything is valid (issue 12)."""

import re

import pytest

from ctip.audit.models import AuditEntry
from ctip.cases.models import Intake, Person

URL = "/cases/intake/new/"


@pytest.fixture
def client_en(client):
    client.cookies["django_language"] = "en"
    return client


def _post(blocks: list[dict], *, initial: int = 0, **extra) -> dict:
    """The intake as the browser sends it, with one block of fields per person."""
    data = {
        "channel": "hotline_919",
        "received_on": "2026-02-10",
        "language": "az",
        "summary": "Uydurma zəng.",
        "p-TOTAL_FORMS": str(len(blocks)),
        "p-INITIAL_FORMS": str(initial),
        "p-MIN_NUM_FORMS": "0",
        "p-MAX_NUM_FORMS": "10",
        **extra,
    }
    for n, block in enumerate(blocks):
        data.update({f"p-{n}-{k}": v for k, v in {"sex": "unknown", **block}.items()})
    return data


def _blocks(html: str) -> list[str]:
    """The person blocks drawn on the page (the hidden <template> copy left out)."""
    html = re.sub(r"<template.*?</template>", "", html, flags=re.S)
    return re.findall(r'<fieldset class="card person">.*?</fieldset>', html, flags=re.S)


@pytest.mark.django_db
def test_the_form_starts_with_one_person_block_and_a_way_to_add_another(worker, login_as):
    html = login_as(worker).get(URL).content.decode()
    assert len(_blocks(html)) == 1
    assert 'name="p-TOTAL_FORMS" value="1"' in html
    assert 'name="add_person"' in html  # works without JavaScript: a submit button
    template = html[html.index('<template id="person-template">') :]
    assert 'name="p-__prefix__-surname"' in template[: template.index("</template>")]
    assert "/static/cases/persons.js" in html


@pytest.mark.django_db
def test_one_person_is_registered(worker, login_as):
    response = login_as(worker).post(URL, _post([{"surname": "Birincizadə", "sex": "female"}]))
    assert response.status_code == 302
    person = Person.objects.get(intake=Intake.objects.get())
    assert person.surname == "Birincizadə" and person.sex == "female"


@pytest.mark.django_db
def test_two_persons_are_registered_and_an_empty_block_is_ignored(worker, login_as):
    blocks = [{"surname": "Birincizadə"}, {"given_name": "İkinci", "age": "17"}, {}]
    response = login_as(worker).post(URL, _post(blocks))
    assert response.status_code == 302
    intake = Intake.objects.get()
    persons = Person.objects.filter(intake=intake).order_by("id")
    assert [p.surname or p.given_name for p in persons] == ["Birincizadə", "İkinci"]
    assert AuditEntry.objects.get(action="cases.intake.create").details["persons"] == 2


@pytest.mark.django_db
def test_an_invalid_second_block_keeps_both_blocks_and_saves_nothing(worker, login_as, client_en):
    blocks = [{"surname": "Birincizadə"}, {"given_name": "İkinci", "date_of_birth": "2999-01-01"}]
    response = login_as(worker).post(URL, _post(blocks))
    assert response.status_code == 200
    html = response.content.decode()
    first, second = _blocks(html)
    assert 'value="Birincizadə"' in first and "errorlist" not in first
    assert 'value="İkinci"' in second and 'value="2999-01-01"' in second
    assert "The date of birth is in the future." in second
    assert 'role="alert"' in html and "Nothing was saved" in html
    assert not Intake.objects.exists() and not Person.objects.exists()
    assert not AuditEntry.objects.filter(action="cases.intake.create").exists()


@pytest.mark.django_db
def test_add_another_without_javascript_draws_one_more_block_and_keeps_what_was_typed(
    worker, login_as
):
    client = login_as(worker)
    response = client.post(URL, _post([{"surname": "Birincizadə"}], add_person="1"))
    assert response.status_code == 200
    html = response.content.decode()
    first, second = _blocks(html)
    assert 'value="Birincizadə"' in first and "value=" not in second.split("surname")[1][:60]
    assert 'value="Uydurma zəng.' in html or "Uydurma zəng.</textarea>" in html
    assert 'name="p-TOTAL_FORMS" value="2"' in html and "errorlist" not in html
    assert not Intake.objects.exists()  # nothing saved until "Register"
    # The form as drawn again registers: its first block now counts as an initial form.
    blocks = [{"surname": "Birincizadə"}, {"given_name": "İkinci"}]
    assert client.post(URL, _post(blocks, initial=1)).status_code == 302
    assert Person.objects.filter(intake=Intake.objects.get()).count() == 2


@pytest.mark.django_db
def test_add_another_stops_at_ten_persons(worker, login_as):
    blocks = [{"surname": f"Şəxs{n}"} for n in range(10)]
    html = login_as(worker).post(URL, _post(blocks, add_person="1")).content.decode()
    assert len(_blocks(html)) == 10 and 'name="add_person"' not in html
