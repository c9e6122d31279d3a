"""Who may generate which report: the one place the reports app asks.

- The coordinator's office and administrators generate any agency's report and the
  consolidated national report.
- A focal point generates their own agency's report only.
- Everyone else (case workers, analysts, auditors…) generates none: narratives may name people,
  and the full text belongs to those who see narrative personal data.
- Suggestions for an item report are shown to whoever may edit that report.
"""

from __future__ import annotations

from ctip.accounts.roles import Role


def can_generate(user, agency) -> bool:
    """May `user` generate the report of `agency` (None: the consolidated national report)?"""
    if not (user and user.is_authenticated):
        return False
    if user.role in (Role.COORDINATOR, Role.ADMIN) or user.is_superuser:
        return True
    return (
        user.role == Role.FOCAL_POINT
        and agency is not None
        and user.agency_id is not None
        and user.agency_id == agency.pk
    )


def can_generate_any(user) -> bool:
    return bool(
        user
        and user.is_authenticated
        and (user.role in (Role.COORDINATOR, Role.ADMIN, Role.FOCAL_POINT) or user.is_superuser)
    )


def can_see_suggestions(user, report) -> bool:
    from ctip.plan.permissions import is_own_focal_point, is_reviewer

    return is_own_focal_point(user, report) or is_reviewer(user)
