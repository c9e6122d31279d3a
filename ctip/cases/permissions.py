"""Who may do what with victims' cases: the one place views, API, services and selectors ask.

Two layers, both here:

1. The role × action table (`ACTION_ROLES`, from the role sets of ctip/accounts/roles.py): what a
   role may do at all (`can`, `require`); `ctip cases permissions` prints it.
2. The scope, for the agency-scoped case roles (case workers, supervisors):
   - in a case its agency *owns*, every action of the role;
   - in a case *referred* to its agency, only a receiving agency's actions (`RECEIVER_ACTIONS`):
     read the case record, see the referred persons (all persons only when the whole case was
     referred), record its own referral's decision, add and update the services it provides —
     never edit the owner's data, screen, refer on, close or transfer;
   - nothing in other cases (a 404: the case is not even listed).
   Administrators (oversight) see every case's pseudonymous record, never personal data.
   The owner hands a case over with `case.transfer` (an audited service of its own).

Predicates: `can`, `can_on_case`, `can_decide`, `can_update_service`, `can_provide_service`.
Queryset filters: `cases_visible_q`, `persons_visible_q`, `intakes_visible_q`,
`referrals_visible_q`, `services_visible_q`, `events_visible_q`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from ctip.accounts.roles import (
    AUDIT_READER_ROLES,
    CASE_EXPORT_ROLES,
    CASE_OVERSIGHT_ROLES,
    CASE_STATS_ROLES,
    CASE_TRANSFER_ROLES,
    CASEWORK_ROLES,
    Role,
    role_of,
)
from ctip.accounts.types import AnyUser
from ctip.plan.models import Agency

from .models import Case, Intake, Person, Referral, Service

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise, _StrPromise

ACTIONS: dict[str, _StrPromise] = {
    "intake.create": _("Register an intake (hotline call, operation, referral…)"),
    "case.list": _("List cases by pseudonymous code"),
    "case.view": _("Open a case record without personal data (timeline, status)"),
    "case.edit": _("Triage, screen, refer, record the case's details"),
    "case.decide": _("Record a referral's decision (a receiving agency: its own referral only)"),
    "case.service": _("Add and update protection services (a receiving agency: its own only)"),
    "case.close": _("Close a case with a reason"),
    "case.transfer": _("Hand a case over to another agency (the owner only; audited)"),
    "person.view": _("See personal data (with a stated purpose, audited)"),
    "person.edit": _("Enter or change personal data (with a stated purpose, audited)"),
    "person.search": _("Find a person by name through the blind index (audited)"),
    "stats.view": _("Figures without personal data (/cases/stats/)"),
    "export.run": _("k-anonymous export (ctip export-cases)"),
    "audit.view": _("Read the audit log"),
    "system.manage": _("Indicator sets, key rotation, retention"),
}

# Which role sets may do each action at all (before the scope).
ACTION_ROLES: dict[str, frozenset[str]] = {
    "intake.create": CASEWORK_ROLES,
    "case.list": CASEWORK_ROLES | CASE_OVERSIGHT_ROLES,
    "case.view": CASEWORK_ROLES | CASE_OVERSIGHT_ROLES,
    "case.edit": CASEWORK_ROLES,
    "case.decide": CASEWORK_ROLES,
    "case.service": CASEWORK_ROLES,
    "case.close": CASEWORK_ROLES,
    "case.transfer": CASE_TRANSFER_ROLES,
    "person.view": CASEWORK_ROLES,
    "person.edit": CASEWORK_ROLES,
    "person.search": CASEWORK_ROLES,
    "stats.view": CASE_STATS_ROLES,
    "export.run": CASE_EXPORT_ROLES,
    "audit.view": AUDIT_READER_ROLES,
    "system.manage": CASE_OVERSIGHT_ROLES,
}

# The table by role, for printing and for the pages that show it.
MATRIX: dict[str, frozenset[str]] = {
    role: frozenset(a for a, roles in ACTION_ROLES.items() if role in roles) for role in Role.values
}

# What a receiving agency may do in a case referred to it.
RECEIVER_ACTIONS = frozenset(
    {"case.list", "case.view", "case.decide", "case.service", "person.view", "person.search"}
)
# Roles whose reach is their agency's cases and those referred to it.
AGENCY_SCOPED = CASEWORK_ROLES

OWNER, RECEIVER, OVERSIGHT = "owner", "receiver", "oversight"


def can(user: AnyUser, action: str) -> bool:
    """May the user's role do `action` at all (in some case of its reach)?"""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    role = role_of(user)
    return role is not None and role in ACTION_ROLES[action]


