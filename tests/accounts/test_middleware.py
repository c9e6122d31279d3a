"""Issue 11, points 1 and 10: the second factor is due on every request of a role that can see
personal data — a web page, an API call with the session, or an API call with a bearer token —
and enrolling an authenticator is always reachable."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ctip.accounts.models import ApiToken
from ctip.audit.models import AuditEntry
from tests.conftest import INVENTED_SURNAME

pytestmark = pytest.mark.django_db

PERSONAL_DATA_ROLES = ["case_worker", "supervisor", "auditor", "admin"]
PERSONS = "/api/v1/persons/?purpose=yoxlama"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def bearer(client, key: str, url: str = PERSONS):
    return client.get(url, HTTP_AUTHORIZATION=f"Bearer {key}")


def code_for(device) -> str:
    return str(totp(device.bin_key, device.step, device.t0, device.digits, device.drift)).zfill(
        device.digits
    )


# --- the half-logged-in session ----------------------------------------------------------------


@pytest.mark.parametrize("role", PERSONAL_DATA_ROLES)
def test_half_logged_in_session_gets_nothing_from_the_api(role, password_only, victim_case):
    """The attack: log in with the password, skip the code page, call the API with the session."""
    client = password_only(role)
    for url in (PERSONS, "/api/v1/cases/", "/api/v1/plans/", "/api/v1/openapi.json"):
        response = client.get(url)
        assert response.status_code in (401, 403), f"{url} → {response.status_code}"
        assert INVENTED_SURNAME.encode() not in response.content


def test_the_same_api_call_answers_once_the_second_factor_is_passed(client_for, victim_case):
    """The refusal above is not vacuous: a verified case worker reads the person."""
    response = client_for("case_worker").get(PERSONS)
    assert response.status_code == 200
    assert INVENTED_SURNAME in response.content.decode()


def test_half_logged_in_session_cannot_reach_pages(password_only, victim_case):
    client = password_only("case_worker")
    for url in ("/cases/", f"/cases/{victim_case.code}/", "/plan/", "/admin/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/otp/")


# --- bearer tokens ------------------------------------------------------------------------------


def test_token_made_without_the_second_factor_is_refused_for_a_personal_data_role(
    client, make_user, victim_case
):
    """A token that did not come from a verified session or the operator command."""
    worker = make_user("case_worker", agency="DMX")
    _, key = ApiToken.issue(worker)
    response = bearer(client, key)
    assert response.status_code in (401, 403)
    assert INVENTED_SURNAME.encode() not in response.content


def test_token_made_before_a_role_change_does_not_skip_the_second_factor(
    client, make_user, victim_case
):
    user = make_user("focal_point", agency="DMX")
    _, key = ApiToken.issue(user)
    assert bearer(client, key, "/api/v1/plans/").status_code == 200  # fine for a focal point
    user.role = "case_worker"
    user.save()
    response = bearer(client, key)
    assert response.status_code in (401, 403)
    assert INVENTED_SURNAME.encode() not in response.content


def _make_token_on_the_account_page(client) -> str:
    response = client.post("/accounts/tokens/", {"name": "hesabat skripti"})
    assert response.status_code == 200, response.status_code
    match = re.search(r"ctip_[A-Za-z0-9_\-]{20,}", response.content.decode())
    assert match, "the new token is shown once"
    return match.group(0)


def test_verified_user_makes_a_token_on_the_account_page_and_it_opens_the_api(
    client_for, client, victim_case, settings
):
    owner = client_for("case_worker")
    key = _make_token_on_the_account_page(owner)
    response = bearer(client, key)
    assert response.status_code == 200 and INVENTED_SURNAME in response.content.decode()
    token = ApiToken.objects.get(user=owner.user)
    assert token.second_factor
    lifetime = token.expires - token.created
    assert abs(lifetime - timedelta(days=settings.CTIP_TOKEN_DAYS)) < timedelta(minutes=1)
    assert settings.CTIP_TOKEN_DAYS == 30
    assert AuditEntry.objects.filter(action="accounts.token.created", actor=owner.user).exists()


def test_half_logged_in_user_cannot_make_a_token(password_only):
    client = password_only("case_worker")
    response = client.post("/accounts/tokens/", {"name": "x"})
    assert response.status_code in (302, 403)
    assert not ApiToken.objects.exists()
    assert b"ctip_" not in response.content


def test_expired_token_is_refused(client_for, client, victim_case):
    key = _make_token_on_the_account_page(client_for("case_worker"))
    ApiToken.objects.update(expires=timezone.now() - timedelta(seconds=1))
    assert bearer(client, key).status_code == 401


def test_account_page_lists_tokens_and_revokes_them(client_for, client, victim_case):
    owner = client_for("case_worker")
    key = _make_token_on_the_account_page(owner)
    token = ApiToken.objects.get(user=owner.user)
    page = owner.get("/accounts/").content.decode()
    assert token.prefix in page and "hesabat skripti" in page
    assert key not in page  # shown once only
    response = owner.post(f"/accounts/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    assert bearer(client, key).status_code == 401
    assert AuditEntry.objects.filter(action="accounts.token.revoked").exists()


def test_nobody_revokes_another_users_token(client_for, make_user):
    other = make_user("focal_point", agency="DMX")
    token, _ = ApiToken.issue(other)
    response = client_for("case_worker").post(f"/accounts/tokens/{token.pk}/revoke/")
    assert response.status_code == 404
    token.refresh_from_db()
    assert not token.revoked


def test_log_out_everywhere_ends_tokens_too(client_for, client):
    owner = client_for("focal_point")
    _, key = ApiToken.issue(owner.user)
    assert bearer(client, key, "/api/v1/plans/").status_code == 200
    owner.post("/accounts/logout-everywhere/")
    assert bearer(client, key, "/api/v1/plans/").status_code == 401


def test_operator_command_says_what_it_does_and_is_audited(make_user, client, victim_case, capsys):
    worker = make_user("case_worker", agency="DMX", username="servis")
    call_command("token", "create", "servis")
    out, err = capsys.readouterr()
    key = out.strip()
    assert "second factor" in err and "expires" in err
    entry = AuditEntry.objects.get(action="accounts.token.created")
    assert entry.actor is None and entry.details["via"] == "command"
    assert entry.details["user"] == "servis"
    response = bearer(client, key)
    assert response.status_code == 200 and INVENTED_SURNAME in response.content.decode()
    assert ApiToken.objects.get(user=worker).expires > timezone.now()


# --- enrolment is always reachable ------------------------------------------------------------


@pytest.fixture
def backup_code_user(make_user):
    user = make_user("case_worker", agency="DMX", username="yeni")
    device = StaticDevice.objects.create(user=user, name="demo", confirmed=True)
    StaticToken.objects.create(device=device, token="tekkod2026")
    return user


def test_after_a_backup_code_the_user_is_led_to_enrol_an_authenticator(client, backup_code_user):
    client.force_login(backup_code_user)
    response = client.post("/accounts/otp/", {"token": "tekkod2026"})
    assert response.status_code == 302
    enrol_url = response["Location"]
    assert enrol_url.startswith("/accounts/authenticator/")
    # not on to other pages before an authenticator is added
    assert client.get("/cases/")["Location"].startswith("/accounts/authenticator/")
    page = client.get(enrol_url).content.decode()
    assert "data:image/svg+xml;base64," in page
    assert not re.search(r"""src=["']https?:""", page)  # the QR code is drawn here, not fetched
    device = TOTPDevice.objects.get(user=backup_code_user, confirmed=False)
    assert device.key.upper() not in page  # the hex key stays on the server; the base32 is shown
    response = client.post(enrol_url, {"token": code_for(device)})
    assert response.status_code == 200  # the new backup codes, shown once
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/cases/").status_code == 200
    assert AuditEntry.objects.filter(
        action="accounts.device.confirmed",
        object_type="otp_totp.totpdevice",
        object_id=str(device.pk),
    ).exists()
    # the next login asks for the authenticator, and it works
    client.logout()
    client.force_login(backup_code_user)
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    response = client.post("/accounts/otp/?next=/cases/", {"token": code_for(device)})
    assert response["Location"] == "/cases/"


