"""On PostgreSQL, trigram GIN indexes make the word-prefix search (`LIKE '% key%'`) use an index.

Skipped on SQLite, and skipped with a notice where the pg_trgm extension cannot be created (the
search still works, by scanning)."""

from django.db import migrations

INDEXES = [("plan_report_search_trgm", "plan_itemreport"), ("plan_item_search_trgm", "plan_planitem")]


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
                print("  pg_trgm is not available: plan search runs without a trigram index")
                return
        for name, table in INDEXES:
            cur.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
                        "USING gin (search_text gin_trgm_ops)")


def backwards(apps, schema_editor):
    conn = schema_editor.connection
    if conn.vendor != "postgresql":
        return
    with conn.cursor() as cur:
        for name, _table in INDEXES:
            cur.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("plan", "0002_indexes")]
    operations = [migrations.RunPython(forwards, backwards)]
