from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.usefixtures("english")


def session_row(client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


def test_each_request_extends_the_session_so_it_expires_after_inactivity(
    db, client, make_user, settings
):
    client.force_login(make_user("coordinator"))
    Session.objects.filter(pk=session_row(client).pk).update(
        expire_date=timezone.now() + timedelta(seconds=5)
    )
    assert client.get("/accounts/").status_code == 200
    remaining = session_row(client).expire_date - timezone.now()
    assert remaining > timedelta(seconds=settings.SESSION_COOKIE_AGE - 120)


def test_idle_session_is_ended(db, client, make_user):
    client.force_login(make_user("coordinator"))
    Session.objects.filter(pk=session_row(client).pk).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get("/accounts/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_idle_timeout_is_thirty_minutes_by_default():
    from django.conf import settings

    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.SESSION_COOKIE_AGE <= 30 * 60


def test_profile_shows_account_and_second_factor_status(db, make_user, login_as):
    user = make_user("case_worker", username="nigar", first_name="Nigar")
    page = login_as(user).get("/accounts/").content.decode()
    assert "nigar" in page and "DMX" in page
    assert "Case worker" in page or "case_worker" in page
    assert "/accounts/logout-everywhere/" in page


def test_log_out_everywhere_ends_other_sessions(db, make_user):
    user = make_user("coordinator")
    laptop, phone = Client(), Client()
    laptop.force_login(user)
    phone.force_login(user)
    assert phone.get("/accounts/").status_code == 200
    response = laptop.post("/accounts/logout-everywhere/")
    assert response.status_code == 302
    assert laptop.get("/accounts/").status_code == 302
    response = phone.get("/accounts/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    # logging in again works
    user.refresh_from_db()
    phone.force_login(user)
    assert phone.get("/accounts/").status_code == 200


def test_log_out_everywhere_needs_post(db, client, make_user):
    client.force_login(make_user("coordinator"))
    assert client.get("/accounts/logout-everywhere/").status_code == 405
