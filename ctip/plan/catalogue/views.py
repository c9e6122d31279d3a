"""Pages of the plan's catalogue: the plan, its versions, loading it from its document, the
sub-item editor and history, obligations, indicators and the crosswalk to the previous plan."""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ctip.core.charts import target_chart
from ctip.core.forms import flash_errors, submit

from .. import permissions
from ..models import Agency, Indicator, ItemLink, PlanItem, ReportingPeriod
from ..staging import remove_old_uploads, staging_dir
from . import forms, importer, selectors, services
from .obligations import STATES, non_executor_reports


def _require_coordinator(request) -> None:
    if not permissions.can_edit_catalogue(request.user):
        raise PermissionDenied


# --- the plan ---------------------------------------------------------------------------------


def _indicator_charts(indicators) -> list[tuple]:
    out = []
    for ind in indicators:
        rows = selectors.indicator_progress(ind)
        svg = target_chart(
            [{"label": str(r.year), "value": r.actual, "target": r.target} for r in rows],
            f"{ind.item.code} · {ind.name}",
            unit=ind.unit,
            labels={"value": _("achieved"), "target": _("target")},
        )
        out.append((ind, rows, mark_safe(svg)))  # noqa: S308 - target_chart escapes everything
    return out


def plan_detail(request, pk):
    plan = selectors.plan_for(request.user, pk)
    items = selectors.catalogue(plan)
    manager = permissions.can_edit_catalogue(request.user)
    return render(
        request,
        "plan/catalogue/plan.html",
        {
            "plan": plan,
            "items": items,
            "versions": list(plan.versions.select_related("created_by")),
            "todo": selectors.translation_todo(plan),
            "unresolved": selectors.unresolved_executors(plan),
            "flagged": non_executor_reports(plan) if manager else [],
            "charts": _indicator_charts(selectors.indicators_of(plan)),
            "manager": manager,
            "settings_form": forms.PlanSettingsForm(plan=plan) if manager else None,
            "removed": plan.items.filter(removed_in__isnull=False).order_by("sort_key"),
        },
    )


def version_detail(request, pk, number):
    plan = selectors.plan_for(request.user, pk)
    version = get_object_or_404(plan.versions.select_related("created_by"), number=number)
    labels = importer.field_labels()
    changes = [
        {**c, "fields": [(labels.get(k, k), v[0], v[1]) for k, v in c.get("fields", {}).items()]}
        for c in version.changes
    ]
    return render(
        request,
        "plan/catalogue/version.html",
        {"plan": plan, "version": version, "changes": changes},
    )


@require_POST
def plan_settings(request, pk):
    _require_coordinator(request)
    plan = selectors.plan_for(request.user, pk)
    form = forms.PlanSettingsForm(request.POST, plan=plan)
    done = submit(
        request,
        form,
        lambda d: services.update_plan_settings(
            request.user,
            plan,
            report_due_days=d["report_due_days"],
            by_agreement_owes=d["by_agreement_owes"],
            previous=d["previous"],
        ),
        then=redirect("plan:plan_detail", pk=plan.pk),
        success=_("Saved."),
    )
    for error in form.errors.values():
        messages.error(request, " ".join(error))
    return done or redirect("plan:plan_detail", pk=plan.pk)


# --- loading the plan from its document: upload -> preview -> confirm ---------------------------


