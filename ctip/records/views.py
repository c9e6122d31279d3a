"""Thin views: parse input, call a selector or a service, render."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ctip.audit.services import record
from ctip.core import charts
from ctip.core.forms import flash_errors, submit
from ctip.core.paging import capped_page, page_end
from ctip.jobs import spreadsheets as sheet_jobs
from ctip.plan.catalogue import selectors as plan_selectors
from ctip.plan.models import Agency, ReportingPeriod

from . import permissions, pickers, selectors, services, stats, tables
from .forms import (
    ActivityForm,
    CompleteForm,
    DocumentForm,
    ParticipationFormSet,
    RecommendationForm,
    StatusForm,
    check_trained_against_total,
    participations_from,
)
from .models import Activity, Document, Recommendation, Topic

PAGE_SIZE = 50


def _require_read(request):
    if not permissions.can_read(request.user):
        raise PermissionDenied


def _date(value):
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _filters(request) -> dict:
    g = request.GET
    return {
        "kind": g.get("kind", ""),
        "agency": g.get("agency", ""),
        "period": g.get("period", ""),
        "item": g.get("item", "").strip(),
        "q": g.get("q", "").strip(),
        "date_from": g.get("from", ""),
        "date_to": g.get("to", ""),
    }


def _common(request, filters: dict) -> dict:
    return {
        "filters": filters,
        "agencies": Agency.objects.order_by("abbr").only(*Agency.DISPLAY_FIELDS),
        "periods": ReportingPeriod.objects.order_by("-year", "half")
        .values_list("code", flat=True)
        .distinct(),
        "can_create": permissions.can_create(request.user),
    }


def _page(request, qs):
    return capped_page(qs, PAGE_SIZE, request.GET.get("page"))


def _default_year(user) -> str:
    """The latest year with recorded activities (the current year if none)."""
    latest = (
        selectors.activities_visible_to(user)
        .order_by("-start")
        .values_list("start", flat=True)
        .first()
    )
    return str(latest.year if latest else timezone.localdate().year)


def index(request):
    _require_read(request)
    user = request.user
    return render(
        request,
        "records/index.html",
        {
            "documents": selectors.documents_visible_to(user).count(),
            "activities": selectors.activities_visible_to(user).count(),
            "recommendations": selectors.recommendations_visible_to(user).count(),
            "overdue": selectors.overdue_count(user),
            "can_create": permissions.can_create(user),
            "year": _default_year(user),
        },
    )


# --- Documents ---------------------------------------------------------------------------------


def document_list(request):
    _require_read(request)
    f = _filters(request)
    f["direction"] = request.GET.get("direction", "")
    qs = selectors.documents_visible_to(
        request.user,
        kind=f["kind"],
        agency=f["agency"],
        item=f["item"],
        text=f["q"],
        period=f["period"],
        date_from=_date(f["date_from"]),
        date_to=_date(f["date_to"]),
        direction=f["direction"],
        number=request.GET.get("number", "").strip() or None,
    )
    if sheet := sheet_jobs.download(request, lambda: tables.documents_table(qs), count=qs.count):
        return sheet
    ctx = _common(request, f) | {
        "page": _page(request, qs),
        "kinds": Document.Kind.choices,
        "directions": Document.Direction.choices,
    }
    return render(request, "records/document_list.html", ctx)


def document_detail(request, pk):
    _require_read(request)
    doc = selectors.document_detail(request.user, pk)
    return render(
        request,
        "records/document_detail.html",
        {
            "doc": doc,
            "can_edit": permissions.can_edit(request.user, doc),
            "can_download": bool(doc.file) and permissions.can_download(request.user, doc),
            "due": selectors.due_status(doc.due_date)
            if doc.due_date and not doc.completed_on
            else "",
            "complete_form": CompleteForm(initial={"completed_on": timezone.localdate()}),
        },
    )


@require_http_methods(["GET", "POST"])
def document_create(request):
    if not permissions.can_create(request.user):
        raise PermissionDenied
    form = DocumentForm(request.POST or None, request.FILES or None, user=request.user)
    done = submit(
        request,
        form,
        lambda d: services.create_document(
            request.user, agency=d["agency"], upload=d.get("upload"), **form.service_fields()
        ),
        then=lambda doc: redirect("records:document", pk=doc.pk),
        success=_("The document was registered."),
    )
    return done or render(
        request,
        "records/form.html",
        {"form": form, "title": _("Register a document"), "multipart": True},
    )


@require_http_methods(["GET", "POST"])
def document_edit(request, pk):
    doc = selectors.document_for_edit(request.user, pk)
    form = DocumentForm(
        request.POST or None, request.FILES or None, instance=doc, user=request.user
    )
    done = submit(
        request,
        form,
        lambda d: services.update_document(
            request.user, doc, upload=d.get("upload"), **form.service_fields()
        ),
        then=redirect("records:document", pk=doc.pk),
        success=_("The document was saved."),
    )
    return done or render(
        request,
        "records/form.html",
        {
            "form": form,
            "title": _("Edit document %(doc)s") % {"doc": doc},
            "multipart": True,
            "cancel": doc,
        },
    )


@require_POST
def document_complete(request, pk):
    doc = selectors.document_for_edit(request.user, pk)
    form = CompleteForm(request.POST)
    if form.is_valid():
        try:
            services.complete_document(
                request.user,
                doc,
                completed_on=form.cleaned_data["completed_on"],
                note=form.cleaned_data["note"],
            )
            messages.success(request, _("Marked as completed."))
        except ValidationError as exc:
            flash_errors(request, exc)
    else:
        messages.error(request, _("Give the completion date."))
    return redirect("records:document", pk=doc.pk)


def document_download(request, pk):
    _require_read(request)
    doc = selectors.document_detail(request.user, pk)
    if not doc.file or not permissions.can_download(request.user, doc):
        raise Http404
    try:
        fh = doc.file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    record(request.user, "records.document.download", doc, purpose="download attachment")
    filename = doc.file_name or f"document-{doc.pk}.{doc.file_type or 'bin'}"
    content_type = {
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }.get(doc.file_type, "application/octet-stream")
    response = FileResponse(fh, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- Activities --------------------------------------------------------------------------------


def activity_list(request):
    _require_read(request)
    f = _filters(request)
    f["topic"] = request.GET.get("topic", "")
    qs = selectors.activities_listed(
        request.user,
        kind=f["kind"],
        agency=f["agency"],
        item=f["item"],
        text=f["q"],
        period=f["period"],
        date_from=_date(f["date_from"]),
        date_to=_date(f["date_to"]),
        topic=f["topic"],
    )
    if sheet := sheet_jobs.download(request, lambda: tables.activities_table(qs), count=qs.count):
        return sheet
    ctx = _common(request, f) | {
        "page": _page(request, qs),
        "kinds": Activity.Kind.choices,
        "topics": Topic.objects.all(),
    }
    return render(request, "records/activity_list.html", ctx)


def activity_detail(request, pk):
    _require_read(request)
    activity = selectors.activity_detail(request.user, pk)
    return render(
        request,
        "records/activity_detail.html",
        {"a": activity, "can_edit": permissions.can_edit(request.user, activity)},
    )


def _activity_form(request, activity=None):
    instance = activity or Activity()
    form = ActivityForm(request.POST or None, instance=activity, user=request.user)
    formset = ParticipationFormSet(request.POST or None, instance=instance, prefix="p")
    valid = (
        request.method == "POST"
        and form.is_valid() & formset.is_valid()
        and check_trained_against_total(form, formset)
    )

    def save(data: dict) -> Activity:
        fields = form.service_fields()
        participations = participations_from(formset)
        if activity is None:
            return services.create_activity(
                request.user, agency=data["agency"], participations=participations, **fields
            )
        return services.update_activity(
            request.user, activity, participations=participations, **fields
        )

    done = submit(
        request,
        form,
        save,
        then=lambda saved: redirect("records:activity", pk=saved.pk),
        success=_("The activity was saved."),
        valid=valid,
    )
    if done:
        return done
    title = _("Record an activity") if activity is None else _("Edit activity")
    return render(
        request,
        "records/activity_form.html",
        {"form": form, "formset": formset, "title": title, "cancel": activity},
    )


@require_http_methods(["GET", "POST"])
def activity_create(request):
    if not permissions.can_create(request.user):
        raise PermissionDenied
    return _activity_form(request)


@require_http_methods(["GET", "POST"])
def activity_edit(request, pk):
    return _activity_form(request, selectors.activity_for_edit(request.user, pk))


def timeline(request):
    _require_read(request)
    period = request.GET.get("period") or _default_year(request.user)
    agency = request.GET.get("agency", "")
    months = selectors.timeline(request.user, period=period, agency=agency)
    ctx = _common(request, {"period": period, "agency": agency}) | {"months": months}
    return render(request, "records/timeline.html", ctx)


# --- Recommendations ---------------------------------------------------------------------------


def recommendation_list(request):
    _require_read(request)
    g = request.GET
    f = _filters(request) | {
        "source": g.get("source", ""),
        "status": g.get("status", ""),
        "priority": g.get("priority", ""),
    }
    qs = selectors.recommendations_visible_to(
        request.user,
        source=f["source"],
        status=f["status"],
        agency=f["agency"],
        item=f["item"],
        text=f["q"],
        priority=f["priority"],
    )
    if sheet := sheet_jobs.download(
        request, lambda: tables.recommendations_table(qs), count=qs.count
    ):
        return sheet
    ctx = _common(request, f) | {
        "page": _page(request, qs),
        "sources": Recommendation.Source.choices,
        "statuses": Recommendation.Status.choices,
        "priorities": Recommendation.Priority.choices,
    }
    return render(request, "records/recommendation_list.html", ctx)


def recommendation_detail(request, pk):
    _require_read(request)
    rec = selectors.recommendation_detail(request.user, pk)
    can_edit = permissions.can_edit(request.user, rec)
    return render(
        request,
        "records/recommendation_detail.html",
        {
            "rec": rec,
            "can_edit": can_edit,
            "status_form": StatusForm(initial={"status": rec.status}) if can_edit else None,
        },
    )


@require_http_methods(["GET", "POST"])
def recommendation_create(request):
    if not permissions.can_create(request.user):
        raise PermissionDenied
    form = RecommendationForm(request.POST or None, user=request.user)
    done = submit(
        request,
        form,
        lambda d: services.create_recommendation(request.user, **d),
        then=lambda rec: redirect("records:recommendation", pk=rec.pk),
    )
    return done or render(
        request, "records/form.html", {"form": form, "title": _("Add a recommendation")}
    )


@require_http_methods(["GET", "POST"])
def recommendation_edit(request, pk):
    rec = selectors.recommendation_for_edit(request.user, pk)
    form = RecommendationForm(request.POST or None, instance=rec, user=request.user)
    done = submit(
        request,
        form,
        lambda d: services.update_recommendation(request.user, rec, **d),
        then=redirect("records:recommendation", pk=rec.pk),
    )
    return done or render(
        request,
        "records/form.html",
        {"form": form, "title": _("Edit recommendation"), "cancel": rec},
    )


@require_POST
def recommendation_status(request, pk):
    rec = selectors.recommendation_for_edit(request.user, pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        services.change_recommendation_status(
            request.user, rec, status=form.cleaned_data["status"], note=form.cleaned_data["note"]
        )
        messages.success(request, _("The status was changed."))
    return redirect("records:recommendation", pk=rec.pk)


# --- Pickers (the candidates a form's search box adds) -------------------------------------------


def pick_documents(request):
    return _pick(request, "documents", selectors.documents_visible_to)


def pick_activities(request):
    return _pick(request, "activities", selectors.activities_visible_to)


def _pick(request, what, search):
    """The ticked items kept first, then up to 20 more that match `q`, as a picker's list."""
    _require_read(request)
    q = request.GET.get("q", "").strip()
    picked = pickers.pks(request.GET.getlist(what))
    kept = pickers.items(search(request.user).prefetch_related(None), what, picked, checked=True)
    found = []
    if len(q) >= 2:
        matching = search(request.user, text=q).prefetch_related(None)
        found = pickers.candidates(matching, what, picked)
    return render(
        request,
        "records/_picker_items.html",
        {"name": what, "items": kept + found, "searched": bool(q), "found": found},
    )


