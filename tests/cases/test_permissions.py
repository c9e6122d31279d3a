"""The full role × action matrix, in the table and through the pages and the API."""

import pytest

from ctip.accounts.roles import Role
from ctip.cases.permissions import ACTIONS, can, matrix_markdown

CW = {
    "intake.create",
    "case.list",
    "case.view",
    "case.edit",
    "case.decide",
    "case.service",
    "case.close",
    "person.view",
    "person.edit",
    "person.search",
    "stats.view",
}
EXPECTED = {
    "case_worker": CW,
    "supervisor": CW | {"case.transfer"},
    "focal_point": {"stats.view"},
    "coordinator": {"stats.view", "export.run"},
    "analyst": {"stats.view", "export.run"},
    "auditor": {"audit.view"},
    "admin": {"case.list", "case.view", "stats.view", "export.run", "audit.view", "system.manage"},
}


@pytest.mark.parametrize("role", Role.values)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_matrix_cell(make_user, role, action):
    assert can(make_user(role), action) == (action in EXPECTED[role])


def test_inactive_and_anonymous_users_may_do_nothing(make_user):
    from django.contrib.auth.models import AnonymousUser

    user = make_user("case_worker")
    user.is_active = False
    assert not any(can(user, a) for a in ACTIONS)
    assert not any(can(AnonymousUser(), a) for a in ACTIONS)


def test_unknown_action_is_an_error(make_user):
    with pytest.raises(ValueError):
        can(make_user("admin"), "case.teleport")


def test_matrix_prints_every_role_and_action():
    text = matrix_markdown()
    for role in Role.values:
        assert role in text.splitlines()[0]
    for action in ACTIONS:
        assert f"| {action} |" in text


PAGES = {  # url → action it needs
    "/cases/": "case.list",
    "/cases/intake/new/": "intake.create",
    "/cases/stats/": "stats.view",
    "/cases/audit/": "audit.view",
}


@pytest.mark.parametrize("role", Role.values)
def test_pages_follow_the_matrix(make_user, login_as, client, role):
    login_as(make_user(role))
    for url, action in PAGES.items():
        status = client.get(url).status_code
        assert status == (200 if action in EXPECTED[role] else 403), (role, url, status)


@pytest.mark.parametrize("role", Role.values)
def test_case_and_person_pages_follow_the_matrix(make_user, login_as, client, make_case, role):
    case = make_case()
    person = case.persons.get()
    login_as(make_user(role, "DMX"))
    detail = client.get(f"/cases/{case.code}/").status_code
    assert detail == (200 if "case.view" in EXPECTED[role] else 403)
    purpose = client.post(f"/cases/{case.code}/purpose/", {"purpose": "checking the matrix"})
    assert purpose.status_code == (302 if "person.view" in EXPECTED[role] else 403)
    page = client.get(f"/cases/{case.code}/persons/{person.uid}/")
    assert page.status_code == (200 if "person.view" in EXPECTED[role] else 403)
    if page.status_code == 200:
        assert "Zümrüd" in page.content.decode()


@pytest.mark.parametrize("role", Role.values)
def test_api_follows_the_matrix(make_user, client, make_case, role):
    from ctip.accounts.models import ApiToken

    make_case()
    _, key = ApiToken.issue(make_user(role, "DMX"), second_factor=True)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    cases = client.get("/api/v1/cases/", **auth)
    assert cases.status_code == (200 if "case.list" in EXPECTED[role] else 403)
    persons = client.get("/api/v1/persons/", HTTP_X_ACCESS_PURPOSE="api matrix check", **auth)
    assert persons.status_code == (200 if "person.view" in EXPECTED[role] else 403)


def test_case_workers_see_their_agency_and_cases_referred_to_it(
    make_user, login_as, client, make_case, worker
):
    from ctip.cases import services

    case = make_case()
    other = make_user("case_worker", "BP")
    login_as(other)
    assert client.get(f"/cases/{case.code}/").status_code == 404
    assert case.code not in client.get("/cases/").content.decode()
    services.refer_case(worker, case, to_agency=other.agency, letter_number="L-1")
    assert client.get(f"/cases/{case.code}/").status_code == 200
    third = make_user("supervisor", "ETN")
    login_as(third)
    assert client.get(f"/cases/{case.code}/").status_code == 404


def test_case_worker_cannot_change_another_agencys_case(make_user, make_case):
    from django.core.exceptions import PermissionDenied

    from ctip.cases import services

    case = make_case()
    with pytest.raises(PermissionDenied):
        services.close_case(make_user("case_worker", "BP"), case, reason="duplicate")
