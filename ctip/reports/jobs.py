"""Reports as background jobs: the form enqueues, the worker composes and renders.

Progress: reading the item reports fills the first half, rendering the rest (a chunked PDF
moves as each chunk is laid out).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ctip.accounts.types import Actor
from ctip.audit.services import record
from ctip.jobs.registry import JobOutput, register
from ctip.jobs.services import start_job
from ctip.plan import selectors as plan_selectors
from ctip.plan.models import ActionPlan, ReportingPeriod
from ctip.reports.compose import compose_report

from . import permissions
from .generate import FORMATS, render

KIND = "report"


def start_report_job(actor: Actor, *, plan, period, agency, fmt, lang, include_submitted, annex):
    """Enqueue one report for `actor` (who may generate it: checked by the caller and again
    in the worker)."""
    if not permissions.can_generate(actor, agency):
        raise ValidationError(_("You may not generate this report."))
    params = {
        "plan": plan.code,
        "period": period.code,
        "agency": agency.abbr if agency else "",
        "format": fmt,
        "lang": lang,
        "include_submitted": bool(include_submitted),
        "annex": bool(annex),
    }
    who = agency.abbr if agency else _("national")
    title = _("Report %(plan)s %(period)s %(who)s (%(lang)s, %(format)s)") % {
        "plan": plan.code,
        "period": period.code,
        "who": who,
        "lang": lang,
        "format": fmt.upper(),
    }
    return start_job(actor, KIND, params, title=title)


def _resolve(params: dict):
    plan = ActionPlan.objects.filter(code=params["plan"]).first()
    period = plan and ReportingPeriod.objects.filter(plan=plan, code=params["period"]).first()
    agency = None
    if params["agency"]:
        agency = plan_selectors.agency_named(params["agency"])
        if agency is None:
            period = None
    if period is None:
        raise ValidationError(_("The plan, period or agency of this report no longer exists."))
    return plan, period, agency


@register(KIND)
def run_report(job, progress) -> JobOutput:
    """Compose and render the report a job asks for, as its owner."""
    p = job.params
    plan, period, agency = _resolve(p)
    if not permissions.can_generate(job.owner, agency):
        raise ValidationError(_("You may no longer generate this report."))

    def rows(iterable, total=None):
        return progress.over(iterable, total=total or 0, start=2, end=50, message=_("Composing…"))

    doc = compose_report(
        plan,
        period,
        agency,
        lang=p["lang"],
        include_submitted=p["include_submitted"],
        annex=p["annex"],
        user=job.owner,
        progress=rows,
    )
    data = _render_with_progress(doc, p["format"], progress)
    record(
        job.owner,
        "reports.generate",
        plan,
        purpose="report job",
        period=period.code,
        agency=agency.abbr if agency else "national",
        format=p["format"],
        lang=p["lang"],
        include_submitted=p["include_submitted"],
    )
    content_type, ext = FORMATS[p["format"]]
    return JobOutput(name=f"{doc.file_stem}.{ext}", content=data, content_type=content_type)


def _render_with_progress(doc, fmt: str, progress) -> bytes:
    """Render `doc` as `fmt`, reporting progress from 55 to 95 % part by part."""
    progress(55, _("Rendering %(format)s…") % {"format": fmt.upper()})

    def on_part(done, total):
        progress(
            55 + 40 * done / total,
            _("Rendering: part %(done)d of %(total)d") % {"done": done, "total": total},
        )

    return render(doc, fmt, on_part=on_part)
