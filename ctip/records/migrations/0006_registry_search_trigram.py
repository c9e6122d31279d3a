"""On PostgreSQL, trigram GIN indexes let the registry's text search use an index: its stored
words (`search_text LIKE '% key%'`), numbers as written (`UPPER(number) LIKE UPPER('%key%')`,
Django's icontains) and issuers' keys, the three branches of one OR (a bitmap OR of the three).
A search for a rare word or a number no longer reads all 500,000 documents.

Skipped on SQLite, and skipped with a notice where the pg_trgm extension cannot be created (the
search still works, by scanning), as plan's 0003_search_trigram."""

from django.db import migrations

INDEXES = [
    ("records_doc_search_trgm", "search_text"),
    ("records_doc_number_trgm", "(UPPER(number::text))"),
    ("records_doc_issuer_trgm", "issuer_key"),
]


def forwards(apps, schema_editor):
    conn = schema_editor.connection
    if conn.vendor != "postgresql":
        return
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cur.fetchone() is None:
            try:
                cur.execute("SAVEPOINT ctip_trgm")
                cur.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                cur.execute("RELEASE SAVEPOINT ctip_trgm")
            except Exception:  # no privilege: keep the sequential scan
                cur.execute("ROLLBACK TO SAVEPOINT ctip_trgm")
                print("  pg_trgm is not available: registry search runs without a trigram index")
                return
        for name, column in INDEXES:
            cur.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON records_document "
                f"USING gin ({column} gin_trgm_ops)"
            )


def backwards(apps, schema_editor):
    conn = schema_editor.connection
    if conn.vendor != "postgresql":
        return
    with conn.cursor() as cur:
        for name, _column in INDEXES:
            cur.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("records", "0005_national_scale_indexes"), ("plan", "0003_search_trigram")]
    operations = [migrations.RunPython(forwards, backwards)]
