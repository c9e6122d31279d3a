"""Loading an action plan from its official document (DOCX or PDF) into the catalogue.

`import_plan` reads the document (ctip.extraction.plan_document), compares what it says with the
catalogue and — unless it is a dry run (the preview) — writes the differences as a new
`PlanVersion`: version 1 as approved, then one per amending act, dated by that act. Loading the
same document again changes nothing. An item the document no longer has is marked removed in
that version, never deleted, so its reports stay attached. Atomic: all or nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ctip.accounts.types import Actor
from ctip.audit.services import record
from ctip.azlang.deadlines import parse_deadline
from ctip.extraction import ExtractionError
from ctip.extraction.plan_document import read_plan

from .. import permissions
from ..models import ActionPlan, Agency, ItemExecutor, PlanItem, PlanVersion
from ..services import ensure_item, item_search_text

if TYPE_CHECKING:
    from ctip.accounts.models import User

FIELDS = ("title", "executors", "executors_text", "deadline", "expected_result")


@dataclass
class PlanImport:
    """What loading a document did (or, in a dry run, would do)."""

    code: str
    title: str
    years: tuple[int, int]
    act: dict
    dry_run: bool
    plan_created: bool = False
    version: int | None = None  # None: nothing changed
    changes: list[dict] = field(default_factory=list)
    items: list[dict] = field(default_factory=list)  # the reading, for the preview
    directions: list[dict] = field(default_factory=list)
    unresolved: list[dict] = field(default_factory=list)  # [{code, text}] bodies not in the list
    notes: list[str] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        return not self.changes

    def counts(self) -> dict[str, int]:
        out = {"added": 0, "changed": 0, "removed": 0}
        for c in self.changes:
            out[c["change"]] += 1
        return out


def read_document(path: str | Path) -> dict:
    """The document's reading; an unreadable file is a ValidationError with one clear line."""
    try:
        return read_plan(path)
    except ExtractionError as exc:
        raise ValidationError(str(exc)) from exc


def default_code(reading: dict) -> str:
    years = reading["plan"].get("years")
    if not years:
        raise ValidationError(_("The document names no years: give the plan's code."))
    return f"NAP-{years[0]}-{years[1]}"


def _agencies(reading: dict, executor_map: dict[str, str]) -> dict[str, Agency]:
    abbrs = {e["abbr"] for i in reading["items"] for e in i["executor_entries"] if e["abbr"]}
    abbrs |= set(executor_map.values())
    return {a.abbr: a for a in Agency.objects.filter(abbr__in=abbrs)}


def _wanted(reading: dict, agencies: dict, executor_map: dict[str, str]) -> dict[str, dict]:
    """{code: state} of the directions and items as the document (with corrections) has them."""
    state: dict[str, dict] = {}
    for d in reading["directions"]:
        state[d["code"]] = {"level": 2, "title": d["title"]}
    for item in reading["items"]:
        executors, other = [], []
        for e in item["executor_entries"]:
            abbr = e["abbr"] or executor_map.get(e["text"])
            if e["kind"] != "category" and abbr in agencies:
                executors.append([abbr, bool(e["by_agreement"]), e["name"]])
            else:
                other.append(
                    {"kind": e["kind"], "text": e["text"], "by_agreement": e["by_agreement"]}
                )
        state[item["code"]] = {
            "level": 3,
            "title": item["title"],
            "executors": executors,
            "other": other,
            "executors_text": item["executors_text"],
            "deadline": item["deadline_text"],
            "expected_result": item["expected_result"],
        }
    return state


def _current(plan: ActionPlan | None) -> dict[str, dict]:
    """{code: state} of the plan's directions and items now (removed ones left out)."""
    if plan is None:
        return {}
    executors: dict[int, list] = {}
    for ex in ItemExecutor.objects.filter(item__plan=plan).select_related("agency"):
        executors.setdefault(ex.item_id, []).append(
            [ex.agency.abbr, ex.by_agreement, ex.name_in_plan]
        )
    out = {}
    for item in PlanItem.objects.filter(plan=plan, level__gte=2, removed_in__isnull=True):
        out[item.code] = {
            "level": item.level,
            "title": item.title_az,
            "executors": executors.get(item.pk, []),
            "other": item.other_executors,
            "executors_text": item.executors_text,
            "deadline": item.deadline,
            "expected_result": item.expected_result,
            "from_report": item.from_report,
        }
    return out


