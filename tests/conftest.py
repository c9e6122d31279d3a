from pathlib import Path

import pytest


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


@pytest.fixture(autouse=True)
def _fast_hashing_and_private_uploads(request, tmp_path):
    """Cheap password hashing and per-test upload storage for database tests."""
    if "django_db_setup" not in request.fixturenames and not request.node.get_closest_marker("django_db"):
        yield
        return
    settings = request.getfixturevalue("settings")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "uploads"), "base_url": "/nonexistent/"}}}
    yield
