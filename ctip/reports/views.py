"""The report download page and the suggestions partial for the plan editor (thin)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ctip.audit.services import record
from ctip.plan.models import ItemReport

from . import permissions
from .forms import ReportForm
from .generate import FORMATS, generate
from .suggestions import suggest_sentences


@require_http_methods(["GET", "POST"])
def report_page(request):
    """GET: the form; POST: the generated file, streamed back as an attachment."""
    if not permissions.can_generate_any(request.user):
        raise PermissionDenied
    form = ReportForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if not permissions.can_generate(request.user, d["agency"]):
            raise PermissionDenied
        doc, data = generate(
            d["plan"],
            d["period_obj"],
            d["agency"],
            fmt=d["format"],
            lang=d["lang"],
            include_submitted=d["include_submitted"],
            annex=d["annex"],
            user=request.user,
        )
        record(
            request.user,
            "reports.generate",
            d["plan"],
            purpose="report download",
            period=d["period_obj"].code,
            agency=d["agency"].abbr if d["agency"] else "national",
            format=d["format"],
            lang=d["lang"],
            include_submitted=d["include_submitted"],
        )
        content_type, ext = FORMATS[d["format"]]
        response = HttpResponse(data, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{doc.file_stem}.{ext}"'
        response["Content-Length"] = str(len(data))
        return response
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
