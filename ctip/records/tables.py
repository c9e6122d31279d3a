"""The records' tables as spreadsheets (ctip.core.spreadsheet): the same rows as the pages."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ctip.core.spreadsheet import Sheet, Table


def _abbrs(agencies) -> str:
    return ", ".join(a.abbr for a in agencies)


def _codes(items) -> str:
    return ", ".join(i.code for i in items)


def _due_label(status: str) -> str:
    return {"overdue": _("overdue"), "soon": _("due soon")}.get(status, _("later"))


def documents_table(qs) -> Table:
    def rows():
        for d in qs.iterator(chunk_size=1000):
            recipients = _abbrs(d.recipients.all())
            if d.recipient_names:
                recipients = (
                    f"{recipients}; {d.recipient_names}" if recipients else d.recipient_names
                )
            yield [
                d.number,
                d.date,
                d.get_kind_display(),
                d.get_direction_display(),
                d.issuer_label,
                recipients,
                _codes(d.plan_items.all()),
                d.subject,
                d.due_date,
                d.completed_on,
            ]

    headers = [_("Number"), _("Date"), _("Kind"), _("Direction"), _("Issuer"), _("Recipients"),
               _("Plan items"), _("Subject"), _("Due"), _("Completed")]  # fmt: skip
    return Table("documents", [Sheet(_("Document registry"), headers, rows())])


def activities_table(qs) -> Table:
    def rows():
        for a in qs.iterator(chunk_size=1000):
            yield [
                a.start,
                a.end,
                a.title,
                ", ".join(t.name for t in a.topics.all()),
                a.get_kind_display(),
                a.agency.abbr if a.agency_id else "",
                _codes(a.plan_items.all()),
                a.participants_total,
            ]

    headers = [_("Start"), _("End"), _("Title"), _("Topics"), _("Kind"), _("Agency"),
               _("Plan items"), _("Participants")]  # fmt: skip
    return Table("activities", [Sheet(_("Activities and trainings"), headers, rows())])


def recommendations_table(qs) -> Table:
    def rows():
        for r in qs.iterator(chunk_size=1000):
            yield [
                r.get_source_display(),
                r.year,
                r.report,
                r.reference,
                r.text,
                r.get_priority_display(),
                _abbrs(r.responsible.all()),
                r.get_status_display(),
                r.due_date,
            ]

    headers = [_("Source"), _("Year"), _("Report"), _("Reference"), _("Text"), _("Priority"),
               _("Responsible"), _("Status"), _("Due")]  # fmt: skip
    return Table("recommendations", [Sheet(_("Recommendations"), headers, rows())])


def due_table(docs, reports_owed, recs) -> Table:
    """Three sheets, as the page's three tables: documents, reports owed, recommendations."""
    return Table(
        "due",
        [_due_documents_sheet(docs), _owed_reports_sheet(reports_owed), _due_recs_sheet(recs)],
    )


def _due_documents_sheet(docs) -> Sheet:
    """Resolutions and instructions with a due date, with their state (overdue, soon, later)."""
    rows = (
        [
            d.due_date,
            _due_label(st),
            d.get_kind_display(),
            d.number,
            d.date,
            d.issuer_label,
            d.agency.abbr if d.agency_id else "",
            d.subject,
        ]  # fmt: skip
        for d, st in docs
    )
    headers = [_("Due"), _("State"), _("Kind"), _("Number"), _("Date"), _("Issuer"), _("Agency"),
               _("Subject")]  # fmt: skip
    return Sheet(_("Resolutions and instructions"), headers, rows)


def _owed_reports_sheet(reports_owed) -> Sheet:
    """Reports owed: drafts not submitted and reports not received."""
    rows = (
        [
            o.due,
            _due_label(st),
            o.item_code,
            o.agency_abbr,
            o.period_code,
            _("draft, not submitted") if o.state == "in_progress" else _("owed, not received"),
        ]  # fmt: skip
        for o, st in reports_owed
    )
    headers = [_("Due"), _("State"), _("Sub-item"), _("Agency"), _("Period"), _("Report")]
    return Sheet(_("Reports owed"), headers, rows)


def _due_recs_sheet(recs) -> Sheet:
    """Recommendations with a due date, with their status and who is responsible."""
    rows = (
        [
            r.due_date,
            _due_label(st),
            str(r),
            r.text,
            r.get_status_display(),
            _abbrs(r.responsible.all()),
        ]  # fmt: skip
        for r, st in recs
    )
    headers = [_("Due"), _("State"), _("Recommendation"), _("Text"), _("Status"),
               _("Responsible")]  # fmt: skip
    return Sheet(_("Recommendations"), headers, rows)
