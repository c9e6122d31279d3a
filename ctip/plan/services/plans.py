"""Agencies, plans, reporting periods and plan items: finding them, creating them on demand."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ctip import reference
from ctip.accounts.types import Actor
from ctip.audit.services import record

from .. import permissions, selectors
from ..models import ActionPlan, Agency, PlanItem, ReportingPeriod
from ..text import build_search_text

PLAN_CODE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9]*-(\d{4})-(\d{4})$")
PERIOD_RE = re.compile(r"^(\d{4})(?:-H([12]))?$")


def sync_agencies() -> dict[str, int]:
    """Create or update the agencies of the reference list (idempotent); returns counts."""
    data = reference.organizations()
    counts: Counter[str] = Counter()
    with transaction.atomic():
        existing = {a.abbr: a for a in Agency.objects.all()}
        for entry in data:
            fields: dict[str, object] = {
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
