from django.apps import AppConfig


class PlanConfig(AppConfig):
    name = "ctip.plan"
    label = "plan"
