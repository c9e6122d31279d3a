"""Issue 11, point 2: the audit trail survives someone who can write to the database.

Each test is an attack by a database writer who does not have the audit key: cut the tail and
fix the head, delete the head, empty the table, or edit an entry and recompute the whole chain
with plain hashlib. `ctip audit verify` must say what happened and exit with status 1.
"""

import hashlib
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext

from ctip.audit.models import AuditEntry, AuditHead
from ctip.audit.services import record
from tests.audit.tamper import as_database_owner

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(db):
    return [record(None, f"test.action.{n}", None, purpose="p", n=n) for n in range(6)]


def verify_fails() -> str:
    with pytest.raises(CommandError) as exc:
        call_command("audit", "verify")
    assert exc.value.returncode == 1
    return str(exc.value)


def verify_passes(capsys) -> str:
    call_command("audit", "verify")
    return capsys.readouterr().out


def head_columns() -> list[str]:
    return [f.column for f in AuditHead._meta.concrete_fields if not f.primary_key]


def test_truncated_tail_with_the_head_moved_back_is_found(chain, capsys):
    verify_passes(capsys)  # writes a checkpoint
    keep = chain[3]
    with as_database_owner() as cur:
        cur.execute("DELETE FROM audit_auditentry WHERE id > %s", [keep.pk])
        sets = ", ".join(f"{c}=%s" for c in ("last_hash",))
        cur.execute(f"UPDATE audit_audithead SET {sets}", [keep.hash])
        if "seq" in head_columns():
            cur.execute("UPDATE audit_audithead SET seq=%s", [keep.seq])
    message = verify_fails()
    assert "truncated" in message or "deleted" in message


def test_deleted_head_row_is_found(chain, capsys):
    verify_passes(capsys)
    with as_database_owner() as cur:
        cur.execute("DELETE FROM audit_auditentry WHERE id > %s", [chain[2].pk])
        cur.execute("DELETE FROM audit_audithead")
    message = verify_fails()
    assert "head" in message


def test_altered_head_is_found(chain):
    with as_database_owner() as cur:
        cur.execute("UPDATE audit_audithead SET last_hash=%s", ["f" * 64])
    assert "head" in verify_fails()


def test_emptied_table_is_found_against_the_last_checkpoint(chain, capsys):
    verify_passes(capsys)
    with as_database_owner() as cur:
        cur.execute("DELETE FROM audit_auditentry")
        cur.execute("DELETE FROM audit_audithead")
    message = verify_fails()
    assert "empt" in message and "checkpoint" in message


def _rechain_with_plain_sha256(cur):
    """Recompute every hash with hashlib, as the old unkeyed scheme did (the attacker's tool)."""
    prev = "0" * 64
    for entry in AuditEntry.objects.order_by("id"):
        entry.prev_hash = prev
        entry.hash = hashlib.sha256(entry.payload().encode()).hexdigest()
        cur.execute(
            "UPDATE audit_auditentry SET prev_hash=%s, hash=%s WHERE id=%s",
            [entry.prev_hash, entry.hash, entry.pk],
        )
        prev = entry.hash
    cur.execute("UPDATE audit_audithead SET last_hash=%s", [prev])


def test_edited_entry_with_the_chain_recomputed_by_hashlib_is_found(chain):
    """The attack of the issue: change what an entry says, then make every hash fit again."""
    with as_database_owner() as cur:
        cur.execute(
            "UPDATE audit_auditentry SET purpose=%s WHERE id=%s", ["başqa məqsəd", chain[1].pk]
        )
        _rechain_with_plain_sha256(cur)
    message = verify_fails()
    assert f"entry {chain[1].pk}" in message
    assert "key" in message


def test_the_chain_is_keyed_a_different_key_fails_every_entry(chain, settings, capsys):
    settings.CTIP_AUDIT_KEY = "a-different-key-" + "x" * 32
    message = verify_fails()
    assert "key" in message
    assert f"entry {chain[0].pk}" in capsys.readouterr().err


def test_verify_writes_a_signed_checkpoint_outside_the_database(chain, settings, capsys, caplog):
    caplog.set_level("INFO", logger="ctip.audit")
    out = verify_passes(capsys)
    assert "intact: 6 entries" in out
    path = settings.CTIP_AUDIT_CHECKPOINT_FILE
    assert str(path).startswith(str(settings.DATA_DIR)) or path.parent.exists()
    line = path.read_text().strip().splitlines()[-1]
    checkpoint = json.loads(line)
    assert checkpoint["count"] == 6 and checkpoint["hash"] == chain[-1].hash
    assert checkpoint["at"] and checkpoint["mac"]
    assert any(
        "audit checkpoint" in r.getMessage() and chain[-1].hash in r.getMessage()
        for r in caplog.records
    )
    # the scheduled command writes one too
    record(None, "test.after", None, purpose="p")
    call_command("audit", "checkpoint")
    assert json.loads(path.read_text().strip().splitlines()[-1])["count"] == 7


def test_a_forged_checkpoint_is_refused(chain, settings, capsys):
    verify_passes(capsys)
    path = settings.CTIP_AUDIT_CHECKPOINT_FILE
    checkpoint = json.loads(path.read_text().strip().splitlines()[-1])
    checkpoint["count"] = 2
    path.write_text(json.dumps(checkpoint) + "\n")
    assert "checkpoint" in verify_fails()


def test_no_checkpoint_is_written_for_a_tampered_log(chain, settings, capsys):
    verify_passes(capsys)
    path = settings.CTIP_AUDIT_CHECKPOINT_FILE
    before = path.read_text()
    with as_database_owner() as cur:
        cur.execute("UPDATE audit_auditentry SET action='x' WHERE id=%s", [chain[2].pk])
    verify_fails()
    assert path.read_text() == before


def test_an_entry_is_written_once(db):
    """No UPDATE of an audit row, ever: the hash is known before the INSERT."""
    record(None, "test.first", None, purpose="p")
    with CaptureQueriesContext(connection) as queries:
        record(None, "test.second", None, purpose="p")
    writes = [q["sql"] for q in queries if "audit_auditentry" in q["sql"]]
    assert any(sql.startswith("INSERT") for sql in writes)
    assert not [sql for sql in writes if sql.startswith(("UPDATE", "DELETE"))]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_on_postgresql_the_table_refuses_update_and_delete(chain):
    for sql in (
        "UPDATE audit_auditentry SET purpose='x'",
        "DELETE FROM audit_auditentry",
    ):
        with pytest.raises(DatabaseError), transaction.atomic():
            with connection.cursor() as cur:
                cur.execute(sql)
    assert AuditEntry.objects.count() == len(chain)


def test_verify_against_a_checkpoint_kept_elsewhere(chain, settings, capsys, tmp_path):
    """The copy shipped off the machine (here: the log line) still catches a cut tail after the
    local checkpoint file was rewritten to match it."""
    verify_passes(capsys)
    shipped = tmp_path / "remote.log"
    line = settings.CTIP_AUDIT_CHECKPOINT_FILE.read_text().strip().splitlines()[-1]
    shipped.write_text(f"Nov 30 12:00:00 host ctip-audit: audit checkpoint {line}\nother {{x}}\n")
    with as_database_owner() as cur:
        cur.execute("DELETE FROM audit_auditentry WHERE id > %s", [chain[3].pk])
    settings.CTIP_AUDIT_CHECKPOINT_FILE.unlink()  # the local copy is gone too
    with pytest.raises(CommandError) as exc:
        call_command("audit", "verify", "--checkpoint", str(shipped))
    assert "truncated" in str(exc.value) and "checkpoint" in str(exc.value)