def _compare(old: dict, new: dict) -> dict:
    fields = {}
    for name in FIELDS:
        if name not in new:
            continue
        before, after = old.get(name), new[name]
        if name == "executors":
            before = [e[:2] for e in before or []]
            after = [e[:2] for e in after]
        if before != after:
            fields[name] = [before, after]
    return fields


def differences(current: dict[str, dict], wanted: dict[str, dict]) -> list[dict]:
    """The changes that turn the catalogue `current` into `wanted`, in plan order."""
    out = []
    for code, new in wanted.items():
        old = current.get(code)
        if old is None:
            out.append(
                {"code": code, "level": new["level"], "change": "added", "title": new["title"]}
            )
            continue
        fields = _compare(old, new)
        if old.get("from_report") or fields:
            out.append(
                {
                    "code": code,
                    "level": new["level"],
                    "change": "changed",
                    "title": new["title"],
                    "fields": fields,
                }
            )
    for code, old in current.items():
        if code not in wanted and not old.get("from_report"):
            out.append(
                {"code": code, "level": old["level"], "change": "removed", "title": old["title"]}
            )
    return sorted(out, key=lambda c: PlanItem.make_sort_key(c["code"]))


def _act(reading: dict, act_date: dt.date | None, first: bool) -> dict:
    """The act a new version records: the approving act for version 1, else the latest amending
    act the document names; `act_date` (given by the person loading it) takes precedence."""
    plan = reading["plan"]
    acts = [plan.get("approved_by")] if first else plan.get("amended_by") or []
    act = dict(acts[-1]) if acts and acts[-1] else {"kind": "", "number": None, "date": None}
    if act_date is not None:
        act["date"] = act_date.isoformat()
    if not first and not act["date"]:
        raise ValidationError(
            {"act_date": _("The document changes the plan: give the date of the amending act.")}
        )
    return act


def import_plan(
    actor: User | None,
    path: str | Path,
    *,
    code: str | None = None,
    act_date: dt.date | None = None,
    executor_map: dict[str, str] | None = None,
    dry_run: bool = False,
    source_name: str | None = None,
) -> PlanImport:
    """Load the plan's document (see the module docstring). `executor_map` corrects the preview:
    {name as written: agency abbreviation} for bodies the reference list did not recognise."""
    if actor is not None and not permissions.can_edit_catalogue(actor):
        raise PermissionDenied(_("Only the national coordinator's office may load a plan."))
    reading = read_document(path)
    executor_map = {k: v for k, v in (executor_map or {}).items() if v}
    code = (code or default_code(reading)).strip().upper()
    years = reading["plan"].get("years") or _years_from_code(code)
    data = Path(path).read_bytes()
    with transaction.atomic():
        plan = ActionPlan.objects.select_for_update().filter(code__iexact=code).first()
        first = plan is None or not plan.versions.exists()
        wanted = _wanted(reading, _agencies(reading, executor_map), executor_map)
        summary = _preview(reading, plan, code, years, wanted, dry_run)
        if first or summary.changes:
            summary.act = _act(reading, act_date, first)
            summary.version = (plan.versions.count() if plan else 0) + 1
            if not dry_run:
                _write(actor, plan, reading, wanted, summary, data, source_name or Path(path).name)
    return summary


def _preview(
    reading: dict,
    plan: ActionPlan | None,
    code: str,
    years: Sequence[int],
    wanted: dict[str, dict],
    dry_run: bool,
) -> PlanImport:
    """What loading `reading` as plan `code` would change (`plan` None: a new plan), without the
    act and version, which only a change gets."""
    return PlanImport(
        code=plan.code if plan else code,
        title=reading["plan"]["title"],
        years=tuple(years),
        act={},
        dry_run=dry_run,
        plan_created=plan is None,
        changes=differences(_current(plan), wanted),
        items=reading["items"],
        directions=reading["directions"],
        notes=list(reading["notes"]) + _not_in_document(plan, wanted),
        unresolved=_unresolved(wanted),
    )


