"""Issue 11, point 5: account, role, device and token changes reach the audit trail, whether they
are made on ctip's pages, in Django's admin or by a command (the admin's shadow user)."""

import pytest
from django.core.management import call_command
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ctip.accounts.models import ApiToken, User
from ctip.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def entries(action: str, **filters):
    return list(AuditEntry.objects.filter(action=action, **filters))


def test_admin_creating_a_case_worker_in_django_admin_is_audited(client_for, make_agency):
    """The attack: the administrator makes a shadow case worker to read personal data."""
    admin = client_for("admin")
    dmx = make_agency("DMX")
    response = admin.post(
        "/admin/accounts/user/add/",
        {
            "username": "kolge",
            "usable_password": "true",
            "password1": "uzun-gizli-parol-2026",
            "password2": "uzun-gizli-parol-2026",
            "agency": dmx.pk,
            "role": "case_worker",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    shadow = User.objects.get(username="kolge")
    [created] = entries("accounts.user.created", object_id=str(shadow.pk))
    assert created.actor == admin.user
    assert created.details["role"] == "case_worker" and created.details["username"] == "kolge"
    assert "uzun-gizli-parol-2026" not in str(created.details)


def test_role_and_permission_changes_in_django_admin_are_audited(client_for, make_user):
    admin = client_for("admin")
    user = make_user("focal_point", agency="DMX", username="rolu")
    data = {
        "username": "rolu",
        "first_name": "",
        "last_name": "",
        "email": "",
        "is_active": "on",
        "is_staff": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
        "agency": user.agency_id,
        "role": "supervisor",
    }
    response = admin.post(f"/admin/accounts/user/{user.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    [changed] = entries("accounts.user.changed", object_id=str(user.pk))
    assert changed.actor == admin.user
    assert changed.details["role"] == ["focal_point", "supervisor"]
    assert changed.details["is_staff"] == [False, True]


def test_password_change_is_audited_without_the_password(make_user):
    user = make_user("coordinator", username="parol")
    user.set_password("yeni-uzun-parol-77")
    user.save()
    [changed] = entries("accounts.user.changed", object_id=str(user.pk))
    assert changed.details == {"password": "changed"}


def test_logins_are_not_account_changes(client, make_user):
    make_user("coordinator", username="giris")
    before = AuditEntry.objects.count()
    client.post("/accounts/login/", {"username": "giris", "password": "correct-horse-battery"})
    assert not AuditEntry.objects.filter(action="accounts.user.changed").exists()
    assert AuditEntry.objects.count() >= before


def test_devices_and_codes_made_outside_the_pages_are_audited(make_user):
    """A code added for someone through a shell or django-otp's command still leaves a trace."""
    user = make_user("case_worker", username="kodlu")
    call_command("addstatictoken", "kodlu", "-t", "elavekod1")
    device = StaticDevice.objects.get(user=user)
    static = {"object_type": "otp_static.staticdevice", "object_id": str(device.pk)}
    assert entries("accounts.device.created", **static)
    assert entries("accounts.backup_code.added", **static)
    assert "elavekod1" not in str(list(AuditEntry.objects.values_list("details", flat=True)))
    totp = TOTPDevice.objects.create(user=user, name="x", confirmed=False)
    totp.confirmed = True
    totp.save()
    totp_ref = {"object_type": "otp_totp.totpdevice", "object_id": str(totp.pk)}
    assert entries("accounts.device.confirmed", **totp_ref)
    totp.delete()
    assert entries("accounts.device.deleted", **totp_ref)
    StaticToken.objects.filter(device=device).delete()


def test_commands_that_make_accounts_are_audited(db, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "uzun-gizli-parol-2026")
    call_command(
        "createsuperuser", "--noinput", "--username", "baş", "--email", "a@example.invalid"
    )
    user = User.objects.get(username="baş")
    [created] = entries("accounts.user.created", object_id=str(user.pk))
    assert created.actor is None and created.actor_name == "system"
    assert created.details["is_superuser"] is True


def test_token_revoked_in_django_admin_is_audited(client_for, make_user):
    admin = client_for("admin")
    token, _ = ApiToken.issue(make_user("focal_point"))
    response = admin.post(
        "/admin/accounts/apitoken/",
        {"action": "revoke_tokens", "_selected_action": [token.pk]},
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked
    [revoked] = entries("accounts.token.revoked", object_id=str(token.pk))
    assert revoked.actor == admin.user


def test_deleting_a_user_is_audited_and_keeps_the_chain_intact(make_user, client_for):
    from ctip.audit.services import record, verify

    user = make_user("coordinator", username="gedən")
    record(user, "test.something", None, purpose="p")
    pk = user.pk
    user.delete()
    assert entries("accounts.user.deleted", object_id=str(pk))
    assert verify() == []
