"""Who may read and write records: the one place the records app asks.

- Every logged-in user with a role reads the registry, activities and recommendations
  (they are institutional records, not personal data); so does the system (`user=None`) in
  selectors and statistics, for commands the operator runs on the server.
- Focal points create and edit the records of their own agency; coordinator and admin any agency's.
- Analysts, auditors, case workers and supervisors only read.
- Attached files are downloaded by coordinator, admin, analysts and auditors, and by focal points of
  the agency that registered, issued or received the document.
- A recommendation is edited by coordinator/admin, or by focal points of the agency that recorded it
  or is responsible for it.
"""

from __future__ import annotations

from django.db.models import Q

from ctip.accounts.roles import Role

WRITER_ROLES = frozenset({Role.FOCAL_POINT, Role.COORDINATOR, Role.ADMIN})
ALL_AGENCIES_ROLES = frozenset({Role.COORDINATOR, Role.ADMIN})
FILE_READER_ROLES = frozenset({Role.COORDINATOR, Role.ADMIN, Role.ANALYST, Role.AUDITOR})


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def can_read(user) -> bool:
    return _active(user) and (bool(user.role) or user.is_superuser)


def can_list(user) -> bool:
    """May list records in the selectors and statistics. `None` is the system itself (a command
    run by the operator on the server, such as `ctip report`), which reads every record."""
    return user is None or can_read(user)


def writes_any_agency(user) -> bool:
    return _active(user) and (user.role in ALL_AGENCIES_ROLES or user.is_superuser)


def can_create(user) -> bool:
    """May create records at all (for their own agency, or any for coordinator/admin)."""
    if writes_any_agency(user):
        return True
    return _active(user) and user.role == Role.FOCAL_POINT and user.agency_id is not None


def can_write_for(user, agency) -> bool:
    """May create or edit records owned by `agency`."""
    if writes_any_agency(user):
        return True
    agency_id = getattr(agency, "pk", agency)
    return (
        _active(user)
        and user.role == Role.FOCAL_POINT
        and user.agency_id is not None
        and agency_id == user.agency_id
    )


def can_edit(user, obj) -> bool:
    """Documents and activities: by owner agency. Recommendations: recorder or responsible."""
    if writes_any_agency(user):
        return True
    if not (_active(user) and user.role == Role.FOCAL_POINT and user.agency_id):
        return False
    from .models import Recommendation

    if isinstance(obj, Recommendation):
        return obj.agency_id == user.agency_id or obj.responsible.filter(pk=user.agency_id).exists()
    return obj.agency_id == user.agency_id


def editable_q(user, model) -> Q:
    """A filter on `model` for the objects `user` may edit."""
    if writes_any_agency(user):
        return Q()
    if not (_active(user) and user.role == Role.FOCAL_POINT and user.agency_id):
        return Q(pk__in=[])
    from .models import Recommendation

    if model is Recommendation:
        return Q(agency_id=user.agency_id) | Q(responsible=user.agency_id)
    return Q(agency_id=user.agency_id)


def can_download(user, document) -> bool:
    if not can_read(user):
        return False
    if user.role in FILE_READER_ROLES or user.is_superuser:
        return True
    if user.role != Role.FOCAL_POINT or not user.agency_id:
        return False
    return (
        document.agency_id == user.agency_id
        or document.issuer_id == user.agency_id
        or document.recipients.filter(pk=user.agency_id).exists()
    )
