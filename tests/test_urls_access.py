import pytest

from tests.urlwalk import (
    CASES_WITHOUT_PERSONAL_DATA,
    NO_PERSONAL_DATA_ROLES,
    PUBLIC,
    ROLES,
    all_routes,
    fill,
)


def test_the_walk_finds_the_pages_of_every_app():
    templates = {r.template for r in all_routes()}
    assert "/accounts/" in templates and "/health" in templates
    assert any(t.startswith("/admin/") for t in templates)
    assert any(t.startswith("/api/v1/") for t in templates)


@pytest.mark.django_db
def test_every_url_refuses_anonymous_users(client, routes):
    problems = []
    for route in routes:
        url = fill(route)
        if url.startswith(PUBLIC):
            continue
        response = client.get(url)
        if url.startswith("/api/"):
            ok = response.status_code in (401, 403)
        else:
            ok = response.status_code == 302 and response["Location"].startswith("/accounts/login/")
        if not ok:
            problems.append(f"{url} → {response.status_code}")
    assert not problems, "reachable without login:\n" + "\n".join(problems)


@pytest.mark.django_db
def test_public_urls_are_only_login_health_and_language(client):
    assert client.get("/health").status_code == 200
    assert client.get("/accounts/login/").status_code == 200
    assert client.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 302
    assert client.get("/favicon.ico")["Location"].startswith("/static/")  # an icon, nothing else


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_no_page_or_api_call_fails_for_any_role(role, routes, world, client_for):
    client = client_for(role)
    errors = []
    for route in routes:
        if route.template.startswith("/admin/") and route.template != "/admin/":
            continue  # Django's own admin: its index is enough here
        if route.name in ("logout", "logout_everywhere", "set_language"):
            continue
        url = fill(route, world)
        response = client.get(url)
        if response.status_code >= 500:
            errors.append(f"{url} → {response.status_code}")
    assert not errors, f"server errors for {role}:\n" + "\n".join(errors)


@pytest.mark.django_db
@pytest.mark.parametrize("role", NO_PERSONAL_DATA_ROLES)
def test_personal_data_is_refused_to_roles_without_need(role, routes, world, client_for):
    client = client_for(role)
    leaks = []
    personal = [r for r in routes if r.is_personal()]
    assert personal, "the cases app should have pages with personal data"
    for route in personal:
        url = fill(route, world)
        response = client.get(url)
        # 405: the page only answers POST (tested with CSRF and the role in its own app)
        refused = response.status_code in (401, 403, 404, 405) or (
            response.status_code == 302
            and (
                not response["Location"].startswith(("/cases/", "/api/"))
                or response["Location"].startswith(CASES_WITHOUT_PERSONAL_DATA)
            )
        )
        if not refused:
            leaks.append(f"{url} → {response.status_code}")
    assert not leaks, f"personal data reachable by {role}:\n" + "\n".join(leaks)


@pytest.mark.django_db
def test_personal_data_is_reachable_by_case_workers(world, client_for):
    """The refusal above is not vacuous: the same pages open for a case worker."""
    client = client_for("case_worker")
    assert client.get("/cases/").status_code == 200
