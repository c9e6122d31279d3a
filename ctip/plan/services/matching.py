"""A report's sections against the plan's catalogue: matched by code or title, and the titles the
report gives its own sections."""

from __future__ import annotations

import re

from django.db.models import F, Q
from django.utils.translation import gettext as _

from ctip.extraction.catalogue import match_catalogue

from ..models import ActionPlan, PlanItem
from .plans import item_search_text
from .summary import ImportSummary


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
