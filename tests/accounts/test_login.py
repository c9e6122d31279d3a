import pytest
from django.contrib.auth.hashers import identify_hasher
from django.core.management import call_command

LOGIN = "/accounts/login/"

pytestmark = pytest.mark.usefixtures("english")


def post_login(client, username, password, ip="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def fail(client, username, times, ip="10.0.0.1"):
    for _ in range(times):
        post_login(client, username, "wrong-password", ip)


def test_passwords_are_hashed_with_argon2(db, make_user, settings):
    from ctip import settings as configured  # the module, not the per-test overrides

    assert configured.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    settings.PASSWORD_HASHERS = configured.PASSWORD_HASHERS
    user = make_user("focal_point")
    user.set_password("a long enough passphrase")
    assert identify_hasher(user.password).algorithm == "argon2"


def test_weak_passwords_are_refused_by_validators(db, make_user):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    user = make_user("focal_point")
    for weak in ("12345678901", "password123", "short"):
        with pytest.raises(ValidationError):
            validate_password(weak, user)


def test_correct_password_logs_in(db, client, make_user):
    make_user("focal_point", username="leyla")
    response = post_login(client, "leyla", "correct-horse-battery")
    assert response.status_code == 302
    assert client.get("/accounts/").status_code == 200


def test_repeated_failures_lock_the_user_from_that_address(db, client, make_user, settings):
    make_user("focal_point", username="leyla")
    fail(client, "leyla", settings.AXES_FAILURE_LIMIT)
    response = post_login(client, "leyla", "correct-horse-battery")
    assert response.status_code == 429
    assert (
        "Account locked" in response.content.decode()
        or "ask an administrator" in response.content.decode()
    )
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username_and_address(db, client, make_user, settings):
    make_user("focal_point", username="leyla")
    make_user("focal_point", username="rauf")
    fail(client, "leyla", settings.AXES_FAILURE_LIMIT, ip="10.0.0.1")
    # the same user from another address, and another user from the same address, still work
    assert post_login(client, "leyla", "correct-horse-battery", ip="10.0.0.2").status_code == 302
    client.logout()
    assert post_login(client, "rauf", "correct-horse-battery", ip="10.0.0.1").status_code == 302


def test_fewer_failures_than_the_limit_do_not_lock(db, client, make_user, settings):
    make_user("focal_point", username="leyla")
    fail(client, "leyla", settings.AXES_FAILURE_LIMIT - 1)
    assert post_login(client, "leyla", "correct-horse-battery").status_code == 302


def test_administrator_unlocks_with_command(db, client, make_user, settings):
    make_user("focal_point", username="leyla")
    fail(client, "leyla", settings.AXES_FAILURE_LIMIT)
    assert post_login(client, "leyla", "correct-horse-battery").status_code == 429
    call_command("axes_reset_username", "leyla")
    assert post_login(client, "leyla", "correct-horse-battery").status_code == 302


def test_administrator_unlocks_in_admin(db, client, make_user, login_as, settings):
    from axes.models import AccessAttempt

    make_user("focal_point", username="leyla")
    fail(client, "leyla", settings.AXES_FAILURE_LIMIT)
    attempt = AccessAttempt.objects.get(username="leyla")
    admin = make_user("admin", is_staff=True, is_superuser=True)
    admin_client = login_as(admin)
    listing = admin_client.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200 and "leyla" in listing.content.decode()
    response = admin_client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    admin_client.logout()
    assert post_login(admin_client, "leyla", "correct-horse-battery").status_code == 302


def test_users_are_managed_in_admin_with_agency_and_role(db, make_user, login_as):
    admin = make_user("admin", is_staff=True, is_superuser=True)
    other = make_user("coordinator")
    client = login_as(admin)
    page = client.get(f"/admin/accounts/user/{other.pk}/change/").content.decode()
    assert 'name="agency"' in page and 'name="role"' in page


def test_behind_a_proxy_lockout_uses_the_forwarded_client_address(db, client, make_user, settings):
    settings.CTIP_BEHIND_PROXY = True
    make_user("focal_point", username="leyla")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN,
            {"username": "leyla", "password": "wrong"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )
    locked = client.post(
        LOGIN,
        {"username": "leyla", "password": "correct-horse-battery"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert locked.status_code == 429
    other = client.post(
        LOGIN,
        {"username": "leyla", "password": "correct-horse-battery"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert other.status_code == 302
