from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "ctip.jobs"
    label = "jobs"