# --- Due dashboard and statistics --------------------------------------------------------------


def due(request):
    _require_read(request)
    agency = request.GET.get("agency", "")
    today = timezone.localdate()
    tasks = selectors.documents_due(request.user, agency=agency)
    recs = [
        (r, selectors.due_status(r.due_date, today))
        for r in selectors.recommendations_due(request.user, agency=agency)
    ]
    owed_agency = selectors.resolve_agency_param(agency)
    # reports owed on the action plan (ctip.plan's obligations), overdue or due soon
    owed = plan_selectors.due_obligations(request.user, agency=owed_agency, today=today)
    if sheet := sheet_jobs.download(
        request,
        lambda: tables.due_table(
            [(d, selectors.due_status(d.due_date, today)) for d in tasks], owed, recs
        ),
    ):
        return sheet
    # the page shows the soonest tasks a page at a time (an agency has thousands), read no
    # further than the page's end; the spreadsheet has them all
    number = request.GET.get("page")
    first = selectors.documents_due(request.user, agency=agency, first=page_end(PAGE_SIZE, number))
    page = capped_page(first, PAGE_SIZE, number, counted=tasks)
    docs = [(d, selectors.due_status(d.due_date, today)) for d in page]
    ctx = _common(request, {"agency": agency}) | {
        "docs": docs,
        "page": page,
        "recs": recs,
        "reports_owed": owed,
        "today": today,
        "soon_days": selectors.DUE_SOON_DAYS,
    }
    return render(request, "records/due.html", ctx)


