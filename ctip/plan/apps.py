from django.apps import AppConfig


class PlanConfig(AppConfig):
    name = "ctip.plan"
    label = "plan"

    def ready(self):
        from . import jobs  # noqa: F401  (registers the import jobs' runners)
