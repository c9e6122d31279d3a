"""On SQLite, FTS5 indexes over the registry's documents answer the text search without reading
every document: the SQLite counterpart of 0006's trigram indexes on PostgreSQL, kept in step by
triggers, as plan's 0004_search_fts does for item reports.

- records_document_fts: the words (`search_text`, azlang's search keys, already case- and
  diacritic-folded). `remove_diacritics 0` so the tokenizer folds nothing azlang left (a prefix
  query finds exactly what `LIKE '% key%'` finds); hyphens and apostrophes are token characters
  because a key keeps them ("abs-in", "o’brien"): one key, one token.
- records_document_trgm: numbers as written and issuers' keys, with the trigram tokenizer, which
  lets `number LIKE '%12/3%'` (a substring, as the search has always matched numbers) use the index.

Skipped on other databases, and where SQLite lacks FTS5 or its trigram tokenizer (3.34+): the
search then scans, as before."""

from django.db import migrations

WORDS = "records_document_fts"
KEYS = "records_document_trgm"


def _index(table: str, columns: list[str], tokenize: str) -> list[str]:
    """The external-content FTS5 table over records_document, its triggers and its backfill.
    An update re-indexes a row only when an indexed column really changed."""
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    changed = " OR ".join(f"old.{c} IS NOT new.{c}" for c in columns)
    remove = f"INSERT INTO {table}({table}, rowid, {cols}) VALUES ('delete', old.id, {old});"
    add = f"INSERT INTO {table}(rowid, {cols}) VALUES (new.id, {new});"
    return [
        f"""CREATE VIRTUAL TABLE {table} USING fts5({cols}, content='records_document',
            content_rowid='id', tokenize="{tokenize}")""",
        f"CREATE TRIGGER {table}_ai AFTER INSERT ON records_document BEGIN {add} END",
        f"CREATE TRIGGER {table}_ad AFTER DELETE ON records_document BEGIN {remove} END",
        f"""CREATE TRIGGER {table}_au AFTER UPDATE OF {cols} ON records_document
            WHEN {changed} BEGIN {remove} {add} END""",
        f"INSERT INTO {table}({table}) VALUES ('rebuild')",
    ]


CREATE = [
    *_index(WORDS, ["search_text"], "unicode61 remove_diacritics 0 tokenchars '-''’'"),
    *_index(KEYS, ["number", "issuer_key"], "trigram"),
]
DROP = [
    f"DROP {kind} IF EXISTS {table}{suffix}"
    for table in (WORDS, KEYS)
    for kind, suffix in (("TRIGGER", "_ai"), ("TRIGGER", "_ad"), ("TRIGGER", "_au"), ("TABLE", ""))
]


def _has_fts5_trigram(cur) -> bool:
    try:
        cur.execute("CREATE VIRTUAL TABLE temp.ctip_fts_probe USING fts5(x, tokenize='trigram')")
        cur.execute("DROP TABLE temp.ctip_fts_probe")
    except Exception:
        return False
    return True


def forwards(apps, schema_editor):
    conn = schema_editor.connection
    if conn.vendor != "sqlite":
        return
    with conn.cursor() as cur:
        if not _has_fts5_trigram(cur):
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
    dependencies = [("records", "0007_open_tasks_index")]
    operations = [migrations.RunPython(forwards, backwards)]
