"""Receivers for signals of the apps below records."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .models import Activity
from .services import sync_documents_from_report


def on_item_report_imported(sender, *, actor, report, **kwargs):
    """Register the report's `document` facts (find-or-create; safe to call again)."""
    return sync_documents_from_report(actor, report)


# indicator source -> the kind of activity the registry counts for it
SOURCE_KINDS = {
    "trainings": Activity.Kind.TRAINING,
    "people_trained": Activity.Kind.TRAINING,
    "materials": Activity.Kind.AWARENESS_MATERIAL,
}


def suggest_indicator_values(sender, *, indicator, period, agency, **kwargs):
    """Suggested values from the registry for indicators that count trainings, people trained or
    awareness materials distributed: activities linked to the indicator's sub-item that fall in
    the period (recorded by `agency` when given). Aggregates only; nothing is saved here."""
    if indicator.source not in SOURCE_KINDS:
        return []
    qs = Activity.objects.filter(
        kind=SOURCE_KINDS[indicator.source], plan_items=indicator.item
    ).filter(start__gte=period.start, start__lte=period.end)
    if agency is not None:
        qs = qs.filter(agency=agency)
    rows = list(qs.distinct().prefetch_related("participations"))
    value, what = _count(indicator.source, rows)
    note = _(
        "Registry: %(value)s %(what)s in %(n)s activities of sub-item %(code)s, %(period)s"
    ) % {
        "value": value,
        "what": what,
        "n": len(rows),
        "code": indicator.item.code,
        "period": period.code,
    }
    if agency is not None:
        note += f" ({agency.abbr})"
    return [{"key": f"records:{indicator.source}", "value": value, "note": note}]


def _count(source: str, rows: list[Activity]) -> tuple[int, str]:
    """The value the activities give for an indicator of `source`, and what it counts (worded)."""
    if source == "trainings":
        return len(rows), _("trainings")
    if source == "people_trained":
        value = sum(
            a.number_trained
            if a.number_trained is not None
            else sum(p.total for p in a.participations.all())
            for a in rows
        )
        return value, _("people trained")
    return sum(a.copies_distributed or 0 for a in rows), _("copies distributed")
