"""Big table downloads as jobs: the worker calls the page's own view again, as the job's owner,
with the page's filters, and keeps the spreadsheet it answers (core.spreadsheet.download)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, QueryDict
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from ctip.core.spreadsheet import FORMATS

from .registry import JobOutput, register
from .services import start_job

KIND = "spreadsheet"


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
