"""Importing a legacy report: its sections matched to the plan's catalogue (matching.py), then
each one written as this agency's report on a sub-item for the period, atomically, with a summary
of what changed (summary.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ctip.accounts.types import Actor
from ctip.audit.services import record
from ctip.core import sandbox

from .. import permissions
from ..models import (
    ActionPlan,
    Agency,
    Fact,
    ItemReport,
    PlanItem,
    ReportingPeriod,
    ReportTransition,
)
from ..signals import report_imported
from .facts import _fact_rows, _fact_signature, _replace_facts, _report_search_text
from .matching import _match_to_catalogue, _title_sections, section_titles
from .plans import (
    ensure_item,
    find_agency,
    get_or_create_period,
    get_or_create_plan,
    item_search_text,
)
from .summary import ImportSummary

S = ItemReport.Status


class _DryRunRollback(Exception):
    pass


IMPORT_STATUSES = (S.DRAFT, S.SUBMITTED, S.APPROVED)


def import_report(
    actor: Actor,
    path: str | Path,
    *,
    plan: str,
    agency: str,
    period: str,
    status: str = S.SUBMITTED,
    dry_run: bool = False,
    source_name: str | None = None,
    extracted: dict | None = None,
    via: str = "",
) -> ImportSummary:
    """Read a legacy report (txt/docx/pdf) and create/update plan items and this agency's reports.

    Atomic (all or nothing) and idempotent (a second run changes nothing). An approved report is
    never overwritten unless a reviewer (or the system) imports with status "approved". Only
    the coordinator's office (or the operator's command, actor None) adds plans and sub-items: a
    focal point's import naming an unknown plan or sub-item is refused, naming them.

    `extracted` is the extraction already made of the file (the web import stores it with the
    upload); otherwise the file is read in a child process with limits (ctip.core.sandbox).
    `via` names the operator's command in the audit entry.
    """
    agency_obj, privileged = _check_import(actor, agency, status)
    result = extracted if extracted is not None else sandbox.extract_file(path)
    source = source_name or Path(path).name
    summary = ImportSummary(
        plan=plan, agency=agency_obj.abbr, period=period, status=status, dry_run=dry_run
    )
    adds_catalogue = actor is None or permissions.can_edit_catalogue(actor)
    target = _ImportTarget(
        agency_obj, plan, period, status, privileged, adds_catalogue, source, via
    )
    _import_atomically(actor, result, summary, target, dry_run=dry_run)
    return summary


def _check_import(actor: Actor, agency: str, status: str) -> tuple[Agency, bool]:
    """The agency an import is for and whether the actor may overwrite approved reports; refused
    for an unknown status, another agency's focal point or a focal point importing approved."""
    if status not in IMPORT_STATUSES:
        raise ValidationError(
            _("Status must be one of: %(s)s.") % {"s": ", ".join(IMPORT_STATUSES)}
        )
    agency_obj = find_agency(agency)
    privileged = actor is None or permissions.is_reviewer(actor)
    if actor is not None and not permissions.can_import(actor, agency_obj):
        raise PermissionDenied(_("You may import reports only for your own agency."))
    if status == S.APPROVED and not privileged:
        raise PermissionDenied(_("Only the coordinator's office may import approved reports."))
    return agency_obj, privileged


def _import_atomically(
    actor: Actor, result: dict, summary: ImportSummary, target: _ImportTarget, *, dry_run: bool
) -> None:
    """All or nothing; a dry run fills the summary and then rolls everything back."""
    try:
        with transaction.atomic():
            _import_into(actor, result, summary, target)
            if dry_run:
                raise _DryRunRollback
    except _DryRunRollback:
        pass


@dataclass(frozen=True)
class _ImportTarget:
    """Where an import goes and what its importer may do there."""

    agency: Agency
    plan_code: str
    period_code: str
    status: str
    privileged: bool  # may overwrite approved reports
    catalogue: bool  # may add plans and sub-items
    source: str
    via: str


