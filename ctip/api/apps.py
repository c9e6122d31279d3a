from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "ctip.api"
    label = "api"
