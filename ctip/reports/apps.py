from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "ctip.reports"
    label = "reports"
