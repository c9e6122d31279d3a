"""The report page (enqueues a report job) and the suggestions partial for the plan editor (thin)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ctip.plan.models import ItemReport

from . import permissions
from .forms import ReportForm
from .jobs import start_report_job
from .suggestions import suggest_sentences


@require_http_methods(["GET", "POST"])
def report_page(request):
    """GET: the form; POST: a report job enqueued, then its page (progress, download)."""
    if not permissions.can_generate_any(request.user):
        raise PermissionDenied
    form = ReportForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if not permissions.can_generate(request.user, d["agency"]):
            raise PermissionDenied
        job = start_report_job(
            request.user,
            plan=d["plan"],
            period=d["period_obj"],
            agency=d["agency"],
            fmt=d["format"],
            lang=d["lang"],
            include_submitted=d["include_submitted"],
            annex=d["annex"],
        )
        return redirect("jobs:detail", job_id=job.pk)
    return render(
        request,
        "reports/report_page.html",
        {"form": form, "title": _("Reports")},
        status=400 if form.is_bound else 200,
    )


@require_GET
def suggestions(request, item_report_id: int):
    """HTMX partial: sentences for records the narrative does not mention yet."""
    report = get_object_or_404(
        ItemReport.objects.select_related("item", "agency", "period"), pk=item_report_id
    )
    if not permissions.can_see_suggestions(request.user, report):
        raise Http404  # another agency's report: as if it did not exist
    return render(
        request,
        "reports/_suggestions.html",
        {"report": report, "suggestions": suggest_sentences(report)},
    )
