"""Table downloads, big ones as jobs: the worker calls the page's own view again, as the job's owner,
with the page's filters, and keeps the spreadsheet it answers (`download`)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from ctip.core.spreadsheet import FORMATS, Table, requested_format, response

from .registry import JobOutput, register
from .services import start_job

KIND = "spreadsheet"


def download(
    request: HttpRequest, build: Callable[[], Table], *, count: Callable[[], int] | None = None
) -> HttpResponse | None:
    """The spreadsheet when the query asks for one (`?format=xlsx|csv`), else None: the page.
    With more than CTIP_SPREADSHEET_JOB_ROWS rows (`count`), a redirect to the job building it."""
    fmt = requested_format(request)
    if not fmt:
        return None
    if count is not None and not in_job(request):
        rows = count()
        if rows > settings.CTIP_SPREADSHEET_JOB_ROWS:
            job = start_spreadsheet_job(request.user, request.path, request.GET.urlencode(), rows)
            return redirect("jobs:detail", job_id=job.pk)
    return response(build(), fmt)


def in_job(request: HttpRequest) -> bool:
    """Whether this request is a spreadsheet job's, in the worker (it builds whatever size)."""
    return getattr(request, "ctip_spreadsheet_job", False)


def start_spreadsheet_job(actor, path: str, query: str, rows: int):
    """Enqueue the download of the table at `path` with the filters of `query` (`rows` rows)."""
    title = _("Table download (%(rows)s rows)") % {"rows": f"{rows:,}".replace(",", " ")}
    return start_job(actor, KIND, {"path": path, "query": query}, title=title)


@register(KIND)
def run_spreadsheet(job, progress) -> JobOutput:
    """Build the spreadsheet as the owner would have got it from the page."""
    p = job.params
    gone = ValidationError(_("This table can no longer be downloaded with these filters."))
    try:
        match = resolve(p["path"])
    except Resolver404:
        raise gone from None
    progress(5, _("Building the spreadsheet…"))
    try:
        response = match.func(_request(job, p), *match.args, **match.kwargs)
    except (PermissionDenied, Http404):
        raise gone from None
    content_type = response.get("Content-Type", "")
    if response.status_code != 200 or content_type not in FORMATS.values():
        raise gone
    name = response["Content-Disposition"].split('filename="', 1)[-1].rstrip('"')
    return JobOutput(name=name, content=response.content, content_type=content_type)


def _request(job, params: dict) -> HttpRequest:
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = params["path"]
    request.GET = QueryDict(params["query"])
    request.META.update(SERVER_NAME="localhost", SERVER_PORT="80", REQUEST_METHOD="GET")
    request.user = job.owner
    request.ctip_spreadsheet_job = True
    return request
