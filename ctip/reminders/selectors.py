"""What falls due for a user: counts of their deadlines, overdue or within the next days, each
with a link to the list where they are. Counts only: a digest never names a person or a case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ctip.cases import permissions as case_permissions
from ctip.cases.models import Case, Service
from ctip.plan import selectors as plan_selectors
from ctip.plan.catalogue import selectors as catalogue_selectors
from ctip.plan.models import ItemReport
from ctip.records import selectors as records_selectors

from . import permissions
from .models import ReminderSetting

if TYPE_CHECKING:
    from ctip.accounts.models import User


@dataclass(frozen=True, slots=True)
class Line:
    """One kind of duty: how many are overdue, how many fall due in the window, and where."""

    label: str | Promise  # translated when shown, in the reader's language
    overdue: int
    soon: int
    path: str


@dataclass(frozen=True, slots=True)
class Digest:
    lines: tuple[Line, ...]
    days: int

    @property
    def empty(self) -> bool:
        return not any(line.overdue or line.soon for line in self.lines)

    @property
    def overdue(self) -> int:
        return sum(line.overdue for line in self.lines)

    @property
    def soon(self) -> int:
        return sum(line.soon for line in self.lines)


def _split(dates: Iterable[dt.date | None], today: dt.date, horizon: dt.date) -> tuple[int, int]:
    due = [d for d in dates if d is not None and d <= horizon]
    overdue = sum(1 for d in due if d < today)
    return overdue, len(due) - overdue


def _record_lines(user: User, today: dt.date, horizon: dt.date) -> list[Line]:
    if not permissions.reminded_of_records(user):
        return []
    agency = permissions.agency_scope(user)
    due = reverse("records:due") + (f"?agency={agency.abbr}" if agency else "")
    docs = records_selectors.documents_due(user, agency=agency or "")
    recs = records_selectors.recommendations_due(user, agency=agency or "")
    return [
        Line(_("Documents with a deadline"), *_split(_due_dates(docs), today, horizon), due),
        Line(_("Recommendations"), *_split(_due_dates(recs), today, horizon), due),
    ]


def _due_dates(qs: QuerySet) -> list[dt.date | None]:
    # no filter: an agency's due documents are a union, which takes none (_split skips None)
    return list(qs.values_list("due_date", flat=True))


def _report_lines(user: User, today: dt.date, horizon: dt.date) -> list[Line]:
    """Reports owed on the action plan (not submitted, or returned) and reports sent back."""
    if not permissions.reminded_of_records(user):
        return []
    agency = permissions.agency_scope(user)
    owed = catalogue_selectors.due_obligations(user, agency=agency, today=today)
    lines = [
        Line(
            _("Reports owed on the action plan"),
            *_split([o.due for o, _state in owed], today, horizon),
            reverse("records:due"),
        )
    ]
    if agency is not None:
        returned = plan_selectors.writable_reports(user).filter(
            agency=agency, status=ItemReport.Status.RETURNED
        )
        lines.append(
            Line(
                _("Reports returned to your agency"), returned.count(), 0, reverse("plan:overview")
            )
        )
    return lines


def _service_lines(user: User, today: dt.date, horizon: dt.date) -> list[Line]:
    """Ongoing services in the user's open cases whose planned end has come or comes soon."""
    if not case_permissions.can(user, "case.list"):
        return []
    cases = Case.objects.filter(case_permissions.cases_visible_q(user)).exclude(
        status=Case.Status.CLOSED
    )
    ends = Service.objects.filter(
        case__in=cases, outcome=Service.Outcome.ONGOING, end__isnull=False, end__lte=horizon
    ).values_list("end", flat=True)
    return [
        Line(
            _("Services to review in your cases"),
            *_split(ends, today, horizon),
            reverse("cases:list"),
        )
    ]


def digest_for(user: User, *, today: dt.date, days: int) -> Digest:
    """The user's digest for `today`, looking `days` ahead."""
    horizon = today + dt.timedelta(days=days)
    lines = [
        *_record_lines(user, today, horizon),
        *_report_lines(user, today, horizon),
        *_service_lines(user, today, horizon),
    ]
    return Digest(tuple(lines), days)


def setting_of(user: User) -> ReminderSetting:
    """The user's reminder choice; an unsaved default (on, Azerbaijani) when never changed."""
    found = ReminderSetting.objects.filter(user=user).first()
    return found or ReminderSetting(user=user)


def users_to_remind() -> QuerySet:
    """Active users with an e-mail address who have not turned reminders off."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .exclude(reminder_setting__enabled=False)
        .select_related("agency", "reminder_setting")
        .order_by("pk")
    )
