from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ctip.accounts"
    label = "accounts"
