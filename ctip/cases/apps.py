"""The cases app: registers its keys with ctip.core.keys and answers the plan's signals (names to mask, indicator suggestions)."""

from django.apps import AppConfig

from ctip.core import keys
from ctip.plan.signals import indicator_suggestions, personal_names

from . import crypto


class CasesConfig(AppConfig):
    name = "ctip.cases"
    label = "cases"

    def ready(self):
        # Django loads models before ready(): modules that use them are imported here.
        from .hooks import known_name_spans, suggest_indicator_values

        sealed_tables = tuple(
            m._meta.db_table for m in self.get_models() if crypto.encrypted_fields(m)
        )
        keys.register(
            keys.KeySpec(
                name="field",
                label="the field keys of personal data",
                setting="CTIP_FIELD_KEYS",
                file_setting="CTIP_FIELD_KEYS_FILE",
                env="CTIP_FIELD_KEYS",
                tables=sealed_tables,
                validate=crypto.keyring_problem,
            )
        )
        keys.register(
            keys.KeySpec(
                name="blind_index",
                label="the blind-index key of name search",
                setting="CTIP_BLIND_INDEX_KEY",
                file_setting="CTIP_BLIND_INDEX_KEY_FILE",
                env="CTIP_BLIND_INDEX_KEY",
                tables=(self.get_model("NameIndex")._meta.db_table,),
                validate=lambda text: None if len(text) >= 16 else "shorter than 16 characters",
            )
        )
        personal_names.connect(known_name_spans, dispatch_uid="cases.personal_names")
        indicator_suggestions.connect(
            suggest_indicator_values, dispatch_uid="cases.indicator_suggestions"
        )
