"""End to end (issue 11, point 10): a case worker logs in with a backup code, is led to enrol an
authenticator app, confirms it with the code computed from the key on the page, and goes on."""

import base64
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
BACKUP_CODE = "ilkkod2026"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is absent (apt-get install chromium)"
    ),
]


@pytest.fixture(autouse=True)
def _allow_orm_beside_playwright(monkeypatch):
    """Playwright's sync API runs an event loop in this thread (see test_review_flow.py)."""
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


def _submit(page, selector="form.stack button[type=submit]"):
    with page.expect_navigation():
        page.locator(selector).click()


@pytest.mark.django_db(transaction=True)
def test_backup_code_leads_to_enrolling_an_authenticator(browser, live_server, make_user):
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = make_user("case_worker", agency="DMX", username="yeni_isci")
    device = StaticDevice.objects.create(user=user, name="ilk", confirmed=True)
    StaticToken.objects.create(device=device, token=BACKUP_CODE)

    context = browser.new_context()
    outside = []  # nothing may be fetched from anywhere but ctip itself (the QR code included)
    context.on(
        "request",
        lambda r: None if r.url.startswith((live_server.url, "data:")) else outside.append(r.url),
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill("yeni_isci")
    page.locator("#id_password").fill("correct-horse-battery")
    _submit(page)
    assert page.url.startswith(f"{live_server.url}/accounts/otp/")

    page.locator("#otp-token").fill(BACKUP_CODE)
    _submit(page)
    assert page.url.startswith(f"{live_server.url}/accounts/authenticator/")
    assert page.locator("#otp-qr").get_attribute("src").startswith("data:image/svg+xml;base64,")

    secret = page.locator("#otp-secret").inner_text().strip()
    code = TOTP(base64.b32decode(secret)).token()
    page.locator("#otp-token").fill(str(code).zfill(6))
    _submit(page)
    assert page.locator("ul.codes li").count() == 10  # new backup codes, shown once
    assert TOTPDevice.objects.get(user=user).confirmed

    with page.expect_navigation():
        page.locator("#codes-continue").click()
    # on to the pages (the start page), not back to a code
    assert not page.url.startswith(f"{live_server.url}/accounts/")
    page.goto(f"{live_server.url}/cases/")
    assert page.url == f"{live_server.url}/cases/"  # personal-data pages open too
    assert not outside, outside
