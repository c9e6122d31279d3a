"""Every write of the plan app, by topic: agencies, plans, periods and items (`plans`), a report's
facts (`facts`), the import of a legacy report (`importing`, with `matching` to the plan's
catalogue and its `summary`), the narrative and the review workflow (`workflow`), and the labels
they show (`labels`).

Each function takes the acting user first (None = the system, e.g. the `ctip` command run by an
operator on the server), checks permission, runs in one transaction and writes an audit entry.
Callers import from `ctip.plan.services`: the names below, with the three fact helpers the demo
data shares (`_fact_rows`, `_replace_facts`, `_report_search_text`).
"""

from __future__ import annotations

from .facts import (
    _fact_rows,
    _replace_facts,
    _report_search_text,
    extract_facts,
    remask_mentions,
    remask_report,
    remask_reports,
)
from .importing import IMPORT_STATUSES, import_report
from .labels import fact_type_label, import_outcome_labels, status_label
from .matching import catalogue_of, section_titles
from .plans import (
    PERIOD_RE,
    PLAN_CODE_RE,
    ensure_item,
    find_agency,
    get_or_create_period,
    get_or_create_plan,
    item_search_text,
    plan_title,
    set_current_plan,
    sync_agencies,
)
from .summary import ImportSummary
from .workflow import (
    TRANSITIONS,
    approve_report,
    reopen_report,
    return_report,
    stale_version,
    submit_report,
    transition,
    update_narrative,
)

__all__ = [
    "IMPORT_STATUSES",
    "PERIOD_RE",
    "PLAN_CODE_RE",
    "TRANSITIONS",
    "ImportSummary",
    "_fact_rows",
    "_replace_facts",
    "_report_search_text",
    "approve_report",
    "catalogue_of",
    "ensure_item",
    "extract_facts",
    "fact_type_label",
    "find_agency",
    "get_or_create_period",
    "get_or_create_plan",
    "import_outcome_labels",
    "import_report",
    "item_search_text",
    "plan_title",
    "remask_mentions",
    "remask_report",
    "remask_reports",
    "reopen_report",
    "return_report",
    "section_titles",
    "set_current_plan",
    "stale_version",
    "status_label",
    "submit_report",
    "sync_agencies",
    "transition",
    "update_narrative",
]
