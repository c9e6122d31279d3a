"""Fixtures of the URL walks; the walk itself is in urlwalk.py. Clients of each role, the
invented victim's case and password-only clients are in tests/conftest.py."""

import pytest

from tests.security.urlwalk import all_routes, bake_world


@pytest.fixture
def routes():
    return all_routes()


@pytest.fixture
def world(db, make_agency):
    make_agency("DMX")
    return bake_world()
