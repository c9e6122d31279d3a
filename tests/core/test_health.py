import os
import secrets
import subprocess
import sys

import pytest


@pytest.mark.django_db
def test_health_reports_ok_without_login(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_pages_redirect_anonymous_users_to_login(client):
    response = client.get("/plan/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_login_page_is_in_azerbaijani_by_default(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert 'lang="az"' in response.content.decode()


@pytest.mark.django_db
def test_health_reveals_nothing_but_a_status(client, make_user):
    response = client.get("/health")
    assert set(response.json()) == {"status"}
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    assert "Set-Cookie" not in response or "sessionid" not in response.get("Set-Cookie", "")


@pytest.mark.django_db
def test_health_reports_pending_migrations(client, monkeypatch):
    from django.db.migrations.executor import MigrationExecutor

    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("x", False)])
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json() == {"status": "migrations pending"}


@pytest.mark.django_db
def test_health_reports_an_unreachable_database_without_details(client, monkeypatch):
    from django.db import connection

    def broken(*args, **kwargs):
        raise RuntimeError("connection refused to secret-host:5432")

    monkeypatch.setattr(connection, "cursor", broken)
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json() == {"status": "error"}
    assert b"secret-host" not in response.content


@pytest.mark.django_db
def test_health_accepts_only_get(client):
    assert client.post("/health").status_code in (403, 405)


@pytest.mark.django_db
def test_browser_language_does_not_override_azerbaijani_default(client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert 'lang="az"' in response.content.decode()


@pytest.mark.django_db
def test_chosen_language_is_kept(client):
    client.post("/i18n/setlang/", {"language": "ru", "next": "/accounts/login/"})
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US")
    assert 'lang="ru"' in response.content.decode()


PROBE = """
import django, os
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.test import Client
c = Client()
host = "ctip.example.gov.az"
print(c.get("/health", HTTP_HOST=host).status_code, c.get("/plan/", HTTP_HOST=host).status_code)
"""


@pytest.mark.slow
def test_health_answers_in_production_and_other_pages_still_go_to_https(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CTIP_")}
    env.update(
        CTIP_ENV="production",
        CTIP_SECRET_KEY=secrets.token_urlsafe(60),
        CTIP_ALLOWED_HOSTS="ctip.example.gov.az",
        CTIP_DATA_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="ctip.settings",
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    health, plan = result.stdout.split()[-2:]
    assert (health, plan) == ("200", "301")
