"""A report's narrative edits and its review workflow (submit, return, approve, reopen), each
refusing a stale version."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ctip.accounts.types import Actor
from ctip.audit.services import record
from ctip.core.errors import Conflict

from .. import permissions
from ..models import ItemReport, ReportTransition
from .facts import _fact_rows, _replace_facts, _report_search_text, extract_facts

S = ItemReport.Status


def stale_version(report: ItemReport) -> Conflict:
    """The report changed since the user loaded it (optimistic locking)."""
    return Conflict(
        _(
            "This report was changed by someone else (now version %(v)s). "
            "Reload it and apply your changes again."
        )
        % {"v": report.version},
        current_version=report.version,
    )


def _locked(report: ItemReport) -> ItemReport:
    return (
        ItemReport.objects.select_for_update()
        .select_related("agency", "item", "period")
        .get(pk=report.pk)
    )


def _check_version(current: ItemReport, version: int | str | None) -> None:
    if version is not None and int(version) != current.version:
        raise stale_version(current)


def update_narrative(
    actor: Actor, report: ItemReport, *, narrative: str, version: int
) -> ItemReport:
    """Save a new narrative (refusing a stale version) and re-extract its facts."""
    narrative = (narrative or "").replace("\r\n", "\n").strip()
    with transaction.atomic():
        current = _locked(report)
        if not permissions.can_view(actor, current):
            raise PermissionDenied(_("Not found."))
        if not permissions.can_edit(actor, current):
            raise PermissionDenied(
                _("This report cannot be edited now (it is %(s)s).")
                % {"s": current.get_status_display()}
            )
        _check_version(current, version)
        if current.narrative == narrative:
            return current
        rows = _fact_rows(narrative, extract_facts(narrative))
        current.narrative = narrative
        current.search_text = _report_search_text(narrative, rows)
        current.version = F("version") + 1
        current.save(update_fields=["narrative", "search_text", "version", "updated"])
        current.refresh_from_db()
        _replace_facts(current, rows)
        record(
            actor,
            "plan.report.edited",
            current,
            purpose="report narrative edited",
            version=current.version,
            facts=len(rows),
        )
    return current


# (from statuses, to status, comment required, who)
TRANSITIONS = {
    "submit": ((S.DRAFT, S.RETURNED), S.SUBMITTED, False, permissions.can_submit),
    "return": ((S.SUBMITTED,), S.RETURNED, True, permissions.can_review),
    "approve": ((S.SUBMITTED,), S.APPROVED, False, permissions.can_review),
    "reopen": ((S.APPROVED,), S.RETURNED, True, permissions.can_review),
}


def transition(
    actor: Actor,
    report: ItemReport,
    action: str,
    *,
    version: int | str | None = None,
    comment: str = "",
) -> ItemReport:
    """Move a report along the review workflow; every move leaves a ReportTransition."""
    if action not in TRANSITIONS:
        raise ValidationError(_("Unknown action."))
    target = TRANSITIONS[action][1]
    comment = (comment or "").strip()
    with transaction.atomic():
        current = _locked(report)
        _check_move(actor, current, action, version, comment)
        old = current.status
        current.status = target
        current.version = F("version") + 1
        current.save(update_fields=["status", "version", "updated"])
        current.refresh_from_db()
        ReportTransition.objects.create(
            report=current, from_status=old, to_status=target, actor=actor, comment=comment
        )
        record(
            actor,
            f"plan.report.{action}",
            current,
            purpose="report review workflow",
            from_status=old,
            to_status=target,
            version=current.version,
        )
    return current


def _check_move(
    actor: Actor, current: ItemReport, action: str, version: int | str | None, comment: str
) -> None:
    """Refuse `action` on the locked report unless `actor` sees it and may act, the version is
    the current one, the report is in a status the action starts from, and a comment is given
    where one is needed."""
    sources, _target, needs_comment, allowed = TRANSITIONS[action]
    if not permissions.can_view(actor, current):
        raise PermissionDenied(_("Not found."))
    if not allowed(actor, current):
        raise PermissionDenied(str(_ACTION_DENIED[action]))
    _check_version(current, version)
    if current.status not in sources:
        raise ValidationError(
            str(_ACTION_WRONG_STATUS[action]) % {"s": current.get_status_display()}
        )
    if needs_comment and not comment:
        raise ValidationError(_("A comment is required to return or reopen a report."))


# Whole sentences per action, so that each language can word them its own way.
_ACTION_DENIED = {
    "submit": gettext_lazy("You may not submit this report."),
    "return": gettext_lazy("You may not return this report."),
    "approve": gettext_lazy("You may not approve this report."),
    "reopen": gettext_lazy("You may not reopen this report."),
}
_ACTION_WRONG_STATUS = {
    "submit": gettext_lazy("A report with status “%(s)s” cannot be submitted."),
    "return": gettext_lazy("A report with status “%(s)s” cannot be returned."),
    "approve": gettext_lazy("A report with status “%(s)s” cannot be approved."),
    "reopen": gettext_lazy("A report with status “%(s)s” cannot be reopened."),
}


def submit_report(
    actor: Actor, report: ItemReport, *, version: int | str | None = None, comment: str = ""
) -> ItemReport:
    return transition(actor, report, "submit", version=version, comment=comment)


def return_report(
    actor: Actor, report: ItemReport, *, comment: str, version: int | str | None = None
) -> ItemReport:
    return transition(actor, report, "return", version=version, comment=comment)


def approve_report(
    actor: Actor, report: ItemReport, *, version: int | str | None = None, comment: str = ""
) -> ItemReport:
    return transition(actor, report, "approve", version=version, comment=comment)


def reopen_report(
    actor: Actor, report: ItemReport, *, comment: str, version: int | str | None = None
) -> ItemReport:
    return transition(actor, report, "reopen", version=version, comment=comment)
