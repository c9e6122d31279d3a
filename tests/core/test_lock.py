"""The lock files hold every dependency pyproject.toml names, at a version its floor admits, with
hashes: a merge that adds a dependency without `make lock` fails here, saying so."""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def _pins(name: str) -> dict[str, Version]:
    text = (ROOT / "requirements" / name).read_text()
    return {
        canonicalize_name(m[1]): Version(m[2])
        for m in re.finditer(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==([^\s;\\]+)", text, re.M)
    }


def _requirements(extras: list[str]) -> list[Requirement]:
    reqs = [Requirement(r) for r in PROJECT["dependencies"]]
    for extra in extras:
        reqs += [Requirement(r) for r in PROJECT["optional-dependencies"][extra]]
    return reqs


@pytest.mark.parametrize(
    ("lock", "extras"),
    [("runtime.txt", []), ("dev.txt", ["dev", "browser", "bench", "postgres-binary"])],
)
def test_lock_pins_every_dependency_within_its_floor(lock, extras):
    pins = _pins(lock)
    for req in _requirements(extras):
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is not in requirements/{lock}: run `make lock`"
        assert req.specifier.contains(pins[name], prereleases=True), (
            f"requirements/{lock} pins {req.name}=={pins[name]}, outside {req.specifier}: "
            "run `make lock`"
        )


def test_every_pin_has_a_hash_and_production_gets_no_test_or_bench_tools():
    for lock in ("runtime.txt", "dev.txt"):
        text = (ROOT / "requirements" / lock).read_text()
        blocks = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 1)[1])
        for block in blocks:
            if "==" in block.split("\n")[0]:
                assert "--hash=sha256:" in block, f"{lock}: no hash for {block.split()[0]}"
    runtime = _pins("runtime.txt")
    for tool in ("pytest", "dateparser", "locust", "playwright", "ruff", "psycopg-binary"):
        assert canonicalize_name(tool) not in runtime, f"{tool} in the production lock"