def _check_catalogue(target: _ImportTarget, result: dict) -> None:
    """A focal point reports on the plan as the coordinator's office keeps it: an unknown plan or
    sub-item refuses the whole import (nothing is written) and says which."""
    if target.catalogue:
        return
    plan = ActionPlan.objects.filter(code__iexact=target.plan_code.strip()).first()
    if plan is None:
        raise PermissionDenied(
            _(
                "Plan %(code)s is not in ctip. Only the national coordinator's office adds plans: "
                "choose an existing plan, or ask them to add it."
            )
            % {"code": target.plan_code}
        )
    codes = {s.get("code") for s in result.get("items", []) if s.get("code")}
    known = set(PlanItem.objects.filter(plan=plan, code__in=codes).values_list("code", flat=True))
    unknown = sorted(codes - known, key=PlanItem.make_sort_key)
    if unknown:
        raise PermissionDenied(
            _(
                "Sub-items %(codes)s are not in plan %(plan)s. Only the national coordinator's "
                "office adds sub-items: correct the codes in the file, or ask them to add them "
                "(they may then import this file for you)."
            )
            % {"codes": ", ".join(unknown), "plan": plan.code}
        )


@dataclass
class _Run:
    """One import under way: who imports, into which plan and period, and what it did so far."""

    actor: Actor
    target: _ImportTarget
    summary: ImportSummary
    plan: ActionPlan
    period: ReportingPeriod
    cache: dict[str, PlanItem] = field(default_factory=dict)  # items by code (ensure_item)
    seen: set[str] = field(default_factory=set)  # sub-item codes imported


def _import_into(actor: Actor, result: dict, summary: ImportSummary, target: _ImportTarget) -> None:
    """Each section of the extraction written as this agency's report on its sub-item."""
    result = _match_to_catalogue(result, summary, target.plan_code)
    _check_catalogue(target, result)
    plan, summary.plan_created = get_or_create_plan(target.plan_code)
    summary.plan = plan.code
    period, summary.period_created = get_or_create_period(plan, target.period_code)
    summary.period = period.code
    run = _Run(actor, target, summary, plan, period)
    for section in result.get("items", []):
        code = _section_code(run, section)
        if code:
            _import_section(run, code, section)
    if target.catalogue:
        _title_sections(plan, section_titles(result))
    _announce_import(run)


def _section_code(run: _Run, section: dict) -> str | None:
    """The sub-item code a section reports on; None (noted) when it has none or repeats one."""
    code = section.get("code")
    if not code:
        run.summary.notes.append(
            _("A section without a sub-item code (%(n)s characters) was ignored.")
            % {"n": len(section.get("text") or "")}
        )
        return None
    if code in run.seen:
        run.summary.notes.append(
            _("Sub-item %(c)s appears twice; the second one was ignored.") % {"c": code}
        )
        return None
    run.seen.add(code)
    return code


def _import_section(run: _Run, code: str, section: dict) -> None:
    """One section: its sub-item (made if missing), the agency made responsible, its report."""
    target, summary = run.target, run.summary
    item, created = _section_item(run, code, section)
    if not item.responsible.filter(pk=target.agency.pk).exists():
        item.responsible.add(target.agency)
    narrative = (section.get("text") or "").strip()
    rows = _fact_rows(narrative, section.get("facts") or [])
    for r in rows:
        summary.facts[r["type"]] += 1
    upsert = _Upsert(
        item,
        target.agency,
        run.period,
        narrative,
        rows,
        target.status,
        target.privileged,
        target.source,
    )
    outcome = _upsert_report(run.actor, upsert)
    summary.reports[outcome] += 1
    summary.changes.append(
        {
            "code": code,
            "title": item.title_az,
            "report": outcome,
            "item_new": created,
            "facts": len(rows),
        }
    )
    if outcome == "refused":
        summary.notes.append(
            _(
                "Sub-item %(c)s: the approved report was not overwritten "
                "(import with status approved as the coordinator's office, or "
                "reopen it first)."
            )
            % {"c": code}
        )


