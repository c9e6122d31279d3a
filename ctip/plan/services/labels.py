"""Labels of import outcomes, report statuses and fact types in the active language."""

from __future__ import annotations

from django.utils.translation import get_language, pgettext

from ctip.azlang import lower as az_lower

from ..models import Fact, ItemReport

S = ItemReport.Status


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
