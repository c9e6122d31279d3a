"""Who may generate which report: the one place the reports app asks.

- The coordinator's office and administrators generate any agency's report and the
  consolidated national report.
- A focal point generates their own agency's report only.
- Everyone else (case workers, analysts, auditors…) generates none: narratives may name people,
  and the full text belongs to those who see narrative personal data.
- Suggestions for an item report are shown to whoever may edit that report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from ctip.accounts.roles import AGENCY_FOCAL_ROLES, COORDINATOR_ROLES, REPORT_ROLES, role_of
from ctip.plan.permissions import is_own_focal_point, is_reviewer

if TYPE_CHECKING:
    from ctip.accounts.models import User
    from ctip.plan.models import Agency, ItemReport


def can_generate(user: User, agency: Agency | None) -> bool:
    """May `user` generate the report of `agency` (None: the consolidated national report)?"""
    role = role_of(user)
    if role in COORDINATOR_ROLES:
        return True
    return (
        role in AGENCY_FOCAL_ROLES
        and agency is not None
        and user.agency_id is not None
        and user.agency_id == agency.pk
    )


def can_generate_any(user: User | AnonymousUser) -> bool:
    return role_of(user) in REPORT_ROLES


def agencies_q(user: User) -> Q:
    """A filter on Agency for the agencies whose report `user` may generate."""
    role = role_of(user)
    if role in COORDINATOR_ROLES:
        return Q()
    if role in AGENCY_FOCAL_ROLES and user.agency_id is not None:
        return Q(pk=user.agency_id)
    return Q(pk__in=[])


def can_see_suggestions(user: User, report: ItemReport) -> bool:
    return is_own_focal_point(user, report) or is_reviewer(user)
