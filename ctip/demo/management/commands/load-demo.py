"""`ctip load-demo`: the demo data set written for ctip (synthetic; no real people)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from ctip.demo import cases, people, plan, records

# Each module's `load(stdout) -> list[str]` (lines to print), in dependency order.
DEMO_MODULES = [people, plan, records, cases]


class Command(BaseCommand):
    help = "Load the synthetic demo data set (idempotent) and print a login for each role."

    def handle(self, *args, **options):
        lines: list[str] = []
        with transaction.atomic():
            for module in DEMO_MODULES:
                lines += module.load(self.stdout) or []
        for line in lines:
            self.stdout.write(line)
