"""Pages of the action plan: overview matrix, sub-item, report review, editor, import, search."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from ctip.core import display
from ctip.core.errors import Conflict, one_line
from ctip.core.forms import flash_errors, submit
from ctip.jobs import spreadsheets as sheet_jobs

from . import forms as plan_forms
from . import import_view, imports, permissions, selectors, services, tables
from . import jobs as plan_jobs
from .models import ActionPlan, Agency, Fact, ItemReport, PlanItem, ReportingPeriod
from .text import narrative_html

STATUS_CHOICES = ItemReport.Status.choices
LARGE_PLAN = 80  # sub-items; larger plans open on their first direction


def _pick(model, pk, **filters):
    if not pk:
        return None
    try:
        return model.objects.filter(**filters).get(pk=int(pk))
    except (ValueError, model.DoesNotExist):
        return None


@vary_on_headers(
    "HX-Request"
)  # a fragment for htmx, the page otherwise: caches must tell them apart
def overview(request):
    """The matrix of sub-items by agencies for one plan and period, filtered; a sheet on request."""
    ctx = _overview_filters(request)
    plan = ctx["plan"]
    ctx["directions"], ctx["section"] = _directions(plan, ctx["section"])
    ctx |= {
        "agencies": Agency.objects.filter(responsible=True).only("id", "abbr"),
        "statuses": STATUS_CHOICES,
        "can_import": permissions.can_import_any(request.user),
        "can_edit_catalogue": permissions.can_edit_catalogue(request.user),
    }
    if plan is not None:
        ov = selectors.plan_overview(
            request.user,
            plan=plan,
            period=ctx["period"],
            agency=ctx["agency"],
            status=ctx["status"],
            section=ctx["section"] or None,
        )
        if sheet := sheet_jobs.download(request, lambda: tables.matrix_table(ov)):
            return sheet
        ctx |= _matrix_context(ov)
    template = "plan/_matrix.html" if request.headers.get("HX-Request") else "plan/overview.html"
    return render(request, template, ctx)


def _overview_filters(request) -> dict:
    """Plan, period, agency, status and section as asked (defaults: the current plan and period)."""
    plans = list(ActionPlan.objects.all())
    plan = _pick(ActionPlan, request.GET.get("plan")) or selectors.default_plan()
    periods = list(ReportingPeriod.objects.filter(plan=plan)) if plan else []
    period = selectors.period_from_param(plan, request.GET.get("period"))
    period = period or selectors.default_period(plan)
    agency = _pick(Agency, request.GET.get("agency"))
    status = request.GET.get("status") or ""
    if status not in dict(STATUS_CHOICES):
        status = ""
    section = (request.GET.get("section") or "").strip()[:20]
    return {
        "plans": plans,
        "plan": plan,
        "periods": periods,
        "period": period,
        "agency": agency,
        "status": status,
        "section": section,
    }


def _directions(plan, section: str) -> tuple[list, str]:
    """The plan's directions, and the section to show: a national-scale plan opens on its first
    direction, one at a time."""
    if plan is None:
        return [], section
    directions = list(
        PlanItem.objects.filter(plan=plan, level=1)
        .order_by("sort_key")
        .only("id", "code", "title_az", "title_en", "title_ru")
    )
    if (
        not section
        and len(directions) > 1
        and PlanItem.objects.filter(plan=plan, level=3).count() > LARGE_PLAN
    ):
        section = directions[0].code
    return directions, section


def _matrix_context(ov) -> dict:
    """The matrix rows (HTML built in Python for speed) and the counts by status."""
    labels = [*STATUS_CHOICES, ("missing", _("Missing")), ("waived", _("Not applicable"))]
    return {
        "ov": ov,
        "rows": _matrix_rows(ov),
        "total": sum(ov.counts.values()),
        "status_counts": [(k, lbl, ov.counts.get(k, 0)) for k, lbl in labels],
    }


def _truncate(text: str, n: int) -> str:
    """Truncator(text).chars(n), skipping its work for the usual short, NFC-normalised title."""
    if len(text) <= n and unicodedata.is_normalized("NFC", text):
        return text
    return Truncator(text).chars(n)


def _title_html(item, n: int) -> str:
    """An item's title cut to n characters and escaped; an untitled item's placeholder (in the
    user's language) in italics, so that it does not read as a title."""
    shown = display.item_title(item)
    if shown == item.title.strip():
        return escape(_truncate(shown, n))
    return f'<em class="untitled">{escape(shown)}</em>'


def _matrix_rows(ov) -> str:
    """The matrix body as escaped HTML, built in Python: at national scale a period shows
    thousands of cells and the template engine would dominate the page's time. Labels are
    translated and escaped once per status and agency, not once per cell."""
    m = _Matrix(
        ov=ov,
        labels=_matrix_labels(ov),
        item_url=reverse("plan:item", args=[0])[:-2],
        report_url=reverse("plan:report", args=[0])[:-2],
        agencies=[(a.pk, escape(a.abbr)) for a in ov.agencies],
    )
    ncols = len(ov.agencies) + 2
    out: list[str] = []
    for sec, subs in ov.sections:
        if sec is not None:
            out.append(
                f'<tr><th colspan="{ncols}" scope="rowgroup">{escape(sec.code)} '
                f"{_title_html(sec, 140)}</th></tr>"
            )
        out += [_sub_item_row(m, s) for s in subs]
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped


@dataclass(frozen=True)
class _Matrix:
    """What every row of the matrix draws on: the overview, its labels (escaped) and links."""

    ov: selectors.Overview
    labels: dict
    item_url: str
    report_url: str
    agencies: list[tuple[int, str]]  # (pk, escaped abbreviation)


def _matrix_labels(ov) -> dict:
    """Status labels and the due dates of missing reports, translated and escaped once."""
    labels: dict = {k: escape(str(v)) for k, v in STATUS_CHOICES}
    labels["non_executor"] = escape(_("not an executor of this sub-item"))
    labels["waived"] = escape(_("not applicable"))
    labels["due"] = {d: escape(display.moment(d)) for d in set(ov.missing.values()) if d}
    return labels


def _sub_item_row(m: _Matrix, s) -> str:
    """One sub-item's row: its code and title, a cell per agency, its approved/all progress."""
    ov, code, spk = m.ov, escape(s.code), s.pk
    cells = []
    for apk, abbr in m.agencies:
        cell = ov.cells.get((spk, apk))
        if cell is None:
            cells.append(_empty_cell(ov, (spk, apk), f"{code} {abbr}", m.labels))
        else:
            cells.append(_report_cell(m, (spk, apk), f"{code} {abbr}", cell))
    counts = ov.item_counts.get(spk, {})
    done, total = counts.get("approved", 0), sum(counts.values())
    return (
        f'<tr><th scope="row"><a href="{m.item_url}{spk}/">{code}</a> '
        f'<span class="small muted">{_title_html(s, 90)}</span></th>'
        + "".join(cells)
        + f'<td><progress max="{total or 1}" value="{done}" aria-label="{code}: {done} / '
        f'{total}">{done}/{total}</progress> <span class="small">{done}/{total}</span>'
        "</td></tr>"
    )


def _report_cell(m: _Matrix, key: tuple[int, int], name: str, cell: tuple[int, str]) -> str:
    """A cell with a report: its status badge linking to it, flagged when its agency is not an
    executor of the sub-item."""
    rid, st = cell
    label = f"{name}: {m.labels.get(st) or escape(st)}"
    flag = ""
    if key in m.ov.flagged:
        label, flag = f"{label} · {m.labels['non_executor']}", " non-executor"
    return (
        f'<td class="cell{flag}"><a class="badge status-{st}" '
        f'href="{m.report_url}{rid}/" aria-label="{label}" title="{label}">'
        f"</a></td>"
    )


def _empty_cell(ov, key, name: str, labels: dict) -> str:
    """A cell without a report: owed and missing (with its due date), not applicable, or not
    owed at all."""
    if key in ov.missing:
        due = ov.missing[key]
        text = (
            _("owed, not received (due %(date)s)") % {"date": labels["due"][due]}
            if due
            else _("owed, not received")
        )
        label = f"{name}: {escape(text)}"
        return (
            f'<td class="cell owed"><span class="badge status-missing" role="img" '
            f'aria-label="{label}" title="{label}">!</span></td>'
        )
    if key in ov.waived:
        label = f"{name}: {labels['waived']}"
        return (
            f'<td class="cell waived"><span class="badge status-waived" role="img" '
            f'aria-label="{label}" title="{label}">–</span></td>'
        )
    return '<td class="cell not-owed"></td>'


def item_detail(request, pk):
    try:
        item = (
            PlanItem.objects.select_related("plan", "parent")
            .prefetch_related("responsible")
            .get(pk=pk)
        )
    except PlanItem.DoesNotExist as exc:
        raise Http404 from exc
    periods = list(ReportingPeriod.objects.filter(plan_id=item.plan_id).order_by("-year", "-half"))
    period = selectors.period_from_param(item.plan, request.GET.get("period"))
    if period is None and len(periods) > 4 and request.GET.get("period") != "all":
        period = (
            ReportingPeriod.objects.filter(plan_id=item.plan_id, reports__item=item)
            .order_by("-year", "-half")
            .first()
        )
    reports = selectors.item_reports(request.user, item, period=period)
    if sheet := sheet_jobs.download(
        request, lambda: tables.item_reports_table(item, reports, request.user)
    ):
        return sheet
    return render(
        request,
        "plan/item.html",
        {
            "item": item,
            "reports": reports,
            "cards": selectors.report_cards(request.user, reports),
            "periods": periods,
            "period": period,
            "children": item.children.order_by("sort_key"),
            "sees_pii": permissions.sees_pii(request.user),
            "manager": permissions.can_edit_catalogue(request.user),
        },
    )


def _report_or_404(user, pk):
    try:
        return selectors.report_detail(user, pk)
    except ItemReport.DoesNotExist as exc:
        raise Http404 from exc


def _report_ctx(request, report, **extra):
    user = request.user
    transitions = list(report.transitions.all())
    ctx = {
        "report": report,
        "html": narrative_html(
            report.narrative, report.facts.all(), sees_pii=permissions.sees_pii(user)
        ),
        "transitions": transitions,
        "can_edit": permissions.can_edit(user, report),
        "can_submit": permissions.can_submit(user, report),
        "can_review": permissions.can_review(user, report) and report.status in ("submitted",),
        "can_reopen": permissions.can_review(user, report) and report.status == "approved",
        "fact_counts": _fact_counts(report, user),
        "sees_pii": permissions.sees_pii(user),
    }
    ctx.update(extra)
    return ctx


def _fact_counts(report, user):
    """(type, label, count) of the report's facts; counts reveal no names."""
    counts: dict[str, int] = {}
    for f in report.facts.all():
        counts[f.type] = counts.get(f.type, 0) + 1
    labels = dict(Fact.Type.choices)
    return [(t, labels[t], n) for t, n in sorted(counts.items())]


def report_detail(request, pk):
    report = _report_or_404(request.user, pk)
    return render(request, "plan/report.html", _report_ctx(request, report))


def _writable_or_404(user, pk):
    """Another agency's report in a write is simply not found (as in the API)."""
    if not selectors.writable_reports(user).filter(pk=pk).exists():
        raise Http404
    return _report_or_404(user, pk)


def report_edit(request, pk):
    report = _writable_or_404(request.user, pk)
    if not permissions.can_edit(request.user, report):
        raise PermissionDenied
    form = plan_forms.NarrativeForm(
        request.POST or None,
        initial={"narrative": report.narrative, "version": report.version},
    )
    try:
        done = submit(
            request,
            form,
            lambda d: services.update_narrative(
                request.user, report, narrative=d["narrative"], version=d["version"]
            ),
            then=redirect("plan:report", pk=report.pk),
            success=_("Saved."),
        )
    except Conflict as exc:
        # keep the user's text; offer the current version so a second save overwrites
        data = request.POST.copy()
        data["version"] = exc.current_version
        form = plan_forms.NarrativeForm(data)
        form.is_valid()
        form.add_error(None, str(exc))
        report.refresh_from_db()
        ctx = {"report": report, "form": form, "stale": True}
        return render(request, "plan/edit.html", ctx, status=409)
    return done or render(request, "plan/edit.html", {"report": report, "form": form})


@require_POST
def report_action(request, pk, action):
    report = _writable_or_404(request.user, pk)
    if action not in services.TRANSITIONS:
        raise Http404
    try:
        services.transition(
            request.user,
            report,
            action,
            version=request.POST.get("version"),
            comment=request.POST.get("comment", ""),
        )
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(
            request,
            {
                "submit": _("Submitted for review."),
                "return": _("Returned to the agency."),
                "approve": _("Approved."),
                "reopen": _("Reopened."),
            }[action],
        )
    return redirect("plan:report", pk=report.pk)


@require_POST
def make_current(request, pk):
    """The coordinator's office marks the plan every page opens on (audited)."""
    if not permissions.can_edit_catalogue(request.user):
        raise PermissionDenied
    plan = _pick(ActionPlan, pk)
    if plan is None:
        raise Http404
    services.set_current_plan(request.user, plan)
    messages.success(request, _("%(plan)s is now the current plan.") % {"plan": plan.code})
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect(reverse("plan:overview") + f"?plan={plan.pk}")


# --- search ---------------------------------------------------------------------------------

PAGE = 20


def search(request):
    q = (request.GET.get("q") or "").strip()[:200]
    period_code = (request.GET.get("period") or "").strip()
    agency = _pick(Agency, request.GET.get("agency"))
    try:
        page = max(1, int(request.GET.get("page") or 1))
    except ValueError:
        page = 1
    periods = (
        ReportingPeriod.objects.order_by("-year", "half").values_list("code", flat=True).distinct()
    )
    period = None
    plan = selectors.default_plan()
    if period_code and plan:
        period = ReportingPeriod.objects.filter(plan=plan, code=period_code).first()
    items, hits, has_more = ([], [], False)
    if q:
        items, hits, has_more = selectors.search(
            request.user, q, period=period, agency=agency, offset=(page - 1) * PAGE, limit=PAGE
        )
        items = [(i, selectors.item_title_snippet(i, q)) for i in items]
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "plan/search.html",
        {
            "q": q,
            "items": items,
            "hits": hits,
            "page": page,
            "has_more": has_more,
            "periods": list(dict.fromkeys(periods)),
            "period_code": period_code,
            "agency": agency,
            "agencies": Agency.objects.filter(responsible=True).only("id", "abbr"),
            "qs": params.urlencode(),
        },
    )