def test_account_page_offers_an_authenticator_when_none_is_enrolled(client, backup_code_user):
    client.force_login(backup_code_user)
    client.post("/accounts/otp/", {"token": "tekkod2026"})
    page = client.get("/accounts/").content.decode()
    assert "/accounts/authenticator/" in page


# --- the administrator --------------------------------------------------------------------------


@pytest.fixture
def enrolled(make_user):
    user = make_user("case_worker", agency="DMX", username="sahib")
    totp_device = TOTPDevice.objects.create(user=user, name="telefon", confirmed=True)
    static = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
    StaticToken.objects.create(device=static, token="gizlikod99")
    return user, totp_device


def test_admin_resets_a_users_second_factor_through_an_audited_action(client_for, enrolled, client):
    user, _ = enrolled
    _, key = ApiToken.issue(user, second_factor=True)
    admin = client_for("admin")
    response = admin.post(
        "/admin/accounts/user/",
        {"action": "reset_second_factor", "_selected_action": [user.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    entry = AuditEntry.objects.get(action="accounts.second_factor.reset")
    assert entry.actor == admin.user and entry.object_id == str(user.pk)
    assert bearer(client, key, "/api/v1/plans/").status_code == 401  # its tokens end too


def test_nobody_reads_another_users_codes_or_keys_in_the_admin(client_for, enrolled):
    user, device = enrolled
    admin = client_for("admin")
    token, _ = ApiToken.issue(user)
    secrets_ = [
        "gizlikod99",
        device.key,
        __import__("base64").b32encode(device.bin_key).decode(),
        token.key_hash,
    ]
    static = StaticDevice.objects.get(user=user)
    pages = [
        "/admin/otp_static/staticdevice/",
        f"/admin/otp_static/staticdevice/{static.pk}/change/",
        "/admin/otp_totp/totpdevice/",
        f"/admin/otp_totp/totpdevice/{device.pk}/change/",
        f"/admin/otp_totp/totpdevice/{device.pk}/config/",
        f"/admin/otp_totp/totpdevice/{device.pk}/qrcode/",
        f"/admin/accounts/user/{user.pk}/change/",
        "/admin/accounts/apitoken/",
        f"/admin/accounts/apitoken/{token.pk}/change/",
    ]
    for url in pages:
        response = admin.get(url, follow=True)
        body = response.content.decode(errors="replace")
        for secret in secrets_:
            assert secret.lower() not in body.lower(), f"{url} shows a secret"


def test_admin_cannot_make_codes_or_devices_for_someone_else(client_for, enrolled):
    user, _ = enrolled
    admin = client_for("admin")
    for url in ("/admin/otp_static/staticdevice/add/", "/admin/otp_totp/totpdevice/add/"):
        assert admin.get(url).status_code in (403, 404), url
    response = admin.post(
        "/admin/otp_static/staticdevice/add/",
        {
            "user": user.pk,
            "name": "shadow",
            "confirmed": "on",
            "token_set-TOTAL_FORMS": "1",
            "token_set-INITIAL_FORMS": "0",
            "token_set-0-token": "shadowcode1",
        },
    )
    assert response.status_code in (403, 404)
    assert not StaticToken.objects.filter(token="shadowcode1").exists()
