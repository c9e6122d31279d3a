"""Who may read, edit and review item reports: the one place the plan app asks.

- Submitted and approved reports are visible to every logged-in user.
- Drafts and returned reports are visible only to the agency's own users, reviewers
  (coordinator, admin) and auditors.
- A focal point edits and submits only their own agency's reports, while draft or returned.
- Reviewers (coordinator, admin) return, approve and reopen any agency's report; they may also
  edit a report that is not approved.
- Approved reports are locked: nobody edits them until a reviewer reopens them.
- The catalogue — plans, directions, sections, sub-items and which plan is current — is the
  coordinator's office's (`can_edit_catalogue`): a focal point's import may only report on the
  sub-items of a plan that exists; `ctip import-report`, run by the operator, may add them.
- Names of persons in narratives are shown only to the roles with need-to-know (`sees_pii`).

Role sets come from ctip/accounts/roles.py.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from django.db.models import Q

from ctip.accounts.roles import (
    AGENCY_FOCAL_ROLES,
    COORDINATOR_ROLES,
    DRAFT_READER_ROLES,
    NARRATIVE_PII_ROLES,
    PLAN_CATALOGUE_ROLES,
    role_of,
)

if TYPE_CHECKING:
    from ctip.accounts.types import AnyUser

    from .models import Agency, ItemReport, ReportImport

OPEN_STATUSES = ("draft", "returned")
PUBLIC_STATUSES = ("submitted", "approved")


def is_reviewer(user: AnyUser) -> bool:
    return role_of(user) in COORDINATOR_ROLES


def can_edit_catalogue(user: AnyUser) -> bool:
    """Create and load plans, edit their catalogue (directions, sub-items, executors, deadlines,
    indicators), mark the current plan, settle obligations and confirm crosswalks."""
    return role_of(user) in PLAN_CATALOGUE_ROLES


def sees_all_drafts(user: AnyUser) -> bool:
    return role_of(user) in DRAFT_READER_ROLES


def sees_pii(user: AnyUser) -> bool:
    return role_of(user) in NARRATIVE_PII_ROLES


def focal_agency_id(user: AnyUser) -> int | None:
    """The agency a focal point acts for (None for every other role)."""
    # a role of AGENCY_FOCAL_ROLES is only ever a signed-in User's
    return getattr(user, "agency_id", None) if role_of(user) in AGENCY_FOCAL_ROLES else None


def visible_q(user: AnyUser) -> Q:
    """A filter on ItemReport for what `user` may read."""
    if not (user and user.is_authenticated):
        return Q(pk__in=[])
    if sees_all_drafts(user):
        return Q()
    q = Q(status__in=PUBLIC_STATUSES)
    if user.agency_id:
        q |= Q(agency_id=user.agency_id)
    return q


def writable_q(user: AnyUser) -> Q:
    """A filter on ItemReport for the reports `user` may act on at all (edit, submit, review)."""
    if is_reviewer(user):
        return Q()
    if own := focal_agency_id(user):
        return Q(agency_id=own)
    return Q(pk__in=[])


def can_view(user: AnyUser, report: ItemReport) -> bool:
    if not (user and user.is_authenticated):
        return False
    return (
        sees_all_drafts(user)
        or report.status in PUBLIC_STATUSES
        or (user.agency_id is not None and report.agency_id == user.agency_id)
    )


def is_own_focal_point(user: AnyUser, report: ItemReport) -> bool:
    own = focal_agency_id(user)
    return bool(own and own == report.agency_id)


def can_edit(user: AnyUser, report: ItemReport) -> bool:
    if report.status not in OPEN_STATUSES and not (
        is_reviewer(user) and report.status == "submitted"
    ):
        return False
    return is_own_focal_point(user, report) or is_reviewer(user)


def can_submit(user: AnyUser, report: ItemReport) -> bool:
    return report.status in OPEN_STATUSES and (
        is_own_focal_point(user, report) or is_reviewer(user)
    )


def can_review(user: AnyUser, report: ItemReport) -> bool:
    return is_reviewer(user)


def can_import(user: AnyUser, agency: Agency) -> bool:
    """Import a report of `agency`: the coordinator's office any, a focal point its own."""
    if is_reviewer(user):
        return True
    own = focal_agency_id(user)
    return bool(own and own == agency.pk)


def can_import_any(user: AnyUser) -> bool:
    """May use the import at all (the page and its button)."""
    return is_reviewer(user) or bool(focal_agency_id(user))


def can_see_import(user: AnyUser, staged: ReportImport) -> bool:
    """A staged import (its extraction holds the report's text) is seen by its uploader and the
    coordinator's office only."""
    if not (user and user.is_authenticated):
        return False
    return is_reviewer(user) or (staged.owner_id is not None and staged.owner_id == user.pk)


def can_read_catalogue(user: AnyUser) -> bool:
    """The catalogue (titles, executors, deadlines, obligations, indicators) is no secret inside
    the national system: every logged-in user reads it."""
    return bool(user and user.is_authenticated)


def can_enter_indicator_value(
    user: AnyUser, executor_agency_ids: Collection[int], agency: Agency | None
) -> bool:
    """A value is entered by the reporting agency's focal point (for an executor of the sub-item)
    or by the coordinator's office."""
    if can_edit_catalogue(user):
        return True
    own = focal_agency_id(user)
    return bool(own and own == getattr(agency, "pk", None) and own in executor_agency_ids)