def stats_page(request):
    _require_read(request)
    period = request.GET.get("period") or _default_year(request.user)
    agency = request.GET.get("agency", "")
    user = request.user
    by_topic = stats.trainings_by_topic(user, period=period, agency=agency)
    letters = stats.letters_by_recipient(user, period=period, agency=agency)
    by_item = stats.activities_by_item(user, period=period, agency=agency)
    by_status = stats.recommendations_by_status(user, period=period, agency=agency)
    trained_rows = [{"label": r["label"], "value": r["trained"]} for r in by_topic]
    svg = {
        "topics": charts.bar_chart(by_topic, _("Trainings by topic"), axis_label=_("trainings")),
        "trained": charts.bar_chart(
            trained_rows, _("People trained by topic"), axis_label=_("people")
        ),
        "letters": charts.bar_chart(letters, _("Letters by recipient"), axis_label=_("letters")),
        "items": charts.bar_chart(by_item, _("Activities by sub-item"), axis_label=_("activities")),
        "status": charts.bar_chart(
            by_status, _("Recommendations by status"), axis_label=_("recommendations")
        ),
    }
    ctx = _common(request, {"period": period, "agency": agency}) | {
        "by_topic": by_topic,
        "letters": letters,
        "by_item": by_item,
        "by_status": by_status,
        "totals": stats.training_totals(user, period=period, agency=agency),
        # bar_chart escapes every label and value itself.
        "svg": {k: mark_safe(v) for k, v in svg.items()},  # noqa: S308
    }
    return render(request, "records/stats.html", ctx)
