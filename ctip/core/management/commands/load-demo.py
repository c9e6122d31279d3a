"""`ctip load-demo [--national-job]`: the demo data set written for ctip (synthetic; no real
people); with --national-job, a national report job queued for the demo coordinator too."""

from django.core.management.base import BaseCommand
from django.db import transaction

from ctip.accounts import demo as accounts_demo
from ctip.accounts.models import User
from ctip.cases import demo as cases_demo
from ctip.plan import demo as plan_demo
from ctip.plan.models import ActionPlan
from ctip.records import demo as records_demo
from ctip.reports.jobs import start_report_job

# Each app's `demo.load(stdout) -> list[str]` (lines to print), in dependency order.
DEMO_MODULES = [accounts_demo, plan_demo, records_demo, cases_demo]
DEMO_COORDINATOR = "koordinator"


class Command(BaseCommand):
    help = "Load the synthetic demo data set (idempotent) and print a login for each role."

    def add_arguments(self, parser):
        parser.add_argument(
            "--national-job",
            action="store_true",
            help="also queue a national report (PDF) for the demo coordinator, to watch on /jobs/",
        )
        parser.add_argument(
            "--base-url",
            default="",
            help="printed before the job's path, e.g. http://127.0.0.1:8000",
        )

    def handle(self, *args, **options):
        lines: list[str] = []
        with transaction.atomic():
            for module in DEMO_MODULES:
                lines += module.load(self.stdout) or []
        if options["national_job"]:
            lines.append(national_job_line(options["base_url"]))
        for line in lines:
            self.stdout.write(line)


def national_job_line(base_url: str) -> str:
    """Queue the demo plan's national report of its last period for the demo coordinator."""
    coordinator = User.objects.get(username=DEMO_COORDINATOR)
    plan = ActionPlan.objects.get(code=plan_demo.PLAN)
    period = plan.periods.order_by("-year", "-half").first()
    job = start_report_job(
        coordinator,
        plan=plan,
        period=period,
        agency=None,
        fmt="pdf",
        lang="az",
        include_submitted=True,
        annex=True,
    )
    return (
        f"National report job of {DEMO_COORDINATOR} ({plan.code} {period.code}, PDF): "
        f"{base_url.rstrip('/')}/jobs/{job.pk}/"
    )
