"""Which duties a user is reminded of, from the role sets in accounts/roles.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ctip.accounts.roles import AGENCY_FOCAL_ROLES, RECORD_WRITER_ROLES, role_of

if TYPE_CHECKING:
    from ctip.accounts.models import User
    from ctip.plan.models import Agency


def reminded_of_records(user: User) -> bool:
    """Registry deadlines and recommendations: those who keep the records."""
    return role_of(user) in RECORD_WRITER_ROLES


def agency_scope(user: User) -> Agency | None:
    """The agency whose duties a focal point is reminded of; None (every agency) for the
    coordinator's office."""
    return user.agency if role_of(user) in AGENCY_FOCAL_ROLES else None
