"""`ctip load-demo`: the demo data set written for ctip (synthetic; no real people)."""

import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

# Each app that has demo data provides `<app>.demo.load(stdout) -> list[str]` (lines to print).
DEMO_MODULES = ["ctip.accounts.demo", "ctip.plan.demo", "ctip.records.demo", "ctip.cases.demo"]


class Command(BaseCommand):
    help = "Load the synthetic demo data set (idempotent) and print a login for each role."

    def handle(self, *args, **options):
        lines: list[str] = []
        with transaction.atomic():
            for name in DEMO_MODULES:
                try:
                    module = importlib.import_module(name)
                except ModuleNotFoundError as exc:
                    if exc.name == name:
                        continue
                    raise
                lines += module.load(self.stdout) or []
        for line in lines:
            self.stdout.write(line)
