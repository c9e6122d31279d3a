from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ctip.accounts"
    label = "accounts"

    def ready(self):
        # Django loads models before ready(): modules that use them are imported here.
        from . import signals  # noqa: F401
