"""Case figures as a spreadsheet (ctip.core.spreadsheet): the page's counts, small ones already
suppressed by `selectors.case_figures` exactly as on the page and in the export."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ctip.core.display import stat_label
from ctip.core.spreadsheet import Sheet, Table


def _labels() -> dict:
    return {
        "by_year": _("By year"),
        "by_month": _("By month"),
        "by_channel": _("By channel"),
        "by_status": _("By status"),
        "by_citizenship": _("By citizenship"),
        "by_sex": _("By sex"),
        "by_age_group": _("By age group"),
        "by_exploitation": _("By form of exploitation"),
        "by_referral_outcome": _("By referral outcome"),
        "by_trafficking_status": _("By trafficking status"),
    }


def figures_table(figures: dict) -> Table:
    """A sheet of totals, then one sheet per table (a row per value: its label and count)."""
    totals = figures["totals"]
    sheets = [
        Sheet(
            _("Totals"),
            [_("Figure"), _("Count")],
            [
                [_("Cases"), totals["cases"]],
                [_("Persons"), totals["persons"]],
                [_("Readmitted"), totals["readmitted_persons"]],
            ],
        )
    ]
    for name, label in _labels().items():
        cells = figures["tables"].get(name) or {}
        if cells:
            sheets.append(
                Sheet(
                    label, [label, _("Count")], [[stat_label(k, name), v] for k, v in cells.items()]
                )
            )
    year = figures["year"]
    return Table(f"case_figures_{year}" if year else "case_figures", sheets)
