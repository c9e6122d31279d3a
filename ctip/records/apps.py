from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "ctip.records"
    label = "records"
