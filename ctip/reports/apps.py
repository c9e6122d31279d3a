from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "ctip.reports"
    label = "reports"

    def ready(self):
        from . import jobs  # noqa: F401  (registers the report job's runner)