def _unresolved(wanted: dict[str, dict]) -> list[dict]:
    return [
        {"code": c, "text": o["text"]}
        for c, s in wanted.items()
        for o in s.get("other", [])
        if o["kind"] == "unknown"
    ]


def _not_in_document(plan: ActionPlan | None, wanted: dict[str, dict]) -> list[str]:
    """Sub-items created by report imports that the document does not have (kept as they are)."""
    if plan is None:
        return []
    codes = PlanItem.objects.filter(plan=plan, level=3, from_report=True).values_list(
        "code", flat=True
    )
    return [
        _("Sub-item %(c)s was taken from a report and is not in the document; it is kept.")
        % {"c": c}
        for c in codes
        if c not in wanted
    ]


def _years_from_code(code: str) -> tuple[int, int]:
    parts = [p for p in code.split("-") if p.isdigit() and len(p) == 4]
    if len(parts) != 2:
        raise ValidationError(_("The document names no years: give the plan's code."))
    return int(parts[0]), int(parts[1])


def _plan_for(plan: ActionPlan | None, reading: dict, summary: PlanImport) -> ActionPlan:
    """The plan to write into: created from the document, or updated with its title block when
    this is its first version (a plan made by a report import has a made-up title)."""
    if plan is None:
        plan = ActionPlan(
            code=summary.code,
            start_year=summary.years[0],
            end_year=summary.years[1],
            previous=ActionPlan.objects.filter(start_year__lt=summary.years[0])
            .order_by("-start_year")
            .first(),
        )
        due = reading["plan"].get("report_due")
        if due:  # "hər il yanvarın 20-dək": days after the year's end
            year = summary.years[0]
            plan.report_due_days = (
                dt.date(year + 1, due["month"], due["day"]) - dt.date(year, 12, 31)
            ).days
    if summary.version == 1:
        act = summary.act
        plan.title = summary.title[:500] or plan.title or summary.code
        plan.approved_by_kind = act.get("kind") or ""
        plan.approved_by_number = act.get("number") or ""
        plan.approved_on = dt.date.fromisoformat(act["date"]) if act.get("date") else None
    plan.save()
    return plan