def require(user: AnyUser, action: str) -> None:
    if not can(user, action):
        raise PermissionDenied(f"not allowed: {action}")


def _agency_id(user: AnyUser) -> int | None:
    return getattr(user, "agency_id", None) if role_of(user) in AGENCY_SCOPED else None


def _nothing() -> Q:
    return Q(pk__in=[])


# --- queryset filters ----------------------------------------------------------------------------


def _referred_to(agency_id: int, **match: object) -> Exists:
    return Exists(Referral.objects.filter(to_agency_id=agency_id, **match))


def cases_visible_q(user: AnyUser) -> Q:
    """Cases the user may list: the agency's own and those referred to it; all for oversight."""
    if not can(user, "case.list"):
        return _nothing()
    if role_of(user) not in AGENCY_SCOPED:
        return Q()
    agency_id = _agency_id(user)
    if agency_id is None:
        return _nothing()
    # the referred cases as one uncorrelated subquery (read once), not an EXISTS per case: the
    # national list would otherwise probe the referrals for each of 100,000 cases
    referred = Referral.objects.filter(to_agency_id=agency_id).values("case_id")
    return Q(agency_id=agency_id) | Q(pk__in=referred)


def cases_visible_parts(user: AnyUser) -> list[Q]:
    """cases_visible_q as parts that share no case, each read from its own index (the case list):
    the agency's own cases and those referred to it that are not its own; every case, one part,
    for oversight; no part for whom may not list."""
    if not can(user, "case.list"):
        return []
    if role_of(user) not in AGENCY_SCOPED:
        return [Q()]
    agency_id = _agency_id(user)
    if agency_id is None:
        return []
    referred = Referral.objects.filter(to_agency_id=agency_id).values("case_id")
    return [Q(agency_id=agency_id), Q(pk__in=referred) & ~Q(agency_id=agency_id)]


def persons_visible_q(user: AnyUser) -> Q:
    """Persons whose personal data the user may open: every person of the agency's own cases; in
    a case referred to it, the referred person (every person when the whole case was referred)."""
    agency_id = _agency_id(user)
    if not can(user, "person.view") or agency_id is None:
        return _nothing()
    return (
        Q(case__agency_id=agency_id)
        | Q(_referred_to(agency_id, case=OuterRef("case"), person__isnull=True), case__isnull=False)
        | Q(_referred_to(agency_id, person=OuterRef("pk")))
    )


def intakes_visible_q(user: AnyUser) -> Q:
    """Intakes (and their persons, before triage) belong to the agency that registered them."""
    agency_id = _agency_id(user)
    if not can(user, "intake.create") or agency_id is None:
        return _nothing()
    return Q(agency_id=agency_id)


def referrals_visible_q(user: AnyUser, case: Case) -> Q:
    """A case's referrals: all for the owner and oversight, its own for a receiving agency."""
    if relation(user, case) == RECEIVER:
        return Q(to_agency_id=_agency_id(user))
    return Q()


def services_visible_q(user: AnyUser, case: Case) -> Q:
    """A case's services: all for the owner and oversight; for a receiving agency those it
    provides and those of the persons referred to it."""
    if relation(user, case) != RECEIVER:
        return Q()

    visible = Person.objects.filter(persons_visible_q(user), case=case).values("pk")
    return Q(provider_id=_agency_id(user)) | Q(person__in=visible)


def events_visible_q(user: AnyUser, case: Case) -> Q:
    """The timeline: whole for the owner and oversight; a receiving agency sees what its own users
    did and when the case was opened and closed."""
    if relation(user, case) != RECEIVER:
        return Q()
    return Q(actor__agency_id=_agency_id(user)) | Q(kind__in=("opened", "closed", "transferred"))


# --- predicates ----------------------------------------------------------------------------------


