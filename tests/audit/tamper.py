"""Raw SQL on the audit table as its owner would run it, for the tampering tests."""

from contextlib import contextmanager

from django.db import connection


@contextmanager
def as_database_owner():
    """A cursor for raw SQL; on PostgreSQL the append-only trigger is switched off meanwhile
    (what someone with the table owner's password could do; the application's role cannot)."""
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER USER")
        try:
            yield cur
        finally:
            if connection.vendor == "postgresql":
                cur.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER USER")