def _write(actor: Actor, plan, reading, wanted, summary, data: bytes, source_name: str) -> None:
    plan = _plan_for(plan, reading, summary)
    act = summary.act
    version = PlanVersion.objects.create(
        plan=plan,
        number=summary.version,
        act_kind=act.get("kind") or "",
        act_number=act.get("number") or "",
        act_date=dt.date.fromisoformat(act["date"]) if act.get("date") else None,
        source_name=source_name[:200],
        source_sha256=hashlib.sha256(data).hexdigest(),
        changes=summary.changes,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    abbrs = {e[0] for s in wanted.values() for e in s.get("executors", [])}
    agencies = {a.abbr: a for a in Agency.objects.filter(abbr__in=abbrs)}
    cache: dict[str, PlanItem] = {}
    for code, state in wanted.items():
        _apply(plan, code, state, version, agencies, cache)
    _title_parts(plan, reading)
    removed = [c["code"] for c in summary.changes if c["change"] == "removed"]
    PlanItem.objects.filter(plan=plan, code__in=removed).update(removed_in=version)
    record(
        actor,
        "plan.plan.loaded",
        plan,
        purpose="action plan loaded from its document",
        version=version.number,
        act_date=act.get("date"),
        source=source_name[:120],
        **summary.counts(),
    )


def _apply(plan, code: str, state: dict, version, agencies: dict, cache: dict) -> PlanItem:
    """Write one direction's or item's state from the document (idempotent)."""
    item, created = ensure_item(plan, code, state["title"], from_report=False, cache=cache)
    if created:
        item.added_in = version
    if item.title_az != state["title"] and (item.title_en or item.title_ru) and not created:
        item.translation_review = True
    item.title_az = state["title"]
    item.from_report = False
    item.removed_in = None
    if state["level"] == 3:
        deadline = parse_deadline(state["deadline"])
        item.deadline = state["deadline"][:300]
        item.deadline_kind = deadline.kind if state["deadline"] else ""
        item.deadline_start, item.deadline_end = deadline.start, deadline.end
        item.expected_result = state["expected_result"]
        item.executors_text = state["executors_text"]
        item.other_executors = state["other"]
    item.search_text = item_search_text(item)
    item.save()
    if state["level"] == 3:
        set_executors(
            item,
            [
                (agencies[a], agreed, written)
                for a, agreed, written in state["executors"]
                if a in agencies
            ],
        )
    return item


def set_executors(item: PlanItem, executors: list[tuple[Agency, bool, str]]) -> None:
    """Make the item's executors exactly `executors` (agency, by agreement, the name the plan
    uses), in that order; they are also among its responsible agencies."""
    keep = {agency.pk for agency, _a, _w in executors}
    item.executors.exclude(agency_id__in=keep).delete()
    existing = {ex.agency_id: ex for ex in item.executors.all()}
    for position, (agency, agreed, written) in enumerate(executors):
        ex = existing.get(agency.pk) or ItemExecutor(item=item, agency=agency)
        values = (position, agreed, written[:300])
        if ex.pk is None or (ex.position, ex.by_agreement, ex.name_in_plan) != values:
            ex.position, ex.by_agreement, ex.name_in_plan = values
            ex.save()
    if executors:
        item.responsible.add(*[agency for agency, _a, _w in executors])


def _title_parts(plan: ActionPlan, reading: dict) -> None:
    """The top-level parents ("4") of the document's directions belong to the plan and take the
    title of the document's numbered part of that number."""
    titles = {p["code"]: p["title"] for p in reading.get("parts", [])}
    codes = {d["code"].split(".")[0] for d in reading["directions"]}
    for item in PlanItem.objects.filter(plan=plan, level=1, code__in=codes):
        if item.title_az in ("", item.code) and item.code in titles:
            item.title_az = titles[item.code]
        item.from_report = False
        item.search_text = item_search_text(item)
        item.save(update_fields=["title_az", "from_report", "search_text"])


CHANGE_SIGNS = {"added": "+", "changed": "~", "removed": "-"}


def field_labels() -> dict[str, str]:
    return {
        "title": _("title"),
        "executors": _("executors"),
        "executors_text": _("executors as written"),
        "deadline": _("deadline"),
        "expected_result": _("expected result"),
    }


def summary_lines(summary: PlanImport) -> list[str]:
    """The outcome as lines of text in the active language (the command prints them)."""
    if summary.dry_run:
        head = _("Dry run: nothing was written.") + " "
    else:
        head = _("Loaded.") + " " if summary.version else ""
    out = [f"{head}{summary.code}: {summary.title}"]
    n_items = len(summary.items)
    out.append(
        _("%(d)s directions, %(i)s sub-items.") % {"d": len(summary.directions), "i": n_items}
    )
    if summary.version is None:
        out.append(_("Unchanged: the catalogue already matches this document."))
    else:
        out.append(
            _(
                "Version %(n)s, act of %(date)s: added %(added)s, changed %(changed)s, removed "
                "%(removed)s."
            )
            % {"n": summary.version, "date": summary.act.get("date") or "—", **summary.counts()}
        )
    labels = field_labels()
    for c in summary.changes:
        fields = ", ".join(labels[f] for f in c.get("fields", {}))
        out.append(
            f"  {CHANGE_SIGNS[c['change']]} {c['code']} {c['title'][:80]}"
            + (f" ({fields})" if fields else "")
        )
    for u in summary.unresolved:
        out.append(
            _("Sub-item %(c)s: “%(t)s” is not in the reference list of agencies.")
            % {"c": u["code"], "t": u["text"]}
        )
    return out + summary.notes