def _section_item(run: _Run, code: str, section: dict) -> tuple[PlanItem, bool]:
    """The sub-item with the section's code, made with its parents if missing; an untitled one
    made by an earlier import takes the section's title (coordinator's office only). Counted."""
    items = run.summary.items
    before = set(run.cache)
    item, created = ensure_item(run.plan, code, section.get("title") or "", cache=run.cache)
    if created:
        items["new"] += 1
        run.summary.parents_created += len(set(run.cache) - before) - 1
    elif (
        run.target.catalogue
        and item.from_report
        and section.get("title")
        and item.title_az != section["title"]
        and item.title_az in ("", item.code)
    ):
        item.title_az = section["title"]
        item.search_text = item_search_text(item)
        item.save()
        items["updated"] += 1
    else:
        items["unchanged"] += 1
    return item, created


def _announce_import(run: _Run) -> None:
    """Tell the other apps (report_imported) of every report imported, and audit the import."""
    target = run.target
    changed = ItemReport.objects.filter(
        agency=target.agency, period=run.period, item__plan=run.plan, item__code__in=run.seen
    ).select_related("item", "agency")
    for report in changed:
        report_imported.send(sender=ItemReport, actor=run.actor, report=report)
    record(
        run.actor,
        "plan.report.imported",
        run.plan,
        purpose="import of a legacy report",
        agency=target.agency.abbr,
        period=run.period.code,
        status=target.status,
        source=target.source[:120],
        reports=dict(run.summary.reports),
        items=dict(run.summary.items),
        **({"via": target.via} if target.via else {}),
    )


@dataclass(frozen=True)
class _Upsert:
    """One section of an import as this agency's report on a sub-item for the period."""

    item: PlanItem
    agency: Agency
    period: ReportingPeriod
    narrative: str
    rows: list[dict]  # the facts, as _fact_rows gives them
    status: str
    privileged: bool  # may overwrite an approved report
    source: str


def _upsert_report(actor: Actor, u: _Upsert) -> str:
    """Create or update the report; "new", "updated", "unchanged" or "refused" (approved)."""
    report = ItemReport.objects.filter(item=u.item, agency=u.agency, period=u.period).first()
    if report is None:
        _create_report(actor, u)
        return "new"
    old_rows = list(report.facts.values("type", "text", "start", "end", "data"))
    same = (
        report.narrative == u.narrative
        and report.status == u.status
        and _fact_signature(old_rows) == _fact_signature(u.rows)
    )
    if same:
        return "unchanged"
    if report.status == S.APPROVED and not (u.privileged and u.status == S.APPROVED):
        return "refused"
    _update_report(actor, report, u)
    return "updated"


def _create_report(actor: Actor, u: _Upsert) -> ItemReport:
    """A new report with its facts and its first transition (from nothing to the status)."""
    report = ItemReport.objects.create(
        item=u.item,
        agency=u.agency,
        period=u.period,
        narrative=u.narrative,
        status=u.status,
        source=u.source,
        search_text=_report_search_text(u.narrative, u.rows),
    )
    Fact.objects.bulk_create([Fact(report=report, **r) for r in u.rows])
    _imported_transition(actor, report, "", u)
    return report


def _update_report(actor: Actor, report: ItemReport, u: _Upsert) -> None:
    """The report takes the import's narrative, status and facts, one version on; a changed
    status leaves a transition."""
    old_status = report.status
    report.narrative = u.narrative
    report.status = u.status
    report.source = u.source
    report.search_text = _report_search_text(u.narrative, u.rows)
    report.version += 1
    report.save()
    _replace_facts(report, u.rows)
    if old_status != u.status:
        _imported_transition(actor, report, old_status, u)


def _imported_transition(actor: Actor, report: ItemReport, from_status: str, u: _Upsert) -> None:
    ReportTransition.objects.create(
        report=report,
        from_status=from_status,
        to_status=u.status,
        actor=actor if getattr(actor, "pk", None) else None,
        comment=_("Imported from %(s)s") % {"s": u.source},
    )
