"""Fixtures of the browser tests (Playwright driving Debian's chromium)."""

import pytest

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(autouse=True)
def _allow_orm_beside_playwright(monkeypatch):
    """Playwright's sync API runs an event loop in this thread; the test's ORM calls are still
    synchronous. Set only while a browser test runs (it must never leak into other tests or
    subprocesses: `check --deploy` refuses it)."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


def session_cookie(user, live_server) -> dict:
    """A logged-in session (second factor passed) for the browser, made through the test client."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    if user.needs_otp:
        from django_otp.plugins.otp_static.models import StaticDevice

        device, _ = StaticDevice.objects.get_or_create(user=user, name="browser")
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    cookie = client.cookies["sessionid"]
    return {"name": "sessionid", "value": cookie.value, "url": live_server.url}
