"""The start page's reads: what needs this user today, by role. Each block asks its app's own
selectors and permissions, so a block shows only what the user may open anyway."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from ctip.accounts.roles import (
    AGENCY_FOCAL_ROLES,
    ANALYSIS_ROLES,
    AUDIT_READER_ROLES,
    CASEWORK_ROLES,
    COORDINATOR_ROLES,
    Role,
    role_of,
)
from ctip.cases import permissions as case_permissions
from ctip.cases import selectors as case_selectors
from ctip.cases.models import Case, Referral, Service
from ctip.core.charts import target_chart
from ctip.plan import selectors as plan_selectors
from ctip.plan.catalogue.selectors import due_obligations
from ctip.plan.models import ItemReport, PlanItem, ReportTransition
from ctip.records import selectors as record_selectors

SERVICE_DUE_DAYS = 14  # a service ending within this many days needs a look
LIST_LIMIT = 10


def start_for(user) -> dict:
    """The blocks of the start page for `user`'s role (each None when not the user's)."""
    role = role_of(user)
    return {
        "role": role,
        "role_label": Role(role).label if role else "",
        "casework": casework(user) if role in CASEWORK_ROLES else None,
        "agency": agency_reports(user) if role in AGENCY_FOCAL_ROLES else None,
        "coordination": coordination(user) if role in COORDINATOR_ROLES else None,
        "analysis": analysis(user) if role in ANALYSIS_ROLES else None,
        "audit": audit(user) if role in AUDIT_READER_ROLES else None,
    }


# --- case workers and supervisors ---------------------------------------------------------------


def casework(user, *, today: dt.date | None = None) -> dict:
    """My agency's open work under the referral mechanism, most urgent first, with counts; each
    list read no further than one row past what it shows (an agency may hold 34,000 cases)."""
    today = today or timezone.localdate()
    more = LIST_LIMIT + 1
    intakes = case_selectors.intakes_visible_to(user).filter(status="new")
    cases = case_selectors.cases_visible_to(user).exclude(status=Case.Status.CLOSED)
    pending = Referral.objects.filter(decision=Referral.Decision.PENDING).values("case_id")
    screening = case_selectors.case_list(user, status=Case.Status.OPEN, first=more)
    groups = [
        ("intakes", _("New intakes waiting for triage"), intakes.order_by("received_on", "id")),
        ("screening", _("Cases awaiting screening"), screening),
        (
            "decision",
            _("Referrals awaiting a decision"),
            cases.filter(pk__in=pending).order_by("registered_on", "code"),
        ),
        ("services", _("Services ending or overdue"), _services_due(cases, today)),
    ]
    return {
        "groups": [_group(key, title, list(rows[:more])) for key, title, rows in groups],
        "open_cases": case_selectors.open_case_count(user),
        "can_intake": case_permissions.can(user, "intake.create"),
        "today": today,
    }


def _services_due(cases, today: dt.date):
    """Ongoing services of `cases` ending within SERVICE_DUE_DAYS (or already past), soonest
    first: read in end order, each checked against `cases` by its own case."""
    return (
        Service.objects.filter(
            Exists(cases.filter(pk=OuterRef("case_id"))),
            outcome=Service.Outcome.ONGOING,
            end__isnull=False,
            end__lte=today + dt.timedelta(days=SERVICE_DUE_DAYS),
        )
        .select_related("case")
        .order_by("end")
    )


def _group(key: str, title: str, rows: list) -> dict:
    """One list of the casework block: its first LIST_LIMIT rows and whether more wait."""
    return {
        "key": key,
        "title": title,
        "rows": rows[:LIST_LIMIT],
        "count": len(rows),
        "more": len(rows) > LIST_LIMIT,
    }


# --- focal points ---------------------------------------------------------------------------------


def agency_reports(user) -> dict:
    """My agency's reports for the current period by status, what came back, what falls due."""
    plan = plan_selectors.default_plan()
    period = plan_selectors.default_period(plan)
    agency = user.agency
    mine = plan_selectors.reports_visible_to(user, plan=plan, agency=agency, period=period)
    counts = Counter(mine.values_list("status", flat=True)) if period else Counter()
    returned = list(mine.filter(status=ItemReport.Status.RETURNED).order_by("item__sort_key"))
    comments = {}
    for t in ReportTransition.objects.filter(
        report__in=returned, to_status=ItemReport.Status.RETURNED
    ).order_by("at", "id"):
        comments[t.report_id] = t.comment  # the latest return's comment wins
    for_returned = [(r, comments.get(r.pk, "")) for r in returned]
    return {
        "plan": plan,
        "period": period,
        "counts": [(s, lbl, counts.get(s, 0)) for s, lbl in ItemReport.Status.choices],
        "returned": for_returned,
        "owed": due_obligations(user, agency=agency)[:LIST_LIMIT],
        "documents": _due_rows(
            record_selectors.documents_due(user, agency=agency, first=LIST_LIMIT)
        )
        if agency
        else [],
        "recommendations": _due_rows(record_selectors.recommendations_due(user, agency=agency))
        if agency
        else [],
    }


