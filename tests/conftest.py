from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests.urlwalk import all_routes, bake_world

# Property tests judge results, never speed: a machine busy with other work must not fail them.
hypothesis_settings.register_profile(
    "ctip", deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
hypothesis_settings.load_profile("ctip")

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / "000_434bf5f6e76f4b5d.txt"


@pytest.fixture
def seed_path() -> Path:
    """The real 2022 report of the State Migration Service (read-only, from ../shared/seeds)."""
    if not SEED.exists():
        pytest.skip(f"the seed report is not present at {SEED} (../shared/seeds is absent)")
    return SEED


@pytest.fixture
def seed_text(seed_path) -> str:
    return seed_path.read_text(encoding="utf-8")


_KEYS_READY = []


def _keys_of_the_test_installation(request):
    """Make the throwaway data directory's key files once, before any test counts queries
    (the test database is empty then: nothing depends on them yet)."""
    if not _KEYS_READY:
        from ctip.core import keys

        request.getfixturevalue("django_db_setup")
        with request.getfixturevalue("django_db_blocker").unblock():
            keys.ensure_all()
        _KEYS_READY.append(True)


@pytest.fixture(autouse=True)
def _fast_hashing_and_private_uploads(request, tmp_path):
    """Cheap password hashing, per-test upload storage and audit checkpoints, and the test
    installation's keys, for database tests."""
    if "django_db_setup" not in request.fixturenames and not request.node.get_closest_marker(
        "django_db"
    ):
        yield
        return
    settings = request.getfixturevalue("settings")
    _keys_of_the_test_installation(request)
    # Checkpoints of the audit chain are files: each test keeps its own.
    settings.CTIP_AUDIT_CHECKPOINT_FILE = tmp_path / "audit-checkpoints.jsonl"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CTIP_API_RATE = ""  # the rate limit has its own tests (tests/api/test_limits.py)
    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "uploads"), "base_url": "/nonexistent/"},
        },
    }
    yield


@pytest.fixture
def make_agency(db):
    """Create an agency by abbreviation (reusing one that exists)."""
    from ctip.plan.models import Agency

    def make(abbr: str = "DMX", **fields):
        fields.setdefault("name_az", f"{abbr} agentliyi")
        fields.setdefault("responsible", True)
        agency, _ = Agency.objects.get_or_create(abbr=abbr, defaults=fields)
        return agency

    return make


@pytest.fixture
def make_user(db, make_agency):
    """Create a user with a role in an agency; `verified=True` marks the second factor as passed
    when the user logs in through `login_as`."""
    from ctip.accounts.models import User

    counter = iter(range(1, 10_000))

    def make(role: str = "focal_point", agency: str | None = "DMX", **fields):
        username = fields.pop("username", f"{role}{next(counter)}")
        user = User.objects.create_user(
            username=username,
            password="correct-horse-battery",
            role=role,
            agency=make_agency(agency) if agency else None,
            **fields,
        )
        return user

    return make


# --- the usual people (each in a demo-like agency; `login_as(user)` logs one in) ----------------


@pytest.fixture
def agencies(db):
    """Every agency of the reference list (ctip/reference/organizations.json)."""
    from ctip.plan.services import sync_agencies

    sync_agencies()


@pytest.fixture
def focal(make_user):
    """DMX's focal point: writes DMX's reports and registry entries."""
    return make_user("focal_point", "DMX")


@pytest.fixture
def other_agency_focal(make_user):
    """DİN's focal point: must not see DMX's drafts."""
    return make_user("focal_point", "DİN")


@pytest.fixture
def coordinator(make_user):
    """The national coordinator: reviews every agency's reports (no agency of their own)."""
    return make_user("coordinator", None)


@pytest.fixture
def case_worker(make_user):
    """DMX's case worker: registers intakes and works DMX's cases."""
    return make_user("case_worker", "DMX")


@pytest.fixture
def other_agency_case_worker(make_user):
    """DİN's case worker: must not see DMX's cases."""
    return make_user("case_worker", "DİN")


@pytest.fixture
def admin(make_user):
    """The administrator."""
    return make_user("admin", None)


@pytest.fixture
def login_as(client):
    """Log a user into the test client, with the second factor passed for roles that need it."""

    def login(user):
        client.force_login(user)
        if user.needs_otp:
            from django_otp.plugins.otp_static.models import StaticDevice

            device, _ = StaticDevice.objects.get_or_create(user=user, name="test")
            session = client.session
            session["otp_device_id"] = device.persistent_id
            session.save()
        return client

    return login


@pytest.fixture
def run_queued():
    """Run every queued background job now, in this process, as `ctip worker` would."""
    from ctip.jobs.execution import execute
    from ctip.jobs.models import Job

    def run():
        for pk in Job.objects.filter(status=Job.Status.QUEUED).values_list("pk", flat=True):
            execute(pk)

    return run


# --- clients of each role and an invented victim (the security walks and attacks) ----------------


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


@pytest.fixture
def english(client):
    """For tests that read English messages (Azerbaijani is the default): the test client asks
    for English, and the test's own code runs in it. Use with
    `pytestmark = pytest.mark.usefixtures("english")`."""
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


# The URL walks (tests/test_urls_*.py); the walk itself is in tests/urlwalk.py.
@pytest.fixture
def routes():
    return all_routes()


@pytest.fixture
def world(db, make_agency):
    make_agency("DMX")
    return bake_world()
