"""Which duties a user is reminded of, from the role sets in accounts/roles.py."""

from ctip.accounts.roles import AGENCY_FOCAL_ROLES, RECORD_WRITER_ROLES, role_of


def reminded_of_records(user) -> bool:
    """Registry deadlines and recommendations: those who keep the records."""
    return role_of(user) in RECORD_WRITER_ROLES


def agency_scope(user):
    """The agency whose duties a focal point is reminded of; None (every agency) for the
    coordinator's office."""
    return user.agency if role_of(user) in AGENCY_FOCAL_ROLES else None
