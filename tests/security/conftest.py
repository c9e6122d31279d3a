"""Fixtures for the security tests; the URL walk itself is in urlwalk.py."""

import pytest
from django.test import Client

from tests.security.urlwalk import all_routes, bake_world


@pytest.fixture
def routes():
    return all_routes()


@pytest.fixture
def world(db, make_agency):
    make_agency("DMX")
    return bake_world()


@pytest.fixture
def client_for(make_user):
    """A client logged in as a fresh user of a role (second factor passed where needed)."""

    def make(role: str, agency: str = "DMX", **fields) -> Client:
        if role == "admin":
            fields.setdefault("is_staff", True)
            fields.setdefault("is_superuser", True)
        user = make_user(role, agency=agency, **fields)
        c = Client(raise_request_exception=False)
        c.force_login(user)
        if user.needs_otp:
            from django_otp.plugins.otp_static.models import StaticDevice

            device, _ = StaticDevice.objects.get_or_create(user=user, name="test")
            session = c.session
            session["otp_device_id"] = device.persistent_id
            session.save()
        c.user = user
        return c

    return make


INVENTED_SURNAME = "Uydurmaliyeva"


@pytest.fixture
def victim_case(make_user):
    """A case of the DMX agency with one invented person (no real person's data)."""
    import datetime

    from ctip.cases import services

    worker = make_user("case_worker", agency="DMX", username="registrar")
    intake = services.register_intake(
        worker,
        channel="hotline_919",
        received_on=datetime.date(2026, 3, 2),
        language="az",
        summary="Uydurma zəng.",
        persons=[
            {
                "given_name": "Sevinc",
                "surname": INVENTED_SURNAME,
                "date_of_birth": datetime.date(1999, 5, 1),
                "sex": "female",
                "citizenship": "AZ",
            }
        ],
    )
    return services.triage_intake(worker, intake, open_case=True)


@pytest.fixture
def password_only(make_user):
    """A client logged in with the password alone: the second factor is not passed."""

    def make(role: str, agency: str | None = "DMX", **fields) -> Client:
        if role == "admin":
            fields.setdefault("is_staff", True)
            fields.setdefault("is_superuser", True)
            agency = None
        user = make_user(role, agency=agency, **fields)
        c = Client(raise_request_exception=False)
        c.force_login(user)
        c.user = user
        return c

    return make
