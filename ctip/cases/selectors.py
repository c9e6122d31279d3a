"""Reads that depend on who asks. Reading personal data is audited here, with its purpose."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import (
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _

from ctip.accounts.types import Actor, AnyUser
from ctip.audit.models import AuditEntry
from ctip.audit.services import record
from ctip.core.unions import merged_in_order
from ctip.plan.models import Agency

from . import blindindex, permissions, tallies
from .models import (
    Case,
    CaseEvent,
    Intake,
    NameIndex,
    ObservedIndicator,
    Person,
    Referral,
    Screening,
    Service,
    urgency_of,
)
from .permissions import can, require

# CTDC's ageBroad bands.
AGE_BANDS = [(0, 8), (9, 17), (18, 20), (21, 23), (24, 26), (27, 29), (30, 38), (39, 47), (48, 200)]


def age_band(age: int | None) -> str:
    if age is None:
        return "unknown"
    for lo, hi in AGE_BANDS:
        if lo <= age <= hi:
            return f"{lo}+" if hi >= 200 else f"{lo}--{hi}"
    return "unknown"


def cases_visible_to(
    user: AnyUser, *, status: str | None = None, channel: str | None = None
) -> QuerySet[Case]:
    """Cases the user may list: own agency's and those referred to it (case roles), all (admin)."""
    if not can(user, "case.list"):
        return Case.objects.none()
    visible = Case.objects.filter(permissions.cases_visible_q(user))
    return _listed(visible, status=status, channel=channel).order_by("-registered_on", "-pk")


def _listed(cases: QuerySet[Case], *, status: str | None, channel: str | None) -> QuerySet[Case]:
    """`cases` of the status and channel (each if given), with their agency and person count."""
    if status:
        # and its urgency, which the case list's indexes hold (the status they do not)
        cases = cases.filter(status=status, urgency=urgency_of(status))
    if channel:
        cases = cases.filter(channel=channel)
    return cases.select_related("agency").annotate(person_count=_persons_counted("case"))


