"""The registry's forms: bodies by full name in the user's language, required fields starred."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _select(html: str, name: str) -> str:
    found = html[html.index(f'name="{name}"') :]
    return found[: found.index("</select>")]


@pytest.mark.parametrize(
    ("lang", "dmx", "din"),
    [
        ("az", "Dövlət Miqrasiya Xidməti (DMX)", "Daxili İşlər Nazirliyi (DİN)"),
        ("en", "State Migration Service (DMX)", "Ministry of Internal Affairs (DİN)"),
        ("ru", "Государственная миграционная служба (DMX)", "(DİN)"),
    ],
)
def test_document_form_names_bodies_in_full_in_the_users_language(
    agencies, make_user, login_as, lang, dmx, din
):
    client = login_as(make_user("coordinator", agency=None))
    client.cookies["django_language"] = lang
    html = client.get("/records/documents/new/").content.decode()
    for name in ("recipients", "issuer", "agency"):
        options = _select(html, name)
        assert dmx in options, name
        assert din in options, name
        assert not re.search(r">\s*DMX\s*<", options), name  # never the bare abbreviation


def test_bodies_are_listed_by_name_not_by_abbreviation(agencies, make_user, login_as):
    client = login_as(make_user("coordinator", agency=None))
    client.cookies["django_language"] = "en"
    options = _select(client.get("/records/documents/new/").content.decode(), "recipients")
    names = re.findall(r"<option[^>]*>([^<]+)</option>", options)
    assert len(names) > 40
    assert names == sorted(names, key=str.casefold)


def test_activity_and_recommendation_forms_name_bodies_in_full(agencies, make_user, login_as):
    client = login_as(make_user("coordinator", agency=None))
    client.cookies["django_language"] = "en"
    activity = client.get("/records/activities/new/").content.decode()
    for name in ("organisers", "partners", "p-0-agency"):
        assert "State Migration Service (DMX)" in _select(activity, name), name
    rec = client.get("/records/recommendations/new/").content.decode()
    assert "State Migration Service (DMX)" in _select(rec, "responsible")


def test_required_fields_are_starred_and_optional_ones_not(agencies, make_user, login_as):
    client = login_as(make_user("focal_point", agency="DMX"))
    client.cookies["django_language"] = "en"
    html = client.get("/records/documents/new/").content.decode()
    starred = set(re.findall(r'<label for="id_(\w+)" class="required">', html))
    assert {"kind", "number", "date", "agency"} <= starred
    assert not {"due_date", "recipients", "subject"} & starred
    activity = client.get("/records/activities/new/").content.decode()
    assert re.search(r'<label for="id_title" class="required">', activity)
    assert '<label for="id_narrative_en">' in activity  # optional: no star
