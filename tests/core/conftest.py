"""Fixtures that make separate ctip installations (tests/installation.py) for core's tests."""

import pytest

from tests.installation import Installation


@pytest.fixture
def installation(tmp_path):
    """Factory: `installation("a")` is a fresh installation under tmp_path/a (not migrated)."""
    return lambda name: Installation(tmp_path / name)


@pytest.fixture(scope="module")
def module_installation(tmp_path_factory):
    """Factory for installations shared by the tests of one module (read-only use)."""
    return lambda name: Installation(tmp_path_factory.mktemp(name))
