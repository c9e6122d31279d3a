"""Issue 11, point 8: a missing or unreadable key file stops ctip with one clear line; nothing is
generated implicitly once the database holds data sealed, indexed or chained under the key."""

import shutil
import stat

import pytest

from tests.installation import Installation

pytestmark = pytest.mark.slow

KEY_FILES = ["field.keys", "blind-index.key", "audit.key"]

MAKE_DATA = """
import datetime
from ctip.accounts.models import User
from ctip.cases import services
from ctip.plan.models import Agency
from ctip.plan.services import sync_agencies
sync_agencies()
worker = User.objects.create_user(
    "isci", password="uzun-parol-1234", role="case_worker", agency=Agency.objects.get(abbr="DMX")
)
intake = services.register_intake(
    worker, channel="hotline_919", received_on=datetime.date(2026, 3, 2), language="az",
    summary="Uydurma zəng.", persons=[{"given_name": "Sevinc", "surname": "Uydurmaliyeva"}],
)
services.triage_intake(worker, intake, open_case=True)
print("ok")
"""

READ_DATA = (
    "from ctip.cases.models import Person; from ctip.cases.selectors import search_persons; "
    "from ctip.accounts.models import User; p = Person.objects.get(); "
    "print(p.surname, len(search_persons(User.objects.get(username='isci'), 'Sevinc', "
    "purpose='yoxlama')))"
)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    inst = Installation(tmp_path_factory.mktemp("keys") / "data")
    inst.run("migrate", "--noinput")
    assert "ok" in inst.shell(MAKE_DATA)
    return inst


@pytest.fixture
def installation(template, tmp_path):
    root = tmp_path / "data"
    shutil.copytree(template.root, root)
    return Installation(root)


def test_a_fresh_installation_makes_its_keys_once_with_private_modes(template):
    for name in KEY_FILES:
        path = template.root / name
        assert path.is_file(), name
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, name
    assert "Uydurmaliyeva 1" in template.shell(READ_DATA)


def _assert_one_clear_line(result, name):
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr  # one line, no traceback
    line = lines[0]
    assert name in line and "backup" in line and "ctip keys generate" in line, line
    assert "new installation" in line, line


@pytest.mark.parametrize("name", KEY_FILES)
def test_a_missing_key_file_stops_ctip_and_is_not_regenerated(installation, name):
    (installation.root / name).unlink()
    result = installation.run("shell", "--no-imports", "-c", "print('started')", check=False)
    _assert_one_clear_line(result, name)
    assert "started" not in result.stdout
    assert not (installation.root / name).exists()
    # the web server's entry point stops too
    result = installation.python("import ctip.wsgi; print('started')", check=False)
    _assert_one_clear_line(result, name)
    assert not (installation.root / name).exists()


@pytest.mark.parametrize("name", KEY_FILES)
def test_an_unreadable_key_file_stops_ctip(installation, name):
    path = installation.root / name
    path.unlink()
    path.mkdir()  # reading it fails (the tests may run as root, where chmod 000 does not)
    result = installation.run("shell", "--no-imports", "-c", "print('started')", check=False)
    _assert_one_clear_line(result, name)


def test_a_damaged_key_file_stops_ctip(installation):
    (installation.root / "field.keys").write_text("not a key\n")
    result = installation.run("shell", "--no-imports", "-c", "print('started')", check=False)
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "field.keys" in lines[0], result.stderr


def test_keys_generate_refuses_once_data_exists(installation):
    (installation.root / "field.keys").unlink()
    result = installation.run("keys", "generate", check=False)
    assert result.returncode != 0
    assert "backup" in result.stderr
    assert not (installation.root / "field.keys").exists()


def test_keys_generate_makes_the_keys_of_a_new_installation(tmp_path):
    inst = Installation(tmp_path / "new")
    result = inst.run("keys", "generate")
    for name in KEY_FILES:
        assert (inst.root / name).is_file(), result.stdout + result.stderr
    again = inst.run("keys", "generate", check=False)
    assert again.returncode != 0 and "already" in again.stderr
