"""Key the audit chain (HMAC under the audit key) and number its entries; on PostgreSQL make the
table refuse UPDATE and DELETE.

Existing entries are first checked under the old unkeyed chain, then re-chained under the key in
their order, and a last entry `audit.chain.keyed` records how many there were and what that check
found (nothing, on an untampered log). From then on the old entries are protected like new ones.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

APPEND_ONLY_SQL = """
CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit entries are append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_auditentry;
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
"""
DROP_SQL = """
DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_auditentry;
DROP FUNCTION IF EXISTS audit_entry_append_only();
"""


def _legacy_problems(rows, head) -> list[str]:
    from ctip.audit import chain

    problems, prev = [], chain.GENESIS
    for e in rows:
        if e.prev_hash != prev:
            problems.append(f"entry {e.id}: chain broken before it")
        payload = chain.canonical(
            [e.id, e.at.isoformat(), e.actor_id, e.actor_name, e.action, e.object_type,
             e.object_id, e.purpose, e.details, e.prev_hash]
        )
        if chain.plain_sha256(payload) != e.hash:
            problems.append(f"entry {e.id}: content does not match its hash (edited)")
        prev = e.hash
    if head is not None and head.last_hash != prev:
        problems.append("the head records a later entry (entries at the end were deleted)")
    return problems


def _payload(chain, e) -> str:
    return chain.entry_payload(
        seq=e.seq, at=e.at, actor_id=e.actor_id, actor_name=e.actor_name, action=e.action,
        object_type=e.object_type, object_id=e.object_id, purpose=e.purpose, details=e.details,
        prev_hash=e.prev_hash,
    )


def key_the_chain(apps, schema_editor):
    from ctip.audit import chain

    db = schema_editor.connection.alias
    Entry = apps.get_model("audit", "AuditEntry")
    Head = apps.get_model("audit", "AuditHead")
    rows = list(Entry.objects.using(db).order_by("id"))
    if not rows:
        return
    problems = _legacy_problems(rows, Head.objects.using(db).filter(pk=1).first())
    key = chain.audit_key()  # made now if absent: the old entries did not depend on it
    prev = chain.GENESIS
    for seq, e in enumerate(rows, 1):
        e.seq, e.prev_hash = seq, prev
        e.hash = chain.mac(key, _payload(chain, e))
        Entry.objects.using(db).filter(pk=e.pk).update(seq=seq, prev_hash=prev, hash=e.hash)
        prev = e.hash
    marker = Entry(
        seq=len(rows) + 1, at=timezone.now(), actor_id=None, actor_name="system",
        action="audit.chain.keyed", object_type="", object_id="",
        purpose="the audit chain is keyed from here on; earlier entries were re-chained",
        details={"legacy_entries": len(rows), "legacy_problem_count": len(problems),
                 "legacy_problems": problems[:20]},
        prev_hash=prev,
    )
    marker.hash = chain.mac(key, _payload(chain, marker))
    marker.save(using=db)
    Head.objects.using(db).update_or_create(
        pk=1,
        defaults={"seq": marker.seq, "last_hash": marker.hash,
                  "mac": chain.head_mac(key, marker.seq, marker.hash)},
    )


def append_only(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(APPEND_ONLY_SQL, params=None)  # no placeholders: '%' is plpgsql's


def drop_append_only(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SQL, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="seq",
            field=models.BigIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="audithead",
            name="seq",
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="audithead",
            name="mac",
            field=models.CharField(blank=True, default="", max_length=64),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="actor",
            field=models.ForeignKey(
                blank=True, db_constraint=False, null=True,
                on_delete=django.db.models.deletion.DO_NOTHING, related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterModelOptions(
            name="auditentry",
            options={"ordering": ["seq"], "verbose_name": "audit entry",
                     "verbose_name_plural": "audit log"},
        ),
        migrations.RunPython(key_the_chain, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditentry",
            name="seq",
            field=models.BigIntegerField(unique=True),
        ),
        migrations.RunPython(append_only, drop_append_only),
    ]
