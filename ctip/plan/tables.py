"""The plan's tables as spreadsheets (ctip.core.spreadsheet): the matrix and a sub-item's
reports, the same rows the pages show (names masked for those without need-to-know)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ctip.core.spreadsheet import Sheet, Table

from . import permissions
from .models import ItemReport
from .text import mask_text


def _cell_label(ov, key, labels: dict) -> str:
    cell = ov.cells.get(key)
    if cell is not None:
        label = labels.get(cell[1], cell[1])
        if key in ov.flagged:
            return "{} ({})".format(label, _("not an executor of this sub-item"))
        return label
    if key in ov.missing:
        return _("owed, not received")
    if key in ov.waived:
        return _("not applicable")
    return ""


def matrix_table(ov) -> Table:
    """Sub-items × agencies: each cell the report's status, "owed, not received", "not
    applicable" or empty (not owed); the direction, the owed cells' due dates aside."""
    labels = {k: str(v) for k, v in ItemReport.Status.choices}

    def rows():
        for sec, subs in ov.sections:
            for s in subs:
                counts = ov.item_counts.get(s.pk, {})
                yield [
                    sec.code if sec is not None else "",
                    s.code,
                    s.title,
                    *(_cell_label(ov, (s.pk, a.pk), labels) for a in ov.agencies),
                    counts.get("approved", 0),
                    sum(counts.values()),
                ]

    headers = [_("Direction"), _("Sub-item"), _("Title"), *(a.abbr for a in ov.agencies),
               _("Approved"), _("Reports")]  # fmt: skip
    stem = f"{ov.plan.code}_{ov.period.code}" if ov.period else ov.plan.code
    return Table(f"matrix_{stem}", [Sheet(_("Reports by sub-item and agency"), headers, rows())])


def narrative_text(report: ItemReport, user) -> str:
    """The narrative as the page shows it: person names masked without need-to-know."""
    if permissions.sees_pii(user):
        return report.narrative
    spans = [(f.start, f.end) for f in report.facts.all() if f.pii]
    return mask_text(report.narrative, spans)[0]


def item_reports_table(item, reports, user) -> Table:
    def rows():
        for r in reports:
            yield [
                r.agency.abbr,
                r.period.code,
                r.get_status_display(),
                r.version,
                r.updated,
                narrative_text(r, user),
            ]

    headers = [_("Agency"), _("Period"), _("Status"), _("Version"), _("Updated"), _("Narrative")]
    return Table(f"reports_{item.code}", [Sheet(item.code, headers, rows())])
