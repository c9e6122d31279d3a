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
- A registry entry belongs to the agency that registered it: registering (find-or-create, the API's
  POST, an import) on behalf of another agency never changes it — no recipients, names, sub-items or
  subject are added, so no download opens. A report citing it is linked to it (the report's
  "documents"), which changes nothing of the entry (`changes_entry`).

Role sets come from ctip/accounts/roles.py.
"""

from __future__ import annotations

from django.db.models import Q

from ctip.accounts.roles import (
    AGENCY_FOCAL_ROLES,
    COORDINATOR_ROLES,
    FILE_READER_ROLES,
    RECORD_WRITER_ROLES,
    role_of,
)
from ctip.accounts.types import AnyUser
from ctip.plan.models import Agency

from .models import Activity, Document, Recommendation


def can_read(user: AnyUser) -> bool:
    return role_of(user) is not None


def visible_q(user: AnyUser) -> Q:
    """Records are institutional: every role reads every agency's (and the system, None)."""
    return Q() if can_list(user) else Q(pk__in=[])


def can_list(user: AnyUser) -> bool:
    """May list records in the selectors and statistics. `None` is the system itself (a command
    run by the operator on the server, such as `ctip report`), which reads every record."""
    return user is None or can_read(user)


def writes_any_agency(user: AnyUser) -> bool:
    return role_of(user) in COORDINATOR_ROLES


def _focal_agency(user: AnyUser) -> int | None:
    """The agency a focal point writes for (None for every other role)."""
    if role_of(user) in RECORD_WRITER_ROLES and role_of(user) in AGENCY_FOCAL_ROLES:
        # a focal point with no agency writes nothing (None); a role means a signed-in user
        return getattr(user, "agency_id", None)
    return None


def can_create(user: AnyUser) -> bool:
    """May create records at all (for their own agency, or any for coordinator/admin)."""
    return writes_any_agency(user) or _focal_agency(user) is not None


def can_write_for(user: AnyUser, agency: Agency | int | None) -> bool:
    """May create or edit records owned by `agency`."""
    if writes_any_agency(user):
        return True
    own = _focal_agency(user)
    return own is not None and getattr(agency, "pk", agency) == own


def changes_entry(agency: Agency | int | None, document: Document) -> bool:
    """Registering `document` on behalf of `agency` may change the entry only for its owner."""
    return getattr(agency, "pk", agency) == document.agency_id


def can_edit(user: AnyUser, obj: Document | Activity | Recommendation) -> bool:
    """Documents and activities: by owner agency. Recommendations: recorder or responsible."""
    if writes_any_agency(user):
        return True
    own = _focal_agency(user)
    if own is None:
        return False

    if isinstance(obj, Recommendation):
        return obj.agency_id == own or obj.responsible.filter(pk=own).exists()
    return obj.agency_id == own


def editable_q(user: AnyUser, model: type[Document | Activity | Recommendation]) -> Q:
    """A filter on `model` for the objects `user` may edit."""
    if writes_any_agency(user):
        return Q()
    own = _focal_agency(user)
    if own is None:
        return Q(pk__in=[])

    if model is Recommendation:
        return Q(agency_id=own) | Q(responsible=own)
    return Q(agency_id=own)


def can_download(user: AnyUser, document: Document) -> bool:
    """The owner, the issuer and the recipients the owner named; file readers (any entry)."""
    if role_of(user) in FILE_READER_ROLES:
        return True
    own = getattr(user, "agency_id", None) if role_of(user) in AGENCY_FOCAL_ROLES else None
    if own is None:
        return False
    return (
        document.agency_id == own
        or document.issuer_id == own
        or document.recipients.filter(pk=own).exists()
    )
