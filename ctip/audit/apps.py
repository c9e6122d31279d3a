"""The audit app; registers the audit key with ctip.core.keys."""

from django.apps import AppConfig
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from ctip.core import keys


def _chain_is_keyed() -> bool:
    """Entries depend on the audit key once the migration that keyed the chain has run."""
    recorder = MigrationRecorder(connection)
    return (
        recorder.has_table()
        and recorder.migration_qs.filter(app="audit", name="0002_sec_auth_keyed_chain").exists()
    )


class AuditConfig(AppConfig):
    name = "ctip.audit"
    label = "audit"

    def ready(self):
        keys.register(
            keys.KeySpec(
                name="audit",
                label="the key of the audit log's chain",
                setting="CTIP_AUDIT_KEY",
                file_setting="CTIP_AUDIT_KEY_FILE",
                env="CTIP_AUDIT_KEY",
                tables=("audit_auditentry",),
                validate=lambda text: None if len(text) >= 32 else "shorter than 32 characters",
                extra_check=_chain_is_keyed,
            )
        )
