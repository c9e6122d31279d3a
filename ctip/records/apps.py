from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "ctip.records"
    label = "records"

    def ready(self):
        from ctip.plan.signals import report_imported

        from .hooks import on_item_report_imported

        report_imported.connect(on_item_report_imported, dispatch_uid="records.report_imported")
