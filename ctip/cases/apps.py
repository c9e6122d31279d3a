from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "ctip.cases"
    label = "cases"

    def ready(self):
        from ctip.plan.signals import indicator_suggestions

        from .hooks import suggest_indicator_values

        indicator_suggestions.connect(
            suggest_indicator_values, dispatch_uid="cases.indicator_suggestions"
        )
