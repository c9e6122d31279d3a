"""On SQLite, an FTS5 index over ItemReport.search_text (kept in step by triggers) answers the
word-prefix search without scanning every report. Skipped on other databases, and where SQLite
lacks FTS5 (the search then falls back to `LIKE '% key%'`)."""

from django.db import migrations

CREATE = [
    """CREATE VIRTUAL TABLE plan_report_fts USING fts5(search_text, content='plan_itemreport',
       content_rowid='id', tokenize="unicode61 remove_diacritics 0 tokenchars '~'")""",
    """CREATE TRIGGER plan_report_fts_ai AFTER INSERT ON plan_itemreport BEGIN
       INSERT INTO plan_report_fts(rowid, search_text) VALUES (new.id, new.search_text); END""",
    """CREATE TRIGGER plan_report_fts_ad AFTER DELETE ON plan_itemreport BEGIN
       INSERT INTO plan_report_fts(plan_report_fts, rowid, search_text)
       VALUES ('delete', old.id, old.search_text); END""",
    """CREATE TRIGGER plan_report_fts_au AFTER UPDATE OF search_text ON plan_itemreport BEGIN
       INSERT INTO plan_report_fts(plan_report_fts, rowid, search_text)
       VALUES ('delete', old.id, old.search_text);
       INSERT INTO plan_report_fts(rowid, search_text) VALUES (new.id, new.search_text); END""",
    "INSERT INTO plan_report_fts(plan_report_fts) VALUES ('rebuild')",
]
DROP = ["DROP TRIGGER IF EXISTS plan_report_fts_ai", "DROP TRIGGER IF EXISTS plan_report_fts_ad",
        "DROP TRIGGER IF EXISTS plan_report_fts_au", "DROP TABLE IF EXISTS plan_report_fts"]


def forwards(apps, schema_editor):
    conn = schema_editor.connection
    if conn.vendor != "sqlite":
        return
    with conn.cursor() as cur:
        try:
            cur.execute("CREATE VIRTUAL TABLE temp.ctip_fts_probe USING fts5(x)")
            cur.execute("DROP TABLE temp.ctip_fts_probe")
        except Exception:
            return
        for sql in CREATE:
            cur.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cur:
        for sql in DROP:
            cur.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("plan", "0003_search_trigram")]
    operations = [migrations.RunPython(forwards, backwards)]
