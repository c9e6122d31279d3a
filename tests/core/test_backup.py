import shutil
import sqlite3
import textwrap

import pytest

from ctip.core import backup

pytestmark = pytest.mark.slow

CREATE_DATA = textwrap.dedent("""
    import datetime
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from ctip.accounts.models import ApiToken, User
    from ctip.audit.services import record
    from ctip.plan.models import ActionPlan, Agency, ItemReport, PlanItem, ReportingPeriod

    dmx = Agency.objects.create(abbr="DMX", name_az="Dövlət Miqrasiya Xidməti", responsible=True)
    dim = Agency.objects.create(abbr="DİN", name_az="Daxili İşlər Nazirliyi", parent=None)
    user = User.objects.create_user("elnur", password="uzun-parol-1234", agency=dmx, role="focal_point")
    ApiToken.issue(user)
    plan = ActionPlan.objects.create(code="NAP-2020-2024", title="Milli Fəaliyyət Planı",
                                     start_year=2020, end_year=2024)
    period = ReportingPeriod.objects.create(plan=plan, code="2022", year=2022,
                                            start=datetime.date(2022, 1, 1), end=datetime.date(2022, 12, 31))
    direction = PlanItem.objects.create(plan=plan, code="4", title_az="Maarifləndirmə")
    item = PlanItem.objects.create(plan=plan, parent=direction, code="4.1.6", title_az="Təlimlər")
    item.responsible.add(dmx, dim)
    report = ItemReport.objects.create(item=item, agency=dmx, period=period,
                                       narrative="2022-ci ildə 12 təlim keçirilmişdir. <b>ə ı ş</b>")
    record(user, "plan.report.created", report, purpose="test")
    record(user, "plan.report.edited", report, purpose="test", version=2)
    default_storage.save("records/2022/akt.pdf", ContentFile(bytes(range(256)) * 40))
    print("ok")
""")


def table_rows(db_path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(db_path)
    try:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}
    finally:
        con.close()


@pytest.fixture(scope="module")
def source(module_installation):
    """A migrated installation with data in several tables and an uploaded file (not modified)."""
    inst = module_installation("source")
    inst.run("migrate", "--noinput")
    assert "ok" in inst.shell(CREATE_DATA)
    return inst


@pytest.fixture(scope="module")
def backup_file(source, tmp_path_factory):
    path = tmp_path_factory.mktemp("backups") / "site.ctipbak"
    result = source.run("backup", str(path))
    assert "backup written" in result.stdout
    return path


def test_backup_then_restore_into_a_fresh_installation_gives_identical_data(
    source, backup_file, installation
):
    target = installation("target")
    target.run("migrate", "--noinput")
    target.run("restore", str(backup_file))
    before, after = table_rows(source.db), table_rows(target.db)
    assert before.keys() == after.keys()
    for table in (
        "accounts_user",
        "accounts_apitoken",
        "plan_agency",
        "plan_planitem",
        "plan_itemreport",
        "audit_auditentry",
        "django_migrations",
    ):
        assert before[table], f"{table} should have rows in this test"
    for table, rows in before.items():
        assert after[table] == rows, table
    original = (source.root / "uploads" / "records/2022/akt.pdf").read_bytes()
    assert (target.root / "uploads" / "records/2022/akt.pdf").read_bytes() == original
    # with the keys put back from the key backup (they are not in the backup), the restored
    # audit chain still verifies
    for name in ("field.keys", "blind-index.key", "audit.key"):
        shutil.copyfile(source.root / name, target.root / name)
    out = target.shell("from ctip.audit.services import verify; print(len(verify()))")
    assert out.strip() == "0"


def test_backup_is_encrypted(backup_file):
    data = backup_file.read_bytes()
    assert data.startswith(backup.MAGIC)
    for plain in (b"SQLite format 3", "Təlimlər".encode(), b"elnur", b"manifest.json"):
        assert plain not in data


def test_restore_into_a_non_empty_installation_is_refused(source, backup_file):
    result = source.run("restore", str(backup_file), check=False)
    assert result.returncode == 2
    assert "not empty" in result.stderr


def test_restore_with_force_replaces_a_used_installation(backup_file, installation):
    target = installation("target")
    target.run("restore", str(backup_file))
    target.shell(
        "from ctip.plan.models import Agency; Agency.objects.create(abbr='XXX', name_az='x')"
    )
    assert target.run("restore", str(backup_file), check=False).returncode == 2
    target.run("restore", "--force", str(backup_file))
    out = target.shell(
        "from ctip.plan.models import Agency; print(Agency.objects.filter(abbr='XXX').count())"
    )
    assert out.strip() == "0"
    assert list(target.root.glob("ctip.sqlite3.before-restore-*"))


@pytest.mark.parametrize(
    "damage", ["wrong passphrase", "flipped byte", "truncated", "not a backup"]
)
def test_bad_backups_are_refused_and_nothing_is_written(
    damage, backup_file, installation, tmp_path
):
    target = installation("target")
    target.run("migrate", "--noinput")
    before = table_rows(target.db)
    env = {}
    data = bytearray(backup_file.read_bytes())
    if damage == "wrong passphrase":
        env["CTIP_BACKUP_PASSPHRASE"] = "another long passphrase"
    elif damage == "flipped byte":
        data[len(data) // 2] ^= 0x01
    elif damage == "truncated":
        data = data[: len(data) - 100]
    else:
        data = bytearray(b"hello, this is not a backup" * 10)
    bad = tmp_path / "bad.ctipbak"
    bad.write_bytes(bytes(data))
    result = target.run("restore", str(bad), check=False, **env)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    message = result.stderr.lower()
    assert {
        "wrong passphrase": "wrong passphrase",
        "flipped byte": "damaged",
        "truncated": "truncated",
        "not a backup": "not a ctip backup",
    }[damage] in message
    assert table_rows(target.db) == before
    assert not (target.root / "uploads").exists() or not any((target.root / "uploads").iterdir())


def test_backup_refuses_to_run_without_a_passphrase(source, tmp_path):
    result = source.run(
        "backup", str(tmp_path / "x.ctipbak"), check=False, CTIP_BACKUP_PASSPHRASE=""
    )
    assert result.returncode == 2
    assert "CTIP_BACKUP_PASSPHRASE" in result.stderr
    assert not (tmp_path / "x.ctipbak").exists()


def test_passphrase_can_come_from_a_file(source, tmp_path, installation):
    secret = tmp_path / "pass.txt"
    secret.write_text("passphrase from a file\n")
    path = tmp_path / "f.ctipbak"
    source.run("backup", "--passphrase-file", str(secret), str(path), CTIP_BACKUP_PASSPHRASE="")
    target = installation("target")
    target.run("restore", "--passphrase-file", str(secret), str(path), CTIP_BACKUP_PASSPHRASE="")
    assert table_rows(target.db)["plan_itemreport"] == table_rows(source.db)["plan_itemreport"]