def _persons_counted(link: str) -> Coalesce:
    """The persons of each row (`link`: "case" or "intake"), counted per returned row by a
    correlated subquery, not by grouping every visible row: a page of the national list costs
    the same with 100 rows as with 100,000."""
    persons = (
        Person.objects.filter(**{link: OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(persons, output_field=IntegerField()), Value(0))


# Most urgent first (Case.urgency), the longest waiting first within a status.
URGENT_FIRST = ("urgency", "registered_on", "code")

# What a row of the case list shows (and its order): the sort of a national list carries nothing
# wider.
CASE_LIST_FIELDS = (
    "code",
    "registered_on",
    "status",
    "urgency",
    "channel",
    *(f"agency__{field}" for field in Agency.DISPLAY_FIELDS),
)


def case_list(
    user: AnyUser,
    *,
    status: str | None = None,
    channel: str | None = None,
    first: int | None = None,
) -> QuerySet[Case]:
    """The case list page's rows: `cases_visible_to` most urgent first, with only the columns the
    list shows, read no further than the `first` rows (a page's end; None: all).

    A case worker's are the agency's own cases and those referred to it, each part read in order
    from its index (migration 0008) and merged (core.unions): a page of one agency's 34,000
    cases without sorting them."""
    parts = [
        _listed(Case.objects.filter(part), status=status, channel=channel).only(*CASE_LIST_FIELDS)
        for part in permissions.cases_visible_parts(user)
    ]
    return merged_in_order(parts, URGENT_FIRST, first) if parts else Case.objects.none()


def open_case_count(user: AnyUser) -> int:
    """How many cases the user may list are not closed: counted on each part's index of agency
    and urgency (closed cases rank last), not by an OR over every case."""
    closed = urgency_of(Case.Status.CLOSED)
    parts = permissions.cases_visible_parts(user)
    return sum(Case.objects.filter(part, urgency__lt=closed).count() for part in parts)


def case_for(user: AnyUser, code: str, action: str = "case.view") -> Case:
    """The case by code, for `action`: 404 when out of reach, 403 when in reach but not allowed
    (a receiving agency asking to close, refer or edit the owner's data)."""
    require(user, action)
    case = cases_visible_to(user).filter(code=code).first()
    if case is None:
        raise Http404("no such case")
    permissions.require_on_case(user, case, action)
    return (
        Case.objects.select_related("agency", "status_decided_by")
        .prefetch_related(
            Prefetch("persons", queryset=_persons_in_reach(user, case).order_by("number")),
            Prefetch(
                "referrals",
                queryset=Referral.objects.filter(
                    permissions.referrals_visible_q(user, case)
                ).select_related("to_agency"),
            ),
            Prefetch(
                "services",
                queryset=Service.objects.filter(
                    permissions.services_visible_q(user, case)
                ).select_related("provider"),
            ),
            Prefetch(
                "events",
                queryset=CaseEvent.objects.filter(
                    permissions.events_visible_q(user, case)
                ).select_related("actor"),
            ),
        )
        .get(pk=case.pk)
    )


def _persons_in_reach(user: AnyUser, case: Case) -> QuerySet[Person]:
    """The case's persons the user may know of: all for the owner and oversight (labels only
    without person.view), the referred ones for a receiving agency."""
    qs = Person.objects.filter(case=case)
    if permissions.relation(user, case) == permissions.RECEIVER:
        qs = qs.filter(permissions.persons_visible_q(user))
    return qs


def intakes_visible_to(user: AnyUser) -> QuerySet[Intake]:
    """The intakes of the user's agency, for roles that register them, with their persons
    counted (`person_count`)."""
    if not can(user, "intake.create"):
        return Intake.objects.none()
    qs = Intake.objects.filter(permissions.intakes_visible_q(user)).select_related("agency", "case")
    return qs.annotate(person_count=_persons_counted("intake"))


def intake_for(user: AnyUser, pk: int) -> Intake:
    intake = intakes_visible_to(user).filter(pk=pk).first()
    if intake is None:
        raise Http404("no such intake")
    return intake


def _clean_purpose(purpose: str) -> str:
    purpose = (purpose or "").strip()
    if len(purpose) < 5:
        raise ValidationError(_("State the purpose of access (at least 5 characters)."))
    return purpose[:500]


def persons_with_personal_data(user: Actor, case: Case, *, purpose: str) -> list[Person]:
    """The case's persons with their sealed fields opened; audited once per person."""
    require(user, "person.view")
    purpose = _clean_purpose(purpose)
    if not permissions.can_on_case(user, case, "person.view"):
        raise PermissionDenied("this case belongs to another agency")
    persons = list(
        Person.objects.filter(permissions.persons_visible_q(user), case=case)
        .order_by("number")
        .prefetch_related(
            Prefetch(
                "screenings",
                queryset=Screening.objects.select_related("indicator_set").prefetch_related(
                    Prefetch(
                        "observed", queryset=ObservedIndicator.objects.select_related("indicator")
                    )
                ),
            )
        )
    )
    for p in persons:
        record(user, "cases.person.view", p, purpose=purpose, case=case.code)
    return persons


def person_with_personal_data(
    user: Actor, case: Case, uid: uuid.UUID | str, *, purpose: str, action: str = "person.view"
) -> Person:
    """One person of the case with the sealed fields opened (e.g. to fill an edit form); audited."""
    require(user, action)
    purpose = _clean_purpose(purpose)
    if not permissions.can_on_case(user, case, action):
        raise PermissionDenied("not allowed in this case")
    person = Person.objects.filter(permissions.persons_visible_q(user), case=case, uid=uid).first()
    if person is None:
        raise Http404("no such person in this case")
    record(user, "cases.person.view", person, purpose=purpose, case=case.code)
    return person


def persons_visible_to(
    user: AnyUser, *, purpose: str, case_code: str | None = None
) -> tuple[QuerySet[Person], str]:
    """For the API: persons of visible cases and the cleaned purpose (the API audits each person
    it returns with it)."""
    require(user, "person.view")
    purpose = _clean_purpose(purpose)
    qs = Person.objects.filter(
        permissions.persons_visible_q(user), case__isnull=False, anonymized=False
    ).select_related("case")
    if case_code:
        qs = qs.filter(case__code=case_code)
    return qs.order_by("case__code", "number"), purpose


def search_persons(user: Actor, query: str, *, purpose: str) -> list[Person]:
    """Persons in visible cases whose name matches every token of the query (blind index)."""
    require(user, "person.search")
    purpose = _clean_purpose(purpose)
    digests = blindindex.query_digests(query)
    if not digests:
        raise ValidationError(_("Type at least one name of two letters or more."))
    matching = (
        NameIndex.objects.filter(digest__in=digests)
        .values("person_id")
        .annotate(n=Count("digest", distinct=True))
        .filter(n=len(digests))
        .values_list("person_id", flat=True)
    )
    persons = list(
        Person.objects.filter(
            permissions.persons_visible_q(user), pk__in=list(matching), case__isnull=False
        )
        .select_related("case")
        .order_by("case__code", "number")
    )
    record(
        user,
        "cases.person.search",
        None,
        purpose=purpose,
        results=len(persons),
        # every person here has a case (case__isnull=False above)
        cases=sorted({p.case.code for p in persons if p.case is not None}),
    )
    return persons


def case_statistics(user: AnyUser, *, year: int | None = None) -> dict[str, Any]:
    """Figures without personal data: counts by period, channel, citizenship, sex, age group,
    form of exploitation and referral outcome. National (all agencies).

    Counted per registration month and kept until that month's cases, persons or referrals
    change (cases.tallies): a year's figures, or every year's, count again only the months
    changed since."""
    require(user, "stats.view")
    t = tallies.tallies(year)
    by_year: Counter[int] = Counter()
    by_month: Counter[int] = Counter()
    for day, n in t.days.items():
        by_year[day.year] += n
        by_month[day.month] += n
    return {
        "year": year,
        "cases": t.days.total(),
        "persons": t.who["sex"].total(),
        "by_year": dict(sorted(by_year.items())),
        "by_month": dict(sorted(by_month.items())) if year else {},
        "by_status": _ranked(t.kinds["status"]),
        "by_channel": _ranked(t.kinds["channel"]),
        "by_trafficking_status": _ranked(t.kinds["trafficking_status"]),
        "by_citizenship": {k or "unknown": v for k, v in _ranked(t.who["citizenship"]).items()},
        "by_sex": _ranked(t.who["sex"]),
        "by_age_group": _by_age_group(t.who["age_at_registration"]),
        "by_exploitation": _ranked(t.exploitation),
        "by_referral_outcome": _ranked(t.decisions),
        "readmitted_persons": t.who["readmitted"].get(True, 0),
    }


def _by_age_group(by_age: Counter[Any]) -> dict[str, int]:
    """Persons per age at registration summed into CTDC's bands, in band order; empty bands left
    out."""
    ages: Counter[str] = Counter()
    for age, n in by_age.items():
        ages[age_band(age)] += n
    return {b: ages[b] for b in [age_band(lo) for lo, _ in AGE_BANDS] + ["unknown"] if ages[b]}


def _ranked(counts: Counter[Any]) -> dict[Any, int]:
    """Most first, then by value: the tables' order."""
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0]))))


