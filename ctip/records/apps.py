from django.apps import AppConfig

from ctip.plan.signals import indicator_suggestions, report_imported


class RecordsConfig(AppConfig):
    name = "ctip.records"
    label = "records"

    def ready(self):
        # Django loads models before ready(): modules that use them are imported here.
        from .hooks import on_item_report_imported, suggest_indicator_values

        report_imported.connect(on_item_report_imported, dispatch_uid="records.report_imported")
        indicator_suggestions.connect(
            suggest_indicator_values, dispatch_uid="records.indicator_suggestions"
        )
