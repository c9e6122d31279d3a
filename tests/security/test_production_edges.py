"""Issue 11, point 9: `/health` answers monitoring in production instead of redirecting it to
HTTPS, and the PDF renderer's font allow-list cannot be left with `..`."""

import os
import secrets
import subprocess
import sys

import pytest

from ctip.reports.pdf_engine import FONT_DIR, RemoteResourceRefused, check_url

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


@pytest.mark.parametrize(
    "url",
    [
        f"file://{FONT_DIR}/../../settings.py",
        f"file://{FONT_DIR}/%2e%2e/%2e%2e/settings.py",
        f"file://{FONT_DIR}/../fonts/../../../../../etc/passwd",
        f"file://{FONT_DIR}/./../ctip.css",
        f"file://{FONT_DIR}" + "-evil/x.ttf",
    ],
)
def test_the_font_allow_list_refuses_paths_that_leave_the_font_directory(url):
    with pytest.raises(RemoteResourceRefused):
        check_url(url)


def test_the_shipped_fonts_are_still_allowed():
    font = next(FONT_DIR.glob("*.ttf"))
    check_url(font.as_uri())


def test_a_pdf_cannot_embed_a_file_through_the_fonts_directory(tmp_path):
    """End to end: a report's HTML naming a file outside the fonts gets nothing from it."""
    from weasyprint.urls import FatalURLFetchingError

    from ctip.reports.pdf_engine import fetcher

    with pytest.raises((FatalURLFetchingError, RemoteResourceRefused)):
        fetcher().fetch(f"file://{FONT_DIR}/../../settings.py")
