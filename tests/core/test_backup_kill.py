"""Issue 11, point 9: `kill -9` of `ctip backup` or `ctip restore` in the middle leaves no
plaintext copy of the database or of uploaded files behind.

The process is killed with SIGKILL at a chosen point (it sends the signal to itself, so the
point is exact): nothing of ctip's own clean-up runs, as with `kill -9` from outside.
"""

import os
import shutil
from urllib.parse import urlparse

import pytest

from tests.installation import Installation

pytestmark = pytest.mark.slow

DB_MARKER = "PLAINTEXT-MARKER-IN-THE-DATABASE"
FILE_MARKER = b"PLAINTEXT-MARKER-IN-AN-UPLOAD"

MAKE_DATA = f"""
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from ctip.plan.models import ActionPlan
ActionPlan.objects.create(code="NAP-X", title="{DB_MARKER}", start_year=2020, end_year=2024)
default_storage.save("records/2026/akt.pdf", ContentFile(b"%PDF-1.4 " + {FILE_MARKER!r} * 100000))
print("ok")
"""

# Runs `ctip ARGS` with WHERE (a function of ctip.core.backup, or Class.method) replaced by one
# that kills the process before (or after) calling the original.
KILLER = """
import os, signal, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ctip.settings")
from ctip.core import backup
where, when, args = sys.argv[1], sys.argv[2], sys.argv[3:]
owner, name = (backup, where) if "." not in where else (
    getattr(backup, where.split(".")[0]), where.split(".")[1])
original = getattr(owner, name)
def killer(*a, **k):
    if when == "after":
        original(*a, **k)
    os.kill(os.getpid(), signal.SIGKILL)
setattr(owner, name, killer)
from ctip.cli import main
main(["ctip", *args])
"""


def plaintext_in(path) -> bool:
    data = path.read_bytes()
    return (
        DB_MARKER.encode() in data
        or FILE_MARKER in data
        or data.startswith(b"SQLite format 3")
        or data[257:262] == b"ustar"
    )


def files_under(*roots) -> set:
    return {p for root in roots for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    inst = Installation(tmp_path_factory.mktemp("kill") / "source")
    inst.run("migrate", "--noinput")
    assert "ok" in inst.shell(MAKE_DATA)
    return inst


@pytest.fixture(scope="module")
def backup_file(source, tmp_path_factory):
    path = tmp_path_factory.mktemp("backups") / "site.ctipbak"
    source.run("backup", str(path))
    return path


def kill_at(inst, tmpdir, where, when, *args):
    tmpdir.mkdir(exist_ok=True)
    result = inst.python(KILLER, where, when, *args, check=False, TMPDIR=str(tmpdir))
    assert result.returncode == -9, result.stdout + result.stderr  # it was killed there


@pytest.mark.parametrize(
    "where,when",
    [("EncryptingWriter.write", "before"), ("EncryptingWriter.close", "before")],
)
def test_killed_backup_leaves_no_plaintext(source, tmp_path, where, when):
    before = files_under(source.root)
    out = tmp_path / "out"
    out.mkdir()
    kill_at(source, tmp_path / "tmp", where, when, "backup", str(out / "site.ctipbak"))
    left = (files_under(source.root, tmp_path) - before) | files_under(tmp_path / "tmp")
    leaks = sorted(str(p) for p in left if plaintext_in(p))
    assert not leaks, "plaintext left behind:\n" + "\n".join(leaks)
    assert not (out / "site.ctipbak").exists()


@pytest.mark.parametrize(
    "where,when",
    [("decrypt_to", "after"), ("restore_database", "before")],
)
def test_killed_restore_leaves_no_plaintext(backup_file, tmp_path, where, when):
    target = Installation(tmp_path / "target")
    target.run("migrate", "--noinput")
    before = files_under(target.root)
    kill_at(target, tmp_path / "tmp", where, when, "restore", str(backup_file))
    left = (files_under(target.root) - before) | files_under(tmp_path / "tmp")
    leaks = sorted(str(p) for p in left if plaintext_in(p))
    assert not leaks, "plaintext left behind:\n" + "\n".join(leaks)
    assert DB_MARKER.encode() not in target.db.read_bytes()  # not replaced half-way


# --- PostgreSQL: pg_dump's output goes to an unnamed file, pg_restore reads it from there ------

PG_URL = os.environ.get("CTIP_DATABASE_URL", "")
needs_postgresql = pytest.mark.skipif(
    not PG_URL.startswith("postgres") or not shutil.which("pg_dump"),
    reason="runs with CTIP_DATABASE_URL=postgres://… and pg_dump installed",
)


@pytest.fixture
def pg_database():
    """Factory: a fresh PostgreSQL database beside the test one, dropped afterwards."""
    import psycopg

    base = urlparse(PG_URL)
    made = []

    def admin():
        return psycopg.connect(base._replace(path="/postgres").geturl(), autocommit=True)

    def make(suffix: str) -> str:
        name = f"{base.path.lstrip('/')}_{suffix}"
        with admin() as con:
            con.execute(f'DROP DATABASE IF EXISTS "{name}"')
            con.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        return base._replace(path=f"/{name}").geturl()

    yield make
    with admin() as con:
        for name in made:
            con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@needs_postgresql
def test_postgresql_backup_restores_and_a_killed_one_leaves_nothing(pg_database, tmp_path):
    source = Installation(tmp_path / "source")
    source.env["CTIP_DATABASE_URL"] = pg_database("bk_src")
    source.run("migrate", "--noinput")
    assert "ok" in source.shell(MAKE_DATA)
    before = files_under(source.root)
    kill_at(source, tmp_path / "tmp", "EncryptingWriter.close", "before", "backup", "x.ctipbak")
    left = (files_under(source.root) - before) | files_under(tmp_path / "tmp")
    assert not [p for p in left if plaintext_in(p) or p.name.endswith(".pgdump")]

    path = tmp_path / "site.ctipbak"
    source.run("backup", str(path))
    target = Installation(source.root)  # same data directory: the same keys
    target.env["CTIP_DATABASE_URL"] = pg_database("bk_dst")
    target.run("migrate", "--noinput")
    target.run("restore", "--force", str(path))
    out = target.shell(
        "from ctip.plan.models import ActionPlan; print(ActionPlan.objects.get(code='NAP-X').title)"
    )
    assert DB_MARKER in out
    assert "intact" in target.run("audit", "verify").stdout
