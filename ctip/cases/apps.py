from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "ctip.cases"
    label = "cases"

    def ready(self):
        from ctip.plan.signals import personal_names

        from .hooks import known_name_spans

        personal_names.connect(known_name_spans, dispatch_uid="cases.personal_names")
