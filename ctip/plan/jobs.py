"""Report imports as background jobs: the upload is staged and enqueued, the worker reads it.

`report_import`: one uploaded file is read in the sandbox child (its memory, CPU-time and output
limits) and its extraction stored as a `ReportImport`; the job's result is the import's preview.
`report_import_bulk`: several uploaded files go through the code of `ctip import-reports`, with
progress per file; the job's result is the summary table as CSV.
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ctip.core import spreadsheet
from ctip.extraction import ExtractionError
from ctip.jobs.models import Job
from ctip.jobs.registry import JobOutput, register, register_cleaner
from ctip.jobs.services import start_job

from . import imports, permissions, staging

IMPORT = "report_import"
BULK = "report_import_bulk"
PREVIEW_READY = gettext_noop("The file is read: open the preview to check and confirm it.")


def start_import_job(actor, uploaded, *, status: str, plan="", agency="", period=""):
    """Stage one uploaded report file and enqueue the job that reads it for the preview."""
    if not permissions.can_import_any(actor):
        raise PermissionDenied
    name = Path(uploaded.name).name[:120]
    key = staging.stage_upload(uploaded, suffix=Path(name).suffix)
    params = {"file": key, "name": name, "status": status}
    params.update(plan=plan or "", agency=agency or "", period=period or "")
    return start_job(actor, IMPORT, params, title=_("Reading an uploaded report"))


@register(IMPORT)
def run_import(job, progress) -> JobOutput:
    """Read the staged file in the sandbox and store its extraction; remove the file."""
    p = job.params
    try:
        path = staging.staged_path(p["file"])
        progress(10, _("Reading the file…"))
        given = {k: p.get(k) or "" for k in ("plan", "agency", "period")}
        staged = imports.stage_import(
            job.owner,
            path,
            name=p["name"],
            status=p["status"],
            progress=lambda done, total: progress(
                10 + 80 * done / max(total, 1),
                _("Reading scanned page %(done)d of %(total)d…") % {"done": done, "total": total},
            ),
            **given,
        )
    except ExtractionError as exc:
        raise ValidationError(str(exc)) from exc
    except PermissionDenied as exc:
        raise ValidationError(_("You may no longer import reports.")) from exc
    finally:
        staging.remove_upload(p["file"])
    url = reverse("plan:import_preview", kwargs={"token": staged.token})
    return JobOutput(url=url, message=PREVIEW_READY)


def start_bulk_import_job(actor, uploads, *, status: str, plan="", dry_run=False):
    """Stage several uploaded report files and enqueue one job importing them all (the
    coordinator's office only, as the operator's `ctip import-reports`)."""
    if not permissions.is_reviewer(actor):
        raise PermissionDenied
    files = []
    for uploaded in uploads:
        name = Path(uploaded.name).name[:120]
        files.append([staging.stage_upload(uploaded, suffix=Path(name).suffix), name])
    params = {"files": files, "status": status, "plan": plan or "", "dry_run": bool(dry_run)}
    title = _("Import of %(n)d report files") % {"n": len(files)}
    return start_job(actor, BULK, params, title=title)


@register(BULK)
def run_bulk_import(job, progress) -> JobOutput:
    """Import each staged file as `ctip import-reports` does (each atomic, a bad one reported
    and skipped); the table of outcomes is the result."""
    p = job.params
    keys = [key for key, _name in p["files"]]
    try:
        if not permissions.is_reviewer(job.owner):
            raise ValidationError(_("You may no longer import reports."))
        outcomes = _import_staged(job, progress, p)
    finally:
        for key in keys:
            staging.remove_upload(key)
    return JobOutput(
        name="import-summary.csv",
        content=outcomes_csv(sorted(outcomes, key=lambda o: o.file)),
        content_type="text/csv; charset=utf-8",
    )


def _import_staged(job, progress, p: dict) -> list[imports.FileOutcome]:
    outcomes, present, names = [], [], {}
    for key, name in p["files"]:
        try:
            path = staging.staged_path(key)
        except ValidationError as exc:
            outcomes.append(imports.FileOutcome(name, status=" ".join(exc.messages)))
            continue
        if not imports.is_report_file(path):
            outcomes.append(imports.refused_file(name))
            continue
        present.append(path)
        names[path] = name
    total = len(present)
    done = imports.import_files(
        present,
        plan=p["plan"],
        status=p["status"],
        dry_run=p["dry_run"],
        actor=job.owner,
        names=names,
    )
    for n, outcome in enumerate(done, 1):
        outcomes.append(outcome)
        progress(
            95 * n / max(total, 1),
            _("File %(n)d of %(total)d") % {"n": n, "total": total},
        )
    return outcomes


@register_cleaner("orphaned staged upload file(s)")
def remove_orphaned_uploads() -> int:
    """Remove staged uploads older than the retention setting — with no job, or whose job
    never ran or has ended — sparing those a running import job is reading."""
    running = Job.objects.filter(status=Job.Status.RUNNING, kind__in=[IMPORT, BULK])
    keep = set()
    for params in running.values_list("params", flat=True):
        keep.add(str(params.get("file") or ""))
        keep.update(str(key) for key, _name in params.get("files") or [])
    return staging.remove_old_uploads(keep=frozenset(keep))


def outcomes_csv(outcomes: list[imports.FileOutcome]) -> bytes:
    """The bulk import's table as CSV (the shared spreadsheet writer: UTF-8 with a BOM, text a
    spreadsheet would run as a formula made safe)."""
    head = [_("file"), _("agency"), _("period"), _("found"), _("matched"), _("flagged")]
    rows = [
        [o.file, o.agency, o.period]
        + [n if o.ok else None for n in (o.found, o.matched, o.flagged, o.added, o.facts)]
        + [o.status, " ".join(o.notes)]
        for o in outcomes
    ]
    sheet = spreadsheet.Sheet(
        _("Import"), [*head, _("added"), _("facts"), _("status"), _("notes")], rows
    )
    return spreadsheet.to_csv(spreadsheet.Table("import-summary", [sheet]))
