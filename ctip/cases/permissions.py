"""Who may do what with victims' cases: one role × action table, asked by views, API, services.

Scope on top of the table (selectors.cases_visible_to): case workers and supervisors see the
cases owned by their agency and those referred to it; administrators see every case's
pseudonymous record (code, status, figures) but never personal data.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from ctip.accounts.roles import Role

ACTIONS: dict[str, str] = {
    "intake.create": _("Register an intake (hotline call, operation, referral…)"),
    "case.list": _("List cases by pseudonymous code"),
    "case.view": _("Open a case record without personal data (timeline, status)"),
    "case.edit": _("Triage, screen, refer, record decisions and services"),
    "case.close": _("Close a case with a reason"),
    "person.view": _("See personal data (with a stated purpose, audited)"),
    "person.edit": _("Enter or change personal data (with a stated purpose, audited)"),
    "person.search": _("Find a person by name through the blind index (audited)"),
    "stats.view": _("Figures without personal data (/cases/stats/)"),
    "export.run": _("k-anonymous export (ctip export-cases)"),
    "audit.view": _("Read the audit log"),
    "system.manage": _("Indicator sets, key rotation, retention"),
}

_CASEWORK = {
    "intake.create",
    "case.list",
    "case.view",
    "case.edit",
    "case.close",
    "person.view",
    "person.edit",
    "person.search",
    "stats.view",
}

MATRIX: dict[str, frozenset[str]] = {
    Role.CASE_WORKER: frozenset(_CASEWORK),
    Role.SUPERVISOR: frozenset(_CASEWORK),
    Role.FOCAL_POINT: frozenset({"stats.view"}),
    Role.COORDINATOR: frozenset({"stats.view", "export.run"}),
    Role.ANALYST: frozenset({"stats.view", "export.run"}),
    Role.AUDITOR: frozenset({"audit.view"}),
    Role.ADMIN: frozenset(
        {"case.list", "case.view", "stats.view", "export.run", "audit.view", "system.manage"}
    ),
}

# Roles whose case list is limited to their agency (own cases and cases referred to it).
AGENCY_SCOPED = frozenset({Role.CASE_WORKER, Role.SUPERVISOR})


def role_of(user) -> str | None:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if user.is_superuser:
        return Role.ADMIN
    return user.role


def can(user, action: str) -> bool:
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    role = role_of(user)
    return role is not None and action in MATRIX.get(role, ())


def require(user, action: str) -> None:
    if not can(user, action):
        raise PermissionDenied(f"not allowed: {action}")


def matrix_rows() -> list[tuple[str, list[bool]]]:
    """(action, [allowed for each role in Role order]) for printing."""
    return [(a, [a in MATRIX.get(r, ()) for r in Role.values]) for a in ACTIONS]


def matrix_markdown() -> str:
    head = "| action | " + " | ".join(Role.values) + " |"
    sep = "|---|" + "---|" * len(Role.values)
    lines = [head, sep]
    for action, row in matrix_rows():
        lines.append(f"| {action} | " + " | ".join("✓" if ok else "·" for ok in row) + " |")
    return "\n".join(lines)
