from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "ctip.jobs"
    label = "jobs"

    def ready(self):
        from . import spreadsheets  # noqa: F401  (registers the table download job's runner)
