from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "000_434bf5f6e76f4b5d.txt"


@pytest.fixture(scope="session")
def seed_raw() -> str:
    if not SEED.exists():
        pytest.skip(f"the seed report is not present at {SEED} (../shared/seeds is absent)")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_result(seed_raw) -> dict:
    from ctip.extraction import extract

    return extract(seed_raw, source=SEED.name)


@pytest.fixture(scope="session")
def seed_items(seed_result) -> dict:
    return {item["code"]: item for item in seed_result["items"]}
