import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings


def test_check_deploy_passes_with_production_settings(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CTIP_")}
    env.update(
        CTIP_ENV="production",
        CTIP_SECRET_KEY=secrets.token_urlsafe(60),
        CTIP_ALLOWED_HOSTS="ctip.example.gov.az",
        CTIP_DATA_DIR=str(tmp_path),
    )
    result = subprocess.run(
        [sys.executable, "-m", "ctip", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_fails_with_development_settings(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CTIP_")}
    env.update(CTIP_DATA_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-m", "ctip", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0  # the check above is therefore able to fail


@pytest.mark.django_db
def test_security_headers_on_pages(client):
    response = client.get("/accounts/login/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_no_media_url_is_configured():
    assert not settings.MEDIA_URL or settings.MEDIA_URL in ("/", "")


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["/media/", "/uploads/", "/nonexistent/"])
def test_uploaded_files_are_never_served_from_a_public_path(
    prefix, client, settings, make_user, login_as
):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    name = default_storage.save("records/secret.txt", ContentFile(b"TOP-SECRET-CONTENT"))
    for c in (client, login_as(make_user("admin", is_superuser=True, is_staff=True))):
        response = c.get(prefix + name)
        assert response.status_code in (302, 404)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"TOP-SECRET-CONTENT" not in body
        c.logout()


@pytest.mark.django_db
def test_static_files_are_served_with_debug_off(client, settings):
    assert not settings.DEBUG
    response = client.get("/static/ctip/ctip.css")
    assert response.status_code == 200


@pytest.mark.django_db
def test_error_pages_reveal_no_debug_information(client, make_user, login_as):
    response = login_as(make_user("coordinator")).get("/definitely-not-a-page/")
    assert response.status_code == 404
    assert b"Traceback" not in response.content and b"urlpatterns" not in response.content
