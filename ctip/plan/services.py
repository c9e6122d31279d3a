"""Every write of the plan app: agencies, plans, periods, report import and the review workflow.

Each function takes the acting user first (None = the system, e.g. the `ctip` command run by an
operator on the server), checks permission, runs in one transaction and writes an audit entry.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils.translation import get_language, gettext_lazy, pgettext
from django.utils.translation import gettext as _

from ctip import extraction, reference
from ctip.accounts.types import Actor
from ctip.audit.services import record
from ctip.azlang import lower as az_lower
from ctip.core import sandbox
from ctip.core.errors import Conflict
from ctip.extraction.catalogue import match_catalogue

from . import masking, permissions, selectors
from .models import (
    ActionPlan,
    Agency,
    Fact,
    ItemReport,
    PlanItem,
    ReportingPeriod,
    ReportTransition,
)
from .signals import report_imported
from .text import build_search_text, tokens

PLAN_CODE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9]*-(\d{4})-(\d{4})$")
PERIOD_RE = re.compile(r"^(\d{4})(?:-H([12]))?$")
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


# --- agencies, plans, periods ---------------------------------------------------------------


def sync_agencies() -> dict[str, int]:
    """Create or update the agencies of the reference list (idempotent); returns counts."""
    data = reference.organizations()
    counts = Counter()
    with transaction.atomic():
        existing = {a.abbr: a for a in Agency.objects.all()}
        for entry in data:
            fields = {
                k: entry.get(k) or default
                for k, default in (
                    ("name_az", ""),
                    ("name_en", ""),
                    ("name_ru", ""),
                    ("aliases", []),
                    ("kind", "government"),
                    ("responsible", False),
                )
            }
            agency = existing.get(entry["abbr"])
            if agency is None:
                agency = Agency.objects.create(abbr=entry["abbr"], **fields)
                existing[agency.abbr] = agency
                counts["created"] += 1
            elif any(getattr(agency, k) != v for k, v in fields.items()):
                for k, v in fields.items():
                    setattr(agency, k, v)
                agency.save()
                counts["updated"] += 1
            else:
                counts["unchanged"] += 1
        for entry in data:
            parent = existing.get(entry.get("parent") or "")
            agency = existing[entry["abbr"]]
            if agency.parent_id != (parent.pk if parent else None):
                agency.parent = parent
                agency.save(update_fields=["parent"])
    return dict(counts)


def find_agency(abbr: str) -> Agency:
    """The agency named `abbr` (selectors.agency_named); refused with the valid abbreviations."""
    agency = selectors.agency_named(abbr)
    if agency is not None:
        return agency
    valid = ", ".join(Agency.objects.filter(responsible=True).values_list("abbr", flat=True)[:8])
    raise ValidationError(
        _("Unknown agency %(abbr)s. Valid abbreviations include: %(valid)s.")
        % {"abbr": abbr, "valid": valid or "—"}
    )


def plan_title(start: int, end: int) -> str:
    return f"İnsan alverinə qarşı mübarizəyə dair Milli Fəaliyyət Planı {start}–{end}"


def get_or_create_plan(code: str) -> tuple[ActionPlan, bool]:
    plan = ActionPlan.objects.filter(code__iexact=code.strip()).first()
    if plan:
        return plan, False
    m = PLAN_CODE_RE.match(code.strip())
    if not m:
        raise ValidationError(
            _("Unknown plan %(code)s: a new plan code looks like NAP-2020-2024.") % {"code": code}
        )
    start, end = int(m.group(1)), int(m.group(2))
    if end < start or end - start > 20:
        raise ValidationError(_("Plan %(code)s: the years are not a valid range.") % {"code": code})
    return ActionPlan.objects.create(
        code=code.strip().upper(),
        title=plan_title(start, end),
        start_year=start,
        end_year=end,
        # The first plan is everyone's default; later ones only when the coordinator says so.
        is_current=not ActionPlan.objects.filter(is_current=True).exists(),
    ), True


def set_current_plan(actor: Actor, plan: ActionPlan) -> ActionPlan:
    """Make `plan` the one every page opens on (the coordinator's office; audited)."""
    if actor is not None and not permissions.can_edit_catalogue(actor):
        raise PermissionDenied(
            _("Only the national coordinator's office chooses the current plan.")
        )
    with transaction.atomic():
        previous = list(ActionPlan.objects.select_for_update().filter(is_current=True))
        if [p.pk for p in previous] == [plan.pk]:
            return plan
        ActionPlan.objects.filter(is_current=True).update(is_current=False)
        ActionPlan.objects.filter(pk=plan.pk).update(is_current=True)
        plan.is_current = True
        record(
            actor,
            "plan.plan.current",
            plan,
            purpose="current plan chosen",
            code=plan.code,
            previous=[p.code for p in previous],
        )
    return plan


def get_or_create_period(plan: ActionPlan, code: str) -> tuple[ReportingPeriod, bool]:
    code = code.strip().upper()
    m = PERIOD_RE.match(code)
    if not m:
        raise ValidationError(
            _("Period %(code)s: write a year (2022) or a half-year (2022-H1).") % {"code": code}
        )
    year, half = int(m.group(1)), int(m.group(2)) if m.group(2) else None
    if not plan.start_year <= year <= plan.end_year:
        raise ValidationError(
            _("Period %(code)s lies outside plan %(plan)s (%(a)s–%(b)s).")
            % {"code": code, "plan": plan.code, "a": plan.start_year, "b": plan.end_year}
        )
    period = ReportingPeriod.objects.filter(plan=plan, code=code).first()
    if period:
        return period, False
    if half is None:
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    elif half == 1:
        start, end = dt.date(year, 1, 1), dt.date(year, 6, 30)
    else:
        start, end = dt.date(year, 7, 1), dt.date(year, 12, 31)
    return ReportingPeriod.objects.create(
        plan=plan, code=code, year=year, half=half, start=start, end=end
    ), True


def item_search_text(item: PlanItem) -> str:
    return build_search_text(
        " ".join(filter(None, [item.code, item.title_az, item.title_en, item.title_ru]))
    )


def ensure_item(
    plan: ActionPlan,
    code: str,
    title: str = "",
    *,
    from_report: bool = True,
    cache: dict | None = None,
) -> tuple[PlanItem, bool]:
    """The plan item with this code, creating it (and its direction/section parents) if missing."""
    cache = {} if cache is None else cache
    if code in cache:
        return cache[code], False
    item = PlanItem.objects.filter(plan=plan, code=code).first()
    if item:
        cache[code] = item
        return item, False
    parent = None
    if "." in code:
        parent, _created = ensure_item(
            plan, code.rsplit(".", 1)[0], "", from_report=from_report, cache=cache
        )
    # A parent made only because a sub-item needs it has no title of its own yet ("4.2", never
    # "4.2 4.2"); loading the plan's document gives it one.
    item = PlanItem(plan=plan, parent=parent, code=code, title_az=title, from_report=from_report)
    item.search_text = item_search_text(item)
    item.save()
    cache[code] = item
    return item, True


# --- facts ----------------------------------------------------------------------------------


def _fact_rows(narrative: str, facts: list[dict]) -> list[dict]:
    """Facts whose span matches the narrative (re-found by text when the span drifted)."""
    rows = []
    for f in facts:
        span = f.get("span") or [0, 0]
        start, end = int(span[0]), int(span[1])
        text = f.get("text") or ""
        if narrative[start:end] != text:
            idx = narrative.find(text) if text else -1
            if idx < 0:
                continue
            start, end = idx, idx + len(text)
        data = {k: v for k, v in f.items() if k not in ("type", "text", "span", "pii")}
        ftype = f.get("type")
        if ftype not in Fact.Type.values:
            continue
        rows.append(
            {
                "type": ftype,
                "text": text,
                "start": start,
                "end": end,
                "data": data,
                "pii": bool(f.get("pii")) or ftype == Fact.Type.PERSON,
            }
        )
    rows.sort(key=lambda r: (r["start"], r["end"], r["type"]))
    return masking.mask_rows(narrative, rows)


def _fact_signature(rows) -> list[tuple]:
    return sorted(
        (
            r["type"],
            r["start"],
            r["end"],
            r["text"],
            json.dumps(r["data"], sort_keys=True, default=str),
        )
        for r in rows
    )


def _report_search_text(narrative: str, rows: list[dict]) -> str:
    return build_search_text(narrative, [(r["start"], r["end"]) for r in rows if r["pii"]])


def _replace_facts(report: ItemReport, rows: list[dict]) -> None:
    report.facts.all().delete()
    Fact.objects.bulk_create([Fact(report=report, **r) for r in rows])


def remask_report(report: ItemReport) -> bool:
    """Recompute a report's masked spans and search index from its narrative (the facts stay);
    True if anything changed. The version and the update time stay: the text did not change."""
    old = list(report.facts.values("type", "text", "start", "end", "data", "pii"))
    rows = masking.mask_rows(report.narrative, old)
    search_text = _report_search_text(report.narrative, rows)
    if _fact_signature(old) == _fact_signature(rows) and search_text == report.search_text:
        return False
    with transaction.atomic():
        _replace_facts(report, rows)
        ItemReport.objects.filter(pk=report.pk).update(search_text=search_text)
    report.search_text = search_text
    return True


def remask_reports(reports) -> int:
    """remask_report over a queryset, in id order and in chunks; how many changed."""
    changed = 0
    for report in reports.order_by("id").only("id", "narrative", "search_text").iterator(500):
        changed += remask_report(report)
    return changed


def remask_mentions(*names: str) -> int:
    """Mask a person's name in the narratives already stored that mention it (every one of its
    words), e.g. when a person is registered or renamed. Returns how many reports changed."""
    keys = sorted({k for n in names for k, _s, _e in tokens(n or "") if len(k) >= 2})
    if not keys:
        return 0
    reports = ItemReport.objects.all()
    for key in keys:
        reports = reports.filter(search_text__contains=" " + key)
    return remask_reports(reports)


def extract_facts(narrative: str) -> list[dict]:
    """Facts of a free narrative (no sub-item heading), with spans indexing `narrative` itself.

    Uses ctip.extraction's fact finders on the text as it is (`extract` would clean it first and
    move the spans); `_fact_rows` re-finds any span that drifted anyway.
    """
    if not narrative.strip():
        return []
    return extraction.extract_facts(narrative)


# --- import ---------------------------------------------------------------------------------


def import_outcome_labels() -> dict[str, str]:
    """What an import did to an item or a report, in the active language (summary keys)."""
    return {
        "new": pgettext("import outcome", "new"),
        "updated": pgettext("import outcome", "updated"),
        "unchanged": pgettext("import outcome", "unchanged"),
        "refused": pgettext("import outcome", "refused"),
    }


def status_label(status: str) -> str:
    """An item report status' label in the active language (the code itself if unknown)."""
    return str(S(status).label) if status in S.values else status


def fact_type_label(kind: str) -> str:
    """A fact type's label in the active language, lowercase inside a summary line."""
    if kind not in Fact.Type.values:
        return kind
    label = str(Fact.Type(kind).label)
    return az_lower(label) if (get_language() or "").startswith("az") else label.lower()


@dataclass
class ImportSummary:
    plan: str
    agency: str
    period: str
    status: str
    dry_run: bool = False
    plan_created: bool = False
    period_created: bool = False
    items: Counter = field(default_factory=Counter)
    reports: Counter = field(default_factory=Counter)
    facts: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    parents_created: int = 0
    changes: list[dict] = field(default_factory=list)
    found: int = 0  # sections with a code or a title
    matched: int = 0  # of them, matched to the plan's catalogue (by code or by title)
    flagged: int = 0  # of them, left for a person: no sure match in the catalogue

    def lines(self) -> list[str]:
        """The summary as lines of text in the active language (counter keys translated too)."""
        head = _("Dry run: nothing was written.") if self.dry_run else _("Imported.")
        out = [f"{head} {self.plan} · {self.agency} · {self.period} · {self.status_display}"]
        if self.plan_created:
            out.append(_("Plan %(p)s created.") % {"p": self.plan})
        if self.period_created:
            out.append(_("Period %(p)s created.") % {"p": self.period})
        outcomes = import_outcome_labels()
        for label, c in ((_("items"), self.items), (_("reports"), self.reports)):
            out.append(
                f"{label}: "
                + ", ".join(
                    f"{outcomes[k]} {c.get(k, 0)}" for k in outcomes if k != "refused" or c.get(k)
                )
            )
        if self.parents_created:
            out.append(_("directions/sections created: %(n)s") % {"n": self.parents_created})
        facts = ", ".join(
            f"{fact_type_label(k)} {self.facts[k]}" for k in Fact.Type if self.facts.get(k)
        )
        unknown = sorted(k for k in self.facts if k not in Fact.Type.values)
        facts = ", ".join(filter(None, [facts] + [f"{k} {self.facts[k]}" for k in unknown]))
        out.append(_("facts") + ": " + (facts or "0"))
        out += self.notes
        return out

    @property
    def status_display(self) -> str:
        return status_label(self.status)

    def change_rows(self) -> list[dict]:
        """The per-sub-item changes with the outcome's label in the active language."""
        outcomes = import_outcome_labels()
        return [{**c, "report_label": outcomes.get(c["report"], c["report"])} for c in self.changes]

    def as_dict(self) -> dict:
        return {
            "plan": self.plan,
            "agency": self.agency,
            "period": self.period,
            "status": self.status,
            "dry_run": self.dry_run,
            "plan_created": self.plan_created,
            "period_created": self.period_created,
            "items": dict(self.items),
            "parents_created": self.parents_created,
            "reports": dict(self.reports),
            "facts": dict(self.facts),
            "notes": self.notes,
            "changes": self.changes,
            "found": self.found,
            "matched": self.matched,
            "flagged": self.flagged,
        }


class _DryRunRollback(Exception):
    pass


IMPORT_STATUSES = (S.DRAFT, S.SUBMITTED, S.APPROVED)


def import_report(
    actor: Actor,
    path,
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
    result = extracted if extracted is not None else sandbox.extract_file(path)
    source = source_name or Path(path).name
    summary = ImportSummary(
        plan=plan, agency=agency_obj.abbr, period=period, status=status, dry_run=dry_run
    )
    target = _ImportTarget(
        agency_obj,
        plan,
        period,
        status,
        privileged,
        actor is None or permissions.can_edit_catalogue(actor),
        source,
        via,
    )
    try:
        with transaction.atomic():
            _import_into(actor, result, summary, target)
            if dry_run:
                raise _DryRunRollback
    except _DryRunRollback:
        pass
    return summary


@dataclass(frozen=True)
class _ImportTarget:
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


def catalogue_of(plan_code: str) -> list[tuple[str, str]] | None:
    """The plan's catalogue of sub-items (code, Azerbaijani title) to match sections to: the ones
    loaded from the plan or entered by the coordinator's office, not those taken from reports.
    None when the plan is not in ctip or has no such sub-items yet."""
    plan = ActionPlan.objects.filter(code__iexact=plan_code.strip()).first()
    if plan is None:
        return None
    rows = PlanItem.objects.filter(
        plan=plan, children__isnull=True, removed_in__isnull=True, from_report=False
    )
    pairs = list(rows.values_list("code", "title_az"))
    return pairs or None


def _match_to_catalogue(result: dict, summary: ImportSummary, plan_code: str) -> dict:
    """Sections matched to the plan's catalogue: a section whose code is missing or unknown but
    whose title clearly matches a sub-item takes that sub-item's code (noted); one without a sure
    match is counted as flagged and imported under its own code, never attached elsewhere."""
    items = result.get("items", [])
    catalogue = catalogue_of(plan_code)
    summary.found = sum(1 for s in items if s.get("code") or s.get("title"))
    if catalogue is None:
        return result
    items = [dict(s) for s in items]
    matches = match_catalogue(items, catalogue)
    claimed = {m["match"] for m in matches if m["by"] == "code"}
    for m in matches:
        if m["by"] == "title" and m["match"] in claimed:
            m["flagged"] = True  # another section reports that sub-item under its code
        if m["flagged"]:
            summary.flagged += 1
            summary.notes.append(
                _(
                    "Section %(c)s has no sure match in the plan's catalogue (best score %(s)s): "
                    "imported under its own code; check it."
                )
                % {"c": m["code"] or "—", "s": m["score"]}
            )
            continue
        summary.matched += 1
        section = items[m["index"]]
        if m["by"] == "title" and section.get("code") != m["match"]:
            summary.notes.append(
                _("Section %(c)s matched by its title to sub-item %(m)s (score %(s)s).")
                % {"c": section.get("code") or "—", "m": m["match"], "s": m["score"]}
            )
            section["code"] = m["match"]
    return {**result, "items": items}


# A report's own numbered section heading (`4.2 Qurbanların müdafiəsi`, `2. Profilaktika`), as
# the extraction lists it among the parts that belong to no sub-item.
_SECTION_HEADING_RE = re.compile(r"^(\d{1,2}(?:\.\d{1,3}){0,2})\.?\s+(\S.{0,199}?)[\s:.]*$")


def section_titles(result: dict) -> dict[str, str]:
    """Titles the report gives its own sections and directions, by code (the first one wins)."""
    titles: dict[str, str] = {}
    for part in result.get("unassigned") or []:
        if part.get("kind") != "section_heading":
            continue
        m = _SECTION_HEADING_RE.match(" ".join((part.get("text") or "").split()))
        if m:
            titles.setdefault(m.group(1), m.group(2))
    return titles


def _title_sections(plan: ActionPlan, titles: dict[str, str]) -> int:
    """Sections made by imports and still untitled take the title the report gives them (the
    plan's own document, when loaded, has the last word)."""
    untitled = PlanItem.objects.filter(plan=plan, code__in=titles, from_report=True).filter(
        Q(title_az="") | Q(title_az=F("code"))
    )
    for item in untitled:
        item.title_az = titles[item.code]
        item.search_text = item_search_text(item)
        item.save(update_fields=["title_az", "search_text"])
    return len(untitled)


def _import_into(actor: Actor, result, summary, target: _ImportTarget):
    agency, period_code, status = target.agency, target.period_code, target.status
    privileged, source = target.privileged, target.source
    result = _match_to_catalogue(result, summary, target.plan_code)
    _check_catalogue(target, result)
    plan, summary.plan_created = get_or_create_plan(target.plan_code)
    summary.plan = plan.code
    period, summary.period_created = get_or_create_period(plan, period_code)
    summary.period = period.code
    cache: dict[str, PlanItem] = {}
    seen: set[str] = set()
    for section in result.get("items", []):
        code = section.get("code")
        if not code:
            summary.notes.append(
                _("A section without a sub-item code (%(n)s characters) was ignored.")
                % {"n": len(section.get("text") or "")}
            )
            continue
        if code in seen:
            summary.notes.append(
                _("Sub-item %(c)s appears twice; the second one was ignored.") % {"c": code}
            )
            continue
        seen.add(code)
        before = set(cache)
        item, created = ensure_item(plan, code, section.get("title") or "", cache=cache)
        new_codes = set(cache) - before
        if created:
            summary.items["new"] += 1
            summary.parents_created += len(new_codes) - 1
        elif (
            target.catalogue
            and item.from_report
            and section.get("title")
            and item.title_az != section["title"]
            and item.title_az in ("", item.code)
        ):
            item.title_az = section["title"]
            item.search_text = item_search_text(item)
            item.save()
            summary.items["updated"] += 1
        else:
            summary.items["unchanged"] += 1
        if not item.responsible.filter(pk=agency.pk).exists():
            item.responsible.add(agency)
        narrative = (section.get("text") or "").strip()
        rows = _fact_rows(narrative, section.get("facts") or [])
        for r in rows:
            summary.facts[r["type"]] += 1
        outcome = _upsert_report(
            actor, _Upsert(item, agency, period, narrative, rows, status, privileged, source)
        )
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
    if target.catalogue:
        _title_sections(plan, section_titles(result))
    changed = ItemReport.objects.filter(
        agency=agency, period=period, item__plan=plan, item__code__in=seen
    ).select_related("item", "agency")
    for report in changed:
        report_imported.send(sender=ItemReport, actor=actor, report=report)
    record(
        actor,
        "plan.report.imported",
        plan,
        purpose="import of a legacy report",
        agency=agency.abbr,
        period=period.code,
        status=status,
        source=source[:120],
        reports=dict(summary.reports),
        items=dict(summary.items),
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
    item, agency, period, narrative, rows = u.item, u.agency, u.period, u.narrative, u.rows
    status, privileged, source = u.status, u.privileged, u.source
    report = ItemReport.objects.filter(item=item, agency=agency, period=period).first()
    if report is None:
        report = ItemReport.objects.create(
            item=item,
            agency=agency,
            period=period,
            narrative=narrative,
            status=status,
            source=source,
            search_text=_report_search_text(narrative, rows),
        )
        Fact.objects.bulk_create([Fact(report=report, **r) for r in rows])
        ReportTransition.objects.create(
            report=report,
            from_status="",
            to_status=status,
            actor=actor if getattr(actor, "pk", None) else None,
            comment=_("Imported from %(s)s") % {"s": source},
        )
        return "new"
    old_rows = list(report.facts.values("type", "text", "start", "end", "data"))
    same = (
        report.narrative == narrative
        and report.status == status
        and _fact_signature(old_rows) == _fact_signature(rows)
    )
    if same:
        return "unchanged"
    if report.status == S.APPROVED and not (privileged and status == S.APPROVED):
        return "refused"
    old_status = report.status
    report.narrative = narrative
    report.status = status
    report.source = source
    report.search_text = _report_search_text(narrative, rows)
    report.version += 1
    report.save()
    _replace_facts(report, rows)
    if old_status != status:
        ReportTransition.objects.create(
            report=report,
            from_status=old_status,
            to_status=status,
            actor=actor if getattr(actor, "pk", None) else None,
            comment=_("Imported from %(s)s") % {"s": source},
        )
    return "updated"


# --- narrative and workflow -----------------------------------------------------------------


def _locked(report: ItemReport) -> ItemReport:
    return (
        ItemReport.objects.select_for_update()
        .select_related("agency", "item", "period")
        .get(pk=report.pk)
    )


def _check_version(current: ItemReport, version) -> None:
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
    actor: Actor, report: ItemReport, action: str, *, version: int | None = None, comment: str = ""
) -> ItemReport:
    """Move a report along the review workflow; every move leaves a ReportTransition."""
    if action not in TRANSITIONS:
        raise ValidationError(_("Unknown action."))
    sources, target, needs_comment, allowed = TRANSITIONS[action]
    comment = (comment or "").strip()
    with transaction.atomic():
        current = _locked(report)
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


def submit_report(actor: Actor, report, *, version=None, comment=""):
    return transition(actor, report, "submit", version=version, comment=comment)


def return_report(actor: Actor, report, *, comment, version=None):
    return transition(actor, report, "return", version=version, comment=comment)


def approve_report(actor: Actor, report, *, version=None, comment=""):
    return transition(actor, report, "approve", version=version, comment=comment)


def reopen_report(actor: Actor, report, *, comment, version=None):
    return transition(actor, report, "reopen", version=version, comment=comment)
