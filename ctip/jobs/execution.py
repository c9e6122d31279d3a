"""The worker's side of a job: claim the row, run its kind's runner with a heartbeat, then store
the file or fail in plain words (called through ctip.jobs.tasks.run_job)."""

from __future__ import annotations

import logging
import threading
import traceback
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .models import Job
from .progress import Progress
from .registry import runner_for

logger = logging.getLogger(__name__)

# Stored untranslated, shown in the reader's language (jobs_tags.job_text).
STALE_ERROR = gettext_noop(
    "The worker running this job stopped before it finished. Please start the job again."
)
READY = gettext_noop("Ready to download.")
UNEXPECTED_ERROR = gettext_noop(
    "The job stopped because of an unexpected error. Please try again; if it happens again, "
    "tell the administrator (the error is in the server's log under this job's number)."
)


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
    path = ""
    if output.name:
        path = default_storage.save(f"jobs/{job.pk}/{output.name}", ContentFile(output.content))
    done = Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(
        status=Job.Status.DONE,
        progress=100,
        message=output.message or READY,
        result_path=path,
        result_name=output.name if path else "",
        result_type=output.content_type if path else "",
        result_size=len(output.content) if path else 0,
        result_url=output.url[:300],
        finished=timezone.now(),
    )
    if not done and path:  # declared dead meanwhile (stale): its failure stands, the file goes
        default_storage.delete(path)
    return Job.Status.DONE if done else Job.Status.FAILED


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
