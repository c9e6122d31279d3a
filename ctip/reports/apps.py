from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "ctip.reports"
    label = "reports"

    def ready(self):
        # Django loads models before ready(): modules that use them are imported here.
        from . import jobs  # noqa: F401  (registers the report job's runner)