def plan_load(request):
    _require_coordinator(request)
    form = forms.PlanUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        folder = staging_dir()
        remove_old_uploads(folder)
        token = "plan-" + secrets.token_urlsafe(24)
        upload = form.cleaned_data["file"]
        ext = Path(upload.name).suffix.lower()
        fd = os.open(folder / f"{token}{ext}", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            for chunk in upload.chunks():
                fh.write(chunk)
        act_date = form.cleaned_data["act_date"]
        meta = {
            "user": request.user.pk,
            "ext": ext,
            "name": Path(upload.name).name[:120],
            "code": form.cleaned_data["code"],
            "act_date": act_date.isoformat() if act_date else "",
        }
        (folder / f"{token}.json").write_text(json.dumps(meta))
        return redirect("plan:plan_load_preview", token=token)
    return render(request, "plan/catalogue/load.html", {"form": form})


def _upload(request, token):
    if not token.replace("-", "").replace("_", "").isalnum():
        raise Http404
    folder = staging_dir()
    meta_path = folder / f"{token}.json"
    if not meta_path.exists():
        raise Http404
    meta = json.loads(meta_path.read_text())
    if meta.get("user") != request.user.pk:
        raise Http404
    return folder / f"{token}{meta['ext']}", meta_path, meta


def _load(request, path, meta, *, form=None, dry_run=True):
    d = form.cleaned_data if form is not None else {}
    act_date = d.get("act_date") or (
        timezone.datetime.fromisoformat(meta["act_date"]).date() if meta["act_date"] else None
    )
    return importer.import_plan(
        request.user,
        path,
        code=d.get("code") or meta["code"] or None,
        act_date=act_date,
        executor_map=form.executor_map() if form is not None else None,
        dry_run=dry_run,
        source_name=meta["name"],
    )


def plan_load_preview(request, token):
    _require_coordinator(request)
    path, _meta_path, meta = _upload(request, token)
    summary, error = None, None
    try:
        summary = _load(request, path, meta)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    form = None
    if summary is not None:
        form = forms.PlanConfirmForm(
            initial={"code": summary.code, "act_date": summary.act.get("date")},
            unresolved=[u["text"] for u in summary.unresolved],
        )
    return render(
        request,
        "plan/catalogue/load_preview.html",
        {"summary": summary, "error": error, "form": form, "token": token, "meta": meta},
    )


@require_POST
def plan_load_confirm(request, token):
    _require_coordinator(request)
    path, meta_path, meta = _upload(request, token)
    preview = _load(request, path, meta)
    form = forms.PlanConfirmForm(request.POST, unresolved=[u["text"] for u in preview.unresolved])
    done = submit(
        request,
        form,
        lambda _d: _load(request, path, meta, form=form, dry_run=False),
        then=lambda summary: _loaded(request, summary, (path, meta_path)),
        success=_("The plan was loaded."),
    )
    return done or render(
        request,
        "plan/catalogue/load_preview.html",
        {"summary": preview, "form": form, "token": token, "meta": meta},
        status=400,
    )


def _loaded(request, summary, staged: tuple[Path, Path]) -> HttpResponse:
    """The plan is in: drop the staged upload, say what changed, open the plan."""
    for p in staged:
        p.unlink(missing_ok=True)
    for line in importer.summary_lines(summary)[1:3]:
        messages.info(request, line)
    plan = get_object_or_404(services.ActionPlan, code=summary.code)
    return redirect("plan:plan_detail", pk=plan.pk)


# --- sub-items --------------------------------------------------------------------------------


def item_edit(request, pk):
    _require_coordinator(request)
    item = selectors.item_for(request.user, pk)
    form_class = forms.SubItemForm if item.level == 3 else forms.ItemForm
    initial = {
        "title_az": item.title_az,
        "title_en": item.title_en,
        "title_ru": item.title_ru,
        "executors_text": item.executors_text,
        "deadline": item.deadline,
        "expected_result": item.expected_result,
    }
    form = form_class(request.POST or None, initial=initial)
    level3 = ("deadline", "expected_result", "executors_text") if item.level == 3 else ()
    done = submit(
        request,
        form,
        lambda d: services.edit_item(
            request.user,
            item,
            titles={lang: d[f"title_{lang}"] for lang in services.LANGS},
            **{k: d[k] for k in level3},
        ),
        then=redirect("plan:item", pk=item.pk),
        success=_("Saved."),
    )
    return done or render(request, "plan/catalogue/item_edit.html", {"item": item, "form": form})


HISTORY_LABELS = {
    "version:added": gettext_lazy("added by the plan's document"),
    "version:changed": gettext_lazy("changed by the plan's document"),
    "version:removed": gettext_lazy("removed by the plan's document"),
    "plan.item.edited": gettext_lazy("edited"),
    "plan.obligation.waived": gettext_lazy("report marked not applicable"),
    "plan.obligation.restored": gettext_lazy("report owed again"),
    "plan.indicator.created": gettext_lazy("indicator added"),
    "plan.indicator.edited": gettext_lazy("indicator edited"),
    "plan.indicator.deleted": gettext_lazy("indicator deleted"),
    "plan.indicator.value": gettext_lazy("indicator value entered"),
    "plan.item.linked": gettext_lazy("linked to the previous plan"),
    "plan.item.unlinked": gettext_lazy("link to the previous plan removed"),
}


def item_history(request, pk):
    item = selectors.item_for(request.user, pk)
    history = [
        {"label": HISTORY_LABELS.get(h.action, h.action), **vars(h)}
        for h in selectors.item_history(item)
    ]
    return render(request, "plan/catalogue/history.html", {"item": item, "history": history})


# --- obligations ------------------------------------------------------------------------------


def obligations_page(request, pk):
    plan = selectors.plan_for(request.user, pk)
    periods = list(plan.periods.order_by("-year", "-half"))
    wanted = request.GET.get("period")
    period = next((p for p in periods if wanted in (p.code, str(p.pk))), None)
    agency_id = request.GET.get("agency") or ""
    agency = Agency.objects.filter(pk=int(agency_id)).first() if agency_id.isdigit() else None
    state = request.GET.get("state") or ""
    if state not in (*STATES, "overdue"):
        state = ""
    rows = (
        selectors.obligation_rows(
            request.user,
            plan,
            period=period or (periods[0] if periods else None),
            agency=agency,
            state=state or None,
        )
        if periods
        else []
    )
    return render(
        request,
        "plan/catalogue/obligations.html",
        {
            "plan": plan,
            "periods": periods,
            "period": period or (periods[0] if periods else None),
            "agency": agency,
            "agencies": Agency.objects.filter(executor_of__item__plan=plan).distinct(),
            "state": state,
            "rows": rows,
            "today": timezone.localdate(),
            "manager": permissions.can_edit_catalogue(request.user),
        },
    )


def _obligation_keys(request, plan):
    form = forms.ObligationKeyForm(request.POST)
    if not form.is_valid():
        raise Http404
    d = form.cleaned_data
    item = get_object_or_404(PlanItem, pk=d["item"], plan=plan)
    agency = get_object_or_404(Agency, pk=d["agency"])
    period = get_object_or_404(ReportingPeriod, pk=d["period"], plan=plan)
    return form, item, agency, period


@require_POST
def obligation_waive(request, pk):
    _require_coordinator(request)
    plan = selectors.plan_for(request.user, pk)
    _form, item, agency, period = _obligation_keys(request, plan)
    try:
        services.waive_obligation(
            request.user, item, agency, period, reason=request.POST.get("reason", "")
        )
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Marked not applicable."))
    return _back(request, plan)


@require_POST
def obligation_restore(request, pk):
    _require_coordinator(request)
    plan = selectors.plan_for(request.user, pk)
    _form, item, agency, period = _obligation_keys(request, plan)
    services.restore_obligation(request.user, item, agency, period)
    messages.success(request, _("The report is owed again."))
    return _back(request, plan)


def _back(request, plan):
    """Back to the page the form was on (a local path only), else the obligations page."""
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return redirect(target)
    return redirect("plan:obligations", pk=plan.pk)


# --- indicators -------------------------------------------------------------------------------


def indicator_edit(request, item_pk, pk=None):
    _require_coordinator(request)
    item = selectors.item_for(request.user, item_pk)
    indicator = get_object_or_404(Indicator, pk=pk, item=item) if pk else None
    initial = {}
    if indicator is not None:
        initial = {f: getattr(indicator, f) for f in forms.IndicatorForm.base_fields}
        initial |= {f"target_{t.year}": t.value for t in indicator.targets.all()}
    form = forms.IndicatorForm(request.POST or None, initial=initial, plan=item.plan)
    done = submit(
        request,
        form,
        lambda d: services.save_indicator(
            request.user,
            item,
            indicator,
            names={lang: d[f"name_{lang}"] for lang in services.LANGS},
            unit=d["unit"],
            baseline=d["baseline"],
            baseline_year=d["baseline_year"],
            source=d["source"],
            targets=form.targets(),
        ),
        then=lambda saved: redirect("plan:indicator", pk=saved.pk),
        success=_("Saved."),
    )
    return done or render(
        request,
        "plan/catalogue/indicator_form.html",
        {"item": item, "indicator": indicator, "form": form},
    )


def indicator_detail(request, pk):
    indicator = selectors.indicator_with_values(request.user, pk)
    periods, agencies = selectors.value_choices(request.user, indicator)
    form = forms.IndicatorValueForm(
        request.POST or request.GET or None, periods=periods, agencies=agencies
    )
    suggest = _suggest_form(form, periods, agencies)
    done = submit(
        request,
        form,
        lambda d: services.record_indicator_value(
            request.user,
            indicator,
            period=d["period"],
            agency=d["agency"],
            value=d["value"],
            suggestion=d["suggestion"],
        ),
        then=redirect("plan:indicator", pk=indicator.pk),
        success=_("Saved."),
    )
    return done or render(
        request,
        "plan/catalogue/indicator.html",
        {
            "indicator": indicator,
            "item": indicator.item,
            "chart": _indicator_charts([indicator])[0],
            # no select without choices: no form when no agency or period can take a value
            "form": form if agencies.exists() and periods.exists() else None,
            "suggest": suggest,
            "suggestions": _suggestions(request.user, indicator, form, periods, agencies),
            "manager": permissions.can_edit_catalogue(request.user),
        },
    )


def _suggest_form(form, periods, agencies):
    """The suggestion filter: it asks for the same period and agency as `form`, with its own ids
    and the same values."""
    return forms.IndicatorValueForm(
        form.data if form.is_bound else None,
        periods=periods,
        agencies=agencies,
        auto_id="suggest_%s",
    )


def _suggestions(user, indicator, form, periods, agencies) -> list:
    """Suggested values for the period and agency the (bound) form names; none until it names both."""
    if not form.is_bound:
        return []
    period = periods.filter(pk=_int(form["period"].value())).first()
    agency = agencies.filter(pk=_int(form["agency"].value())).first()
    if not (period and agency):
        return []
    return services.suggestions_for(indicator, period, agency, user)


@require_POST
def indicator_delete(request, pk):
    _require_coordinator(request)
    indicator = get_object_or_404(Indicator.objects.select_related("item"), pk=pk)
    item = indicator.item
    services.delete_indicator(request.user, indicator)
    messages.success(request, _("Deleted."))
    return redirect("plan:item", pk=item.pk)


# --- continuity -------------------------------------------------------------------------------


def _int(value) -> int:
    """A posted id as a number (0, which matches nothing, when it is not one)."""
    return int(value) if str(value or "").isdigit() else 0


def _crosswalk_post(request, plan) -> None:
    """Remove a link, or confirm one (by the suggested item's id or by a code)."""
    post = request.POST
    if post.get("unlink"):
        link = get_object_or_404(ItemLink, pk=_int(post["unlink"]), item__plan=plan)
        services.unlink_items(request.user, link)
        return
    item = get_object_or_404(PlanItem, pk=_int(post.get("item")), plan=plan)
    found = PlanItem.objects.filter(plan_id=plan.previous_id or 0, level=3)
    code = (post.get("previous_code") or "").strip().rstrip(".")
    previous = found.filter(code=code) if code else found.filter(pk=_int(post.get("previous")))
    previous = previous.first()
    if previous is None:
        messages.error(request, _("The previous plan has no such sub-item."))
        return
    try:
        similarity = float(post.get("similarity") or 0)
    except ValueError:
        similarity = 0.0
    try:
        services.link_items(request.user, item, previous, similarity=similarity)
    except ValidationError as exc:
        flash_errors(request, exc)


def crosswalk_page(request, pk):
    plan = selectors.plan_for(request.user, pk)
    manager = permissions.can_edit_catalogue(request.user)
    if request.method == "POST":
        _require_coordinator(request)
        _crosswalk_post(request, plan)
        return redirect("plan:crosswalk", pk=plan.pk)
    return render(
        request,
        "plan/catalogue/crosswalk.html",
        {"plan": plan, "rows": selectors.crosswalk(plan), "manager": manager},
    )
