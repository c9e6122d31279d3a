"""Every write on jobs: start one, run it (in the worker), notice dead workers, clean up."""

from __future__ import annotations

import datetime as dt
import logging
import threading
import traceback
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ctip.accounts.types import Actor
from ctip.audit.services import record

from .models import Job
from .progress import Progress
from .registry import runner_for

logger = logging.getLogger(__name__)

# Stored untranslated, shown in the reader's language (jobs_tags.job_text).
STALE_ERROR = gettext_noop(
    "The worker running this job stopped before it finished. Please start the job again."
)
UNEXPECTED_ERROR = gettext_noop(
    "The job stopped because of an unexpected error. Please try again; if it happens again, "
    "tell the administrator (the error is in the server's log under this job's number)."
)


def start_job(actor: Actor, kind: str, params: dict, *, title: str = "") -> Job:
    """Record a job for `actor` and put it on the queue; the worker runs it."""
    from .tasks import run_job

    runner_for(kind)  # an unknown kind fails here, not later in the worker
    params = {**params, "ui_lang": params.get("ui_lang") or translation.get_language()}
    with transaction.atomic():
        job = Job.objects.create(owner=actor, kind=kind, params=params, title=title[:200])
        result = run_job.enqueue(str(job.pk))
        Job.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
        record(actor, "jobs.start", job, kind=kind)
    job.refresh_from_db()
    return job


def execute(job_id) -> str:
    """Run one job to its end (called by the worker): done with its file, or failed with an
    error in plain words. Never leaves it running."""
    job = Job.objects.select_related("owner").filter(pk=job_id).first()
    if job is None or not _claim(job):
        return "skipped"
    with translation.override(job.params.get("ui_lang") or settings.LANGUAGE_CODE):
        with _heartbeat(job):
            try:
                output = runner_for(job.kind)(job, Progress(job))
            except ValidationError as exc:
                _fail(job, " ".join(str(m) for m in exc.messages))
                return Job.Status.FAILED
            except Exception as exc:
                _log_unexpected(job, exc)
                _fail(job, UNEXPECTED_ERROR)
                return Job.Status.FAILED
            except BaseException:  # the worker is being stopped (signal, exit): say so, go on
                _fail(job, STALE_ERROR)
                raise
        return _finish(job, output)


def _claim(job: Job) -> bool:
    now = timezone.now()
    return bool(
        Job.objects.filter(pk=job.pk, status=Job.Status.QUEUED).update(
            status=Job.Status.RUNNING, started=now, heartbeat=now, message=_("Starting…")
        )
    )


def _finish(job: Job, output) -> str:
    path = default_storage.save(f"jobs/{job.pk}/{output.name}", ContentFile(output.content))
    done = Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(
        status=Job.Status.DONE,
        progress=100,
        message=_("Ready to download."),
        result_path=path,
        result_name=output.name,
        result_type=output.content_type,
        result_size=len(output.content),
        finished=timezone.now(),
    )
    if not done:  # declared dead meanwhile (stale): its failure stands, the file goes
        default_storage.delete(path)
        return Job.Status.FAILED
    return Job.Status.DONE


def _fail(job: Job, error: str) -> None:
    Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(
        status=Job.Status.FAILED, error=error[:2000], message="", finished=timezone.now()
    )


def _log_unexpected(job: Job, exc: Exception) -> None:
    """The exception's type and where it happened, never its message (it may hold data)."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"
    logger.error("job %s (%s) failed: %s at %s", job.pk, job.kind, type(exc).__name__, where)


@contextmanager
def _heartbeat(job: Job):
    """While the job runs, a thread stamps its row every CTIP_JOB_HEARTBEAT_SECONDS, so that a
    dead worker shows as a stale heartbeat even in a long step without progress. Not inside
    an open transaction (a test's): the thread's own connection would wait for it."""
    interval = settings.CTIP_JOB_HEARTBEAT_SECONDS
    if interval <= 0 or connection.in_atomic_block:
        yield
        return
    stop = threading.Event()

    def beat():
        try:
            while not stop.wait(interval):
                Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(
                    heartbeat=timezone.now()
                )
        finally:
            connection.close()

    thread = threading.Thread(target=beat, name=f"job-heartbeat-{job.pk}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def _cutoffs(now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    return (
        now - dt.timedelta(seconds=settings.CTIP_JOB_STALE_SECONDS),
        now - dt.timedelta(seconds=settings.CTIP_JOB_TIMEOUT_SECONDS),
    )


def fail_stale_jobs(now: dt.datetime | None = None) -> int:
    """Mark failed the running jobs whose worker died (no heartbeat for CTIP_JOB_STALE_SECONDS)
    or that run past CTIP_JOB_TIMEOUT_SECONDS; their queue entries fail too."""
    from django.db.models import Q
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    silent, too_old = _cutoffs(now)
    stale = Job.objects.filter(status=Job.Status.RUNNING).filter(
        Q(heartbeat__lt=silent) | Q(heartbeat__isnull=True) | Q(started__lt=too_old)
    )
    task_ids = [t for t in stale.values_list("task_id", flat=True) if t]
    count = stale.update(status=Job.Status.FAILED, error=STALE_ERROR, message="", finished=now)
    if task_ids:
        DBTaskResult.objects.filter(id__in=task_ids, status="RUNNING").update(
            status="FAILED", finished_at=now
        )
    if count:
        logger.warning("%d job(s) marked failed: their worker stopped", count)
    return count


def cleanup_jobs(now: dt.datetime | None = None) -> int:
    """Remove finished jobs (row and file) older than CTIP_JOB_RESULT_DAYS, and their queue
    entries; fail stale ones first. Returns how many jobs went."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    fail_stale_jobs(now)
    cutoff = now - dt.timedelta(days=settings.CTIP_JOB_RESULT_DAYS)
    old = Job.objects.filter(status__in=[Job.Status.DONE, Job.Status.FAILED], finished__lt=cutoff)
    removed = 0
    for job in old.iterator():
        if job.result_path:
            default_storage.delete(job.result_path)
        job.delete()
        removed += 1
    DBTaskResult.objects.filter(
        status__in=["SUCCESSFUL", "FAILED"], finished_at__lt=cutoff
    ).delete()
    return removed


def open_result(actor: Actor, job: Job):
    """The result file of `actor`'s own finished job, opened for streaming; audited."""
    if not job.has_result or job.owner_id != getattr(actor, "pk", None):
        raise ValidationError(_("This job has no result to download."))
    record(actor, "jobs.download", job, purpose="job result download", kind=job.kind)
    return default_storage.open(job.result_path, "rb")
