"""`ctip obligations [--plan NAP-2020-2024] [--period 2022] [--agency DMX] [--state overdue]`"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ctip.plan import selectors as plan_selectors
from ctip.plan.catalogue import selectors
from ctip.plan.catalogue.obligations import STATES
from ctip.plan.models import ActionPlan

MARKS = {"received": "+", "in_progress": "~", "missing": "!", "waived": "n/a"}


class Command(BaseCommand):
    help = (
        "List who owes which report on which sub-item for which period and by when: "
        "+ received, ~ draft not submitted, ! owed and missing, n/a not applicable. "
        "--state overdue gives the reports owed and past their due date (for reminders)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--plan", help="plan code (default: the current plan)")
        parser.add_argument("--period", help="2022 or 2022-H1 (default: every period)")
        parser.add_argument("--agency", help="agency abbreviation")
        parser.add_argument("--state", choices=[*STATES, "overdue"])

    def handle(self, *args, **opts):
        plan = (
            ActionPlan.objects.filter(code__iexact=opts["plan"]).first()
            if opts["plan"]
            else selectors.default_plan()
        )
        if plan is None:
            raise CommandError(f"no such plan: {opts['plan'] or '(none loaded)'}", returncode=2)
        period = agency = None
        if opts["period"]:
            period = plan.periods.filter(code__iexact=opts["period"]).first()
            if period is None:
                raise CommandError(f"{plan.code} has no period {opts['period']}", returncode=2)
        if opts["agency"]:
            agency = plan_selectors.agency_named(opts["agency"])
            if agency is None:
                raise CommandError(f"unknown agency {opts['agency']}", returncode=2)
        today = timezone.localdate()
        rows = selectors.obligation_rows(
            None, plan, period=period, agency=agency, state=opts["state"], today=today
        )
        for o in rows:
            late = " overdue" if o.overdue(today) else ""
            agreed = " (by agreement)" if o.by_agreement else ""
            self.stdout.write(
                f"{o.item_code:<8} {o.agency_abbr:<8} {o.period_code:<8} due {o.due.isoformat()}"
                f"  {MARKS[o.state]:<3} {o.state}{late}{agreed}"
            )
        counts = {s: sum(1 for o in rows if o.state == s) for s in STATES}
        self.stdout.write(
            f"{plan.code}: {len(rows)} obligations; "
            + ", ".join(f"{k} {v}" for k, v in counts.items())
        )