def _due_rows(qs) -> list:
    today = timezone.localdate()
    return [(row, record_selectors.due_status(row.due_date, today)) for row in qs[:LIST_LIMIT]]


# --- the coordinator's office -----------------------------------------------------------------------


def coordination(user) -> dict:
    """Progress of the plan by agency and by direction (charts), reports to review, overdue items."""
    plan = plan_selectors.default_plan()
    period = plan_selectors.default_period(plan)
    reports = plan_selectors.reports_visible_to(user, plan=plan, period=period) if period else None
    tally = _tally(plan, reports)
    overdue = [o for o, state in due_obligations(user) if state == "overdue"]
    documents = [
        (d, s) for d, s in _due_rows(record_selectors.documents_due(user)) if s == "overdue"
    ]
    submitted = reports.filter(status=ItemReport.Status.SUBMITTED) if reports is not None else None
    return {
        "plan": plan,
        "period": period,
        "agency_chart": _progress_chart(
            tally.by_agency, tally.approved_by_agency, _("Approved reports by agency")
        ),
        "direction_chart": _progress_chart(
            tally.by_direction, tally.approved_by_direction, _("Approved reports by direction")
        ),
        "to_review": list(submitted.order_by("updated"))[:LIST_LIMIT]
        if submitted is not None
        else [],
        "waiting": submitted.count() if submitted is not None else 0,
        "overdue": overdue[:LIST_LIMIT],
        "documents": documents,
        "overdue_count": len(overdue) + len(documents),
    }


@dataclass
class _Tally:
    """Reports received and approved, counted by agency and by direction."""

    by_agency: Counter = field(default_factory=Counter)
    approved_by_agency: Counter = field(default_factory=Counter)
    by_direction: Counter = field(default_factory=Counter)
    approved_by_direction: Counter = field(default_factory=Counter)


def _tally(plan, reports) -> _Tally:
    """Count `reports` (None when there is no period: nothing counted) for the progress charts."""
    tally = _Tally()
    if reports is None:
        return tally
    directions = _directions(plan)
    for abbr, parent_code, status in reports.values_list("agency__abbr", "item__code", "status"):
        direction = directions.get(parent_code.split(".")[0], parent_code.split(".")[0])
        tally.by_agency[abbr] += 1
        tally.by_direction[direction] += 1
        if status == ItemReport.Status.APPROVED:
            tally.approved_by_agency[abbr] += 1
            tally.approved_by_direction[direction] += 1
    return tally


def _directions(plan) -> dict[str, str]:
    """Top-level code -> "code. title" of the plan's directions."""
    if plan is None:
        return {}
    return {
        item.code: f"{item.code}. {item.title}"
        for item in PlanItem.objects.filter(plan=plan, level=1).order_by("sort_key")
    }


def _progress_chart(total: Counter, approved: Counter, title: str) -> str:
    rows = [
        {"label": label, "value": approved.get(label, 0), "target": n}
        for label, n in sorted(total.items())
    ]
    return target_chart(rows, title, labels={"value": _("approved"), "target": _("received")})


# --- analysts and auditors ------------------------------------------------------------------------


def analysis(user) -> dict:
    plan = plan_selectors.default_plan()
    period = plan_selectors.default_period(plan)
    counts = plan_selectors.report_counts(user, plan=plan, period=period) if period else {}
    return {
        "plan": plan,
        "period": period,
        "counts": [(s, lbl, counts.get(s, 0)) for s, lbl in ItemReport.Status.choices],
    }


def audit(user) -> dict:
    entries = case_selectors.audit_entries_visible_to(user)
    today = timezone.localdate()
    return {
        "recent": list(entries[:LIST_LIMIT]),
        "today": entries.filter(at__date=today).count(),
        "views_today": entries.filter(at__date=today, action="cases.person.view").count(),
    }
