from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "ctip.demo"
    label = "demo"