# --- import: upload -> preview (dry run) -> correct -> confirm -----------------------------------


def import_upload(request):
    """Stage the file and enqueue the job that reads it (in a limited child process); the
    job's page sends the user on to the preview."""
    user = request.user
    if not permissions.can_import_any(user):
        raise PermissionDenied
    current = selectors.default_plan()
    initial = {
        "agency": user.agency.abbr if user.agency_id else "",
        "plan": current.code if current else "",
    }
    form = plan_forms.ImportForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        given = {k: data.get(k) or "" for k in ("plan", "agency", "period")}
        job = plan_jobs.start_import_job(user, data["file"], status=data["status"], **given)
        return redirect("jobs:detail", job_id=job.pk)
    can_bulk = permissions.is_reviewer(user)
    return render(request, "plan/import_upload.html", {"form": form, "can_bulk": can_bulk})


def import_bulk(request):
    """Several report files in one job, as `ctip import-reports`: the coordinator's office."""
    if not permissions.is_reviewer(request.user):
        raise PermissionDenied
    form = plan_forms.BulkImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        job = plan_jobs.start_bulk_import_job(
            request.user,
            data["files"],
            status=data["status"],
            plan=data["plan"],
            dry_run=data["dry_run"],
        )
        return redirect("jobs:detail", job_id=job.pk)
    return render(request, "plan/import_bulk.html", {"form": form})