TABLES = (
    "by_year",
    "by_month",
    "by_status",
    "by_channel",
    "by_trafficking_status",
    "by_citizenship",
    "by_sex",
    "by_age_group",
    "by_exploitation",
    "by_referral_outcome",
)
TOTALS = ("cases", "persons", "readmitted_persons")


def case_figures(user: AnyUser, *, year: int | None = None) -> dict[str, Any]:
    """case_statistics for a page: every count below k (settings.CTIP_STATS_MIN_CELL) shown as
    "< k", and in a table with one such cell one more, so that the total does not give it away."""
    stats = case_statistics(user, year=year)
    k = max(int(settings.CTIP_STATS_MIN_CELL), 1)
    hidden = f"< {k}"
    return {
        "year": stats["year"],
        "k": k,
        "totals": {
            name: stats[name] if stats[name] >= k or not stats[name] else hidden for name in TOTALS
        },
        "tables": {name: suppress_small_cells(stats[name], k, hidden) for name in TABLES},
    }


def suppress_small_cells(cells: dict[Any, int], k: int, hidden: str) -> dict[Any, int | str]:
    """The table with every count below k hidden, and the smallest other one too when only one
    is below k (a table's total would give that one away)."""
    small = {key for key, n in cells.items() if 0 < n < k}
    if len(small) == 1 and len(cells) > 1:
        shown = sorted((n, str(key)) for key, n in cells.items() if key not in small and n)
        if shown:
            small |= {key for key in cells if str(key) == shown[0][1]}
    return {key: hidden if key in small else n for key, n in cells.items()}


def audit_entries_visible_to(
    user: AnyUser,
    *,
    who: str = "",
    action: str = "",
    case: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEntry]:
    """The audit entries about cases, newest first, narrowed by who, what, which case and when."""
    require(user, "audit.view")
    qs = AuditEntry.objects.filter(action__startswith="cases.")
    if who:
        qs = qs.filter(actor_name__iexact=who)
    if action:
        qs = qs.filter(action=action)
    if case:
        qs = qs.filter(Q(details__case=case) | Q(details__code=case))
    if date_from:
        qs = qs.filter(at__date__gte=date_from)
    if date_to:
        qs = qs.filter(at__date__lte=date_to)
    return qs.order_by("-id")


def intake_summary(user: Actor, intake: Intake | None, *, purpose: str) -> str:
    """The intake's call summary (personal data, sealed), for a user who may see persons' data,
    read with a purpose and audited like them; "" when there is none or the user may not."""
    if intake is None or not intake.summary or not can(user, "person.view"):
        return ""
    purpose = _clean_purpose(purpose)
    record(user, "cases.intake.view", intake, purpose=purpose, intake=intake.pk)
    return intake.summary
