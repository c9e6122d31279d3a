"""My jobs, one job's page with its progress (polled by htmx), its result download (thin)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import selectors, services
from .models import Job

PAGE_SIZE = 50


@require_GET
def job_list(request):
    page = Paginator(selectors.jobs_visible_to(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "jobs/list.html",
        {"jobs": page, "title": _("My jobs"), "result_days": settings.CTIP_JOB_RESULT_DAYS},
    )


def _current(request, job_id) -> Job:
    job = selectors.job_for(request.user, job_id)
    if job.status == Job.Status.RUNNING and services.fail_stale_jobs():
        job.refresh_from_db()
    return job


@require_GET
def job_detail(request, job_id):
    job = _current(request, job_id)
    return render(request, "jobs/detail.html", {"job": job, "title": job.title or _("Job")})


@require_GET
def job_status(request, job_id):
    """HTMX partial: the job's status box; it keeps polling while the job is active. A job
    whose result is a page (an import's preview) sends the browser there when it is done."""
    job = _current(request, job_id)
    response = render(request, "jobs/_status.html", {"job": job})
    if job.has_link and request.headers.get("HX-Request"):
        response["HX-Redirect"] = job.result_url
    return response


@require_GET
def job_download(request, job_id):
    job = selectors.job_for(request.user, job_id)
    try:
        fh = services.open_result(request.user, job)
    except ValidationError:
        raise Http404 from None
    return FileResponse(
        fh, as_attachment=True, filename=job.result_name, content_type=job.result_type
    )