def import_preview(request, token):
    """The sections found beside their text, with what to correct; from the stored extraction."""
    staged = selectors.report_import_for(request.user, token)
    result, skipped = imports.corrected(staged)
    try:
        summary, error = imports.preview_import(request.user, staged), None
    except (ValidationError, PermissionDenied) as exc:
        summary, error = None, one_line(exc)
    ctx = import_view.preview_context(staged, result, skipped)
    ctx.update({"summary": summary, "error": error, "staged": staged, "token": token})
    return render(request, "plan/import_preview.html", ctx)


@require_POST
def import_correct(request, token):
    """One correction (set a code, map, merge, split, drop a fact, undo), then the preview again."""
    staged = selectors.report_import_for(request.user, token)
    try:
        if request.POST.get("op") == "undo":
            imports.undo_correction(request.user, staged)
        else:
            imports.correct_import(request.user, staged, import_view.correction_from(request.POST))
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    return redirect("plan:import_preview", token=token)


@require_POST
def import_confirm(request, token):
    staged = selectors.report_import_for(request.user, token)
    try:
        summary = imports.confirm_import(request.user, staged)
    except (ValidationError, PermissionDenied) as exc:
        for m in getattr(exc, "messages", [str(exc)]):
            messages.error(request, m)
        return redirect("plan:import_preview", token=token)
    for line in summary.lines():
        messages.success(request, line)
    plan = ActionPlan.objects.filter(code=summary.plan).first()
    period = ReportingPeriod.objects.filter(plan=plan, code=summary.period).first()
    query = f"?plan={plan.pk if plan else ''}&period={period.pk if period else ''}"
    return redirect(reverse("plan:overview") + query)
