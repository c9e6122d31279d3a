"""`ctip load-demo`: the demo data set written for ctip (synthetic; no real people)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from ctip.accounts import demo as accounts_demo
from ctip.cases import demo as cases_demo
from ctip.plan import demo as plan_demo
from ctip.records import demo as records_demo

# Each app's `demo.load(stdout) -> list[str]` (lines to print), in dependency order.
DEMO_MODULES = [accounts_demo, plan_demo, records_demo, cases_demo]


class Command(BaseCommand):
    help = "Load the synthetic demo data set (idempotent) and print a login for each role."

    def handle(self, *args, **options):
        lines: list[str] = []
        with transaction.atomic():
            for module in DEMO_MODULES:
                lines += module.load(self.stdout) or []
        for line in lines:
            self.stdout.write(line)
