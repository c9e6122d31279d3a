"""What ctip/settings.py configures.

The environment helpers: unset or empty takes the default, a bad number stops ctip with one line
naming the variable (or, where documented, leaves the default). The deployment check, the security
headers, static and uploaded files, and the umask that keeps ctip's files private.
"""

import os
import secrets
import stat
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from ctip.settings import env_bool, env_int, env_list, env_str
from tests.installation import CTIP, Installation


def test_unset_and_empty_numbers_and_switches_take_their_defaults(monkeypatch):
    monkeypatch.delenv("CTIP_X", raising=False)
    assert env_int("CTIP_X", 7) == 7 and env_bool("CTIP_X", True) is True
    monkeypatch.setenv("CTIP_X", "")
    assert env_int("CTIP_X", 7) == 7 and env_bool("CTIP_X", True) is True


def test_values_are_read(monkeypatch):
    monkeypatch.setenv("CTIP_X", " 42 ")
    assert env_int("CTIP_X", 7) == 42
    monkeypatch.setenv("CTIP_X", "1")
    assert env_bool("CTIP_X", False) is True
    monkeypatch.setenv("CTIP_X", "0")
    assert env_bool("CTIP_X", True) is False
    monkeypatch.setenv("CTIP_X", " a, ,b ")
    assert env_list("CTIP_X") == ["a", "b"] and env_str("CTIP_X") == " a, ,b "


def test_a_bad_number_names_the_variable_or_leaves_the_default_when_lenient(monkeypatch):
    monkeypatch.setenv("CTIP_X", "abc")
    with pytest.raises(ImproperlyConfigured, match="CTIP_X='abc' is not a whole number"):
        env_int("CTIP_X", 7)
    assert env_int("CTIP_X", 7, lenient=True) == 7


def test_only_settings_reads_the_environment_for_configuration():
    """Code reads `settings`: os.environ appears under ctip/ only to pass the environment on to a
    child process or to name the settings module."""
    from pathlib import Path

    import ctip

    root = Path(ctip.__file__).parent
    allowed = ('os.environ.setdefault("DJANGO_SETTINGS_MODULE"', "**os.environ", "dict(os.environ")
    readers = []
    for path in root.rglob("*.py"):
        if path.name == "settings.py" and path.parent == root:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if ("os.environ" in line or "getenv(" in line) and not any(a in line for a in allowed):
                if 'os.environ.get("PYTHONPATH")' in line:  # the PDF worker's path, passed on
                    continue
                readers.append(f"{path.relative_to(root.parent)}:{n}: {line.strip()}")
    assert readers == []


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


# Issue 11, point 9: the database, uploads, logs and keys are private to ctip's own user, even
# when the service manager leaves the usual umask of 022 (world-readable files).


SAVE_UPLOAD_AND_LOG = (
    "import logging; from django.core.files.base import ContentFile; "
    "from django.core.files.storage import default_storage; "
    "print(default_storage.save('records/2026/akt.pdf', ContentFile(b'%PDF-1.4 x'))); "
    "logging.getLogger('ctip').warning('a line for the log')"
)


def run_with_umask_022(inst: Installation, *args) -> None:
    result = subprocess.run(
        [*CTIP, *args],
        env=inst.env,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=lambda: os.umask(0o022),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.slow
def test_files_ctip_creates_are_private_to_its_user(tmp_path):
    inst = Installation(tmp_path / "data")
    inst.root.rmdir()  # ctip creates the data directory itself
    run_with_umask_022(inst, "migrate", "--noinput")
    run_with_umask_022(inst, "shell", "--no-imports", "-c", SAVE_UPLOAD_AND_LOG)
    created = [inst.root, *inst.root.rglob("*")]
    assert inst.db in created and (inst.root / "logs" / "ctip.log") in created
    assert (inst.root / "uploads" / "records" / "2026" / "akt.pdf") in created
    loose = [f"{p} {oct(mode(p))}" for p in created if mode(p) & 0o077]
    assert not loose, "readable by others:\n" + "\n".join(loose)
