"""Who may read, edit and review item reports: the one place the plan app asks.

- Submitted and approved reports are visible to every logged-in user.
- Drafts and returned reports are visible only to the agency's own users, reviewers
  (coordinator, admin) and auditors.
- A focal point edits and submits only their own agency's reports, while draft or returned.
- Reviewers (coordinator, admin) return, approve and reopen any agency's report; they may also
  edit a report that is not approved.
- Approved reports are locked: nobody edits them until a reviewer reopens them.
"""

from __future__ import annotations

from django.db.models import Q

from ctip.accounts.roles import PLAN_CATALOGUE_ROLES, Role

OPEN_STATUSES = ("draft", "returned")
PUBLIC_STATUSES = ("submitted", "approved")


def is_reviewer(user) -> bool:
    return bool(user and user.is_authenticated and user.is_reviewer)


def sees_all_drafts(user) -> bool:
    return is_reviewer(user) or getattr(user, "role", None) == Role.AUDITOR


def sees_pii(user) -> bool:
    return bool(user and user.is_authenticated and user.sees_narrative_pii)


def visible_q(user) -> Q:
    """A filter on ItemReport for what `user` may read."""
    if not (user and user.is_authenticated):
        return Q(pk__in=[])
    if sees_all_drafts(user):
        return Q()
    q = Q(status__in=PUBLIC_STATUSES)
    if user.agency_id:
        q |= Q(agency_id=user.agency_id)
    return q


def writable_q(user) -> Q:
    """A filter on ItemReport for the reports `user` may act on at all (edit, submit, review)."""
    if is_reviewer(user):
        return Q()
    if user and user.is_authenticated and user.role == Role.FOCAL_POINT and user.agency_id:
        return Q(agency_id=user.agency_id)
    return Q(pk__in=[])


def can_view(user, report) -> bool:
    if not (user and user.is_authenticated):
        return False
    return (
        sees_all_drafts(user)
        or report.status in PUBLIC_STATUSES
        or (user.agency_id is not None and report.agency_id == user.agency_id)
    )


def is_own_focal_point(user, report) -> bool:
    return bool(
        user
        and user.is_authenticated
        and user.role == Role.FOCAL_POINT
        and user.agency_id
        and user.agency_id == report.agency_id
    )


def can_edit(user, report) -> bool:
    if report.status not in OPEN_STATUSES and not (
        is_reviewer(user) and report.status == "submitted"
    ):
        return False
    return is_own_focal_point(user, report) or is_reviewer(user)


def can_submit(user, report) -> bool:
    return report.status in OPEN_STATUSES and (
        is_own_focal_point(user, report) or is_reviewer(user)
    )


def can_review(user, report) -> bool:
    return is_reviewer(user)


def can_import(user, agency) -> bool:
    if is_reviewer(user):
        return True
    return bool(
        user
        and user.is_authenticated
        and user.role == Role.FOCAL_POINT
        and user.agency_id == agency.pk
    )


# --- the plan's catalogue (issue 15) ----------------------------------------------------------


def can_manage_catalogue(user) -> bool:
    """Load a plan, edit its catalogue, mark obligations not applicable, confirm crosswalks: only
    the national coordinator's office."""
    return bool(user and user.is_authenticated and user.role in PLAN_CATALOGUE_ROLES)


def can_read_catalogue(user) -> bool:
    """The catalogue (titles, executors, deadlines, obligations, indicators) is no secret inside
    the national system: every logged-in user reads it."""
    return bool(user and user.is_authenticated)


def can_enter_indicator_value(user, executor_agency_ids, agency) -> bool:
    """A value is entered by the reporting agency's focal point (for an executor of the sub-item)
    or by the coordinator's office."""
    if can_manage_catalogue(user):
        return True
    return bool(
        user
        and user.is_authenticated
        and user.role == Role.FOCAL_POINT
        and user.agency_id
        and user.agency_id == getattr(agency, "pk", None)
        and agency.pk in executor_agency_ids
    )