def relation(user: AnyUser, case: Case) -> str | None:
    """How the user stands to the case: owner, receiver (referred to its agency), oversight."""
    role = role_of(user)
    if role is None:
        return None
    if role not in AGENCY_SCOPED:
        return OVERSIGHT if can(user, "case.view") else None
    agency_id = _agency_id(user)
    if agency_id is None:
        return None
    if case.agency_id == agency_id:
        return OWNER
    if case.referrals.filter(to_agency_id=agency_id).exists():
        return RECEIVER
    return None


def can_on_case(user: AnyUser, case: Case, action: str) -> bool:
    """May the user do `action` in this case (role and scope)?"""
    if not can(user, action):
        return False
    rel = relation(user, case)
    if rel == RECEIVER:
        return action in RECEIVER_ACTIONS
    return rel in (OWNER, OVERSIGHT)


def require_on_case(user: AnyUser, case: Case, action: str) -> None:
    if not can_on_case(user, case, action):
        raise PermissionDenied(f"not allowed in this case: {action}")


def can_see_person(user: AnyUser, person: Person) -> bool:
    return Person.objects.filter(persons_visible_q(user), pk=person.pk).exists()


def can_decide(user: AnyUser, referral: Referral) -> bool:
    """The owner records any referral's decision; a receiving agency only its own referral's."""
    case = referral.case
    if not can_on_case(user, case, "case.decide"):
        return False
    return relation(user, case) == OWNER or referral.to_agency_id == _agency_id(user)


def can_provide_service(
    user: AnyUser, case: Case, *, provider: Agency | int | None, person: Person | None
) -> bool:
    """The owner adds any service; a receiving agency only services it provides itself, to a
    person referred to it (or to the whole case when the whole case was referred to it)."""
    if not can_on_case(user, case, "case.service"):
        return False
    if relation(user, case) == OWNER:
        return True
    if getattr(provider, "pk", provider) != _agency_id(user):
        return False
    if person is None:
        return case.referrals.filter(to_agency_id=_agency_id(user), person__isnull=True).exists()
    return person.case_id == case.pk and can_see_person(user, person)


def can_update_service(user: AnyUser, service: Service) -> bool:
    """The owner updates any service of the case; a receiving agency those it provides."""
    case = service.case
    if not can_on_case(user, case, "case.service"):
        return False
    return relation(user, case) == OWNER or service.provider_id == _agency_id(user)


def can_transfer(user: AnyUser, case: Case) -> bool:
    return can_on_case(user, case, "case.transfer") and relation(user, case) == OWNER


def can_register_intake_for(user: AnyUser, agency: Agency | int) -> bool:
    """Case roles register intakes for their own agency only."""
    if not can(user, "intake.create"):
        return False
    return role_of(user) not in AGENCY_SCOPED or getattr(agency, "pk", agency) == _agency_id(user)


def can_on_intake(user: AnyUser, intake: Intake, action: str = "case.edit") -> bool:
    """An intake is triaged by the agency that registered it."""
    agency_id = _agency_id(user)
    return can(user, action) and agency_id is not None and intake.agency_id == agency_id


# --- the table, printed ----------------------------------------------------------------------------


def matrix_rows() -> list[tuple[str, list[bool]]]:
    """(action, [allowed for each role in Role order]) for printing."""
    return [(a, [a in MATRIX.get(r, ()) for r in Role.values]) for a in ACTIONS]


def matrix_table() -> tuple[
    list[tuple[str, _StrOrPromise]], list[tuple[str, _StrOrPromise, list[bool]]]
]:
    """(roles as (value, label), rows as (action, description, [allowed per role])) for a page."""
    return list(Role.choices), [(a, ACTIONS[a], row) for a, row in matrix_rows()]


def matrix_markdown() -> str:
    head = "| action | " + " | ".join(Role.values) + " |"
    sep = "|---|" + "---|" * len(Role.values)
    lines = [head, sep]
    for action, row in matrix_rows():
        lines.append(f"| {action} | " + " | ".join("✓" if ok else "·" for ok in row) + " |")
    lines.append("")
    lines.append(
        "In a case referred to their agency, case workers and supervisors may only: "
        + ", ".join(sorted(RECEIVER_ACTIONS))
        + " (the referred persons only)."
    )
    return "\n".join(lines)
