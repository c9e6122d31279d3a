"""`ctip audit verify` detects edited, deleted and reordered entries and names them.

(The attacks of a database writer on the keyed chain are in tests/audit/test_chain.py.)
"""

import pytest
from django.core.management import CommandError, call_command

from ctip.audit.models import AuditEntry
from ctip.audit.services import record
from tests.audit.tamper import as_database_owner


@pytest.fixture
def chain(db):
    return [record(None, f"test.action.{n}", None, purpose="p", n=n).pk for n in range(5)]


def _verify():
    with pytest.raises(CommandError) as exc:
        call_command("audit", "verify")
    assert exc.value.returncode == 1
    return str(exc.value)


def test_intact_log_passes(chain, capsys):
    call_command("audit", "verify")
    assert "intact: 5 entries" in capsys.readouterr().out


def test_edited_entry_is_named(chain, capsys):
    with as_database_owner() as cur:
        cur.execute("UPDATE audit_auditentry SET action='x' WHERE id=%s", [chain[2]])
    msg = _verify()
    assert f"entry {chain[2]}" in msg and "edited" in msg
    assert f"entry {chain[2]} (no. 3): content does not match" in capsys.readouterr().err


def test_edited_purpose_is_detected(chain):
    with as_database_owner() as cur:
        cur.execute("UPDATE audit_auditentry SET purpose='other' WHERE id=%s", [chain[0]])
    assert f"entry {chain[0]}" in _verify()


def test_deleted_entry_is_detected_at_the_next_one(chain):
    with as_database_owner() as cur:
        cur.execute("DELETE FROM audit_auditentry WHERE id=%s", [chain[1]])
    msg = _verify()
    assert f"entry {chain[2]}" in msg and "deleted or reordered" in msg


def test_deleted_last_entry_is_detected(chain):
    with as_database_owner() as cur:
        cur.execute("DELETE FROM audit_auditentry WHERE id=%s", [chain[-1]])
    assert "deleted" in _verify()


def test_swapped_entries_are_detected(chain, capsys):
    a, b = chain[1], chain[3]
    cols = [
        "at",
        "actor_id",
        "actor_name",
        "action",
        "object_type",
        "object_id",
        "purpose",
        "details",
        "prev_hash",
        "hash",
    ]
    with as_database_owner() as cur:
        cur.execute(f"SELECT {', '.join(cols)} FROM audit_auditentry WHERE id=%s", [a])
        row_a = cur.fetchone()
        cur.execute(f"SELECT {', '.join(cols)} FROM audit_auditentry WHERE id=%s", [b])
        row_b = cur.fetchone()
        sets = ", ".join(f"{c}=%s" for c in cols)
        cur.execute("UPDATE audit_auditentry SET hash='tmp' WHERE id=%s", [a])
        cur.execute(f"UPDATE audit_auditentry SET {sets} WHERE id=%s", [*row_a, b])
        cur.execute(f"UPDATE audit_auditentry SET {sets} WHERE id=%s", [*row_b, a])
    _verify()
    err = capsys.readouterr().err
    assert f"entry {a}" in err and f"entry {b}" in err


def test_entries_cannot_be_changed_through_the_model(chain):
    entry = AuditEntry.objects.get(pk=chain[0])
    entry.action = "y"
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()


def test_bad_subcommand_is_refused(db):
    with pytest.raises(CommandError):
        call_command("audit", "fix")
