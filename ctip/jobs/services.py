"""Every write on jobs: start one, run it (in the worker), notice dead workers, clean up."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult

from ctip.accounts.models import User
from ctip.accounts.types import Actor
from ctip.audit.services import record

from .execution import STALE_ERROR
from .models import Job
from .registry import cleaners, runner_for
from .tasks import run_job

logger = logging.getLogger(__name__)


def start_job(actor: User, kind: str, params: dict, *, title: str = "") -> Job:
    """Record a job for `actor` and put it on the queue; the worker runs it. A job is always
    someone's (its owner alone sees it), so an operator's command cannot start one."""
    runner_for(kind)  # an unknown kind fails here, not later in the worker
    params = {**params, "ui_lang": params.get("ui_lang") or translation.get_language()}
    with transaction.atomic():
        job = Job.objects.create(owner=actor, kind=kind, params=params, title=title[:200])
        result = run_job.enqueue(str(job.pk))
        Job.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
        record(actor, "jobs.start", job, kind=kind)
    job.refresh_from_db()
    return job


def _cutoffs(now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    return (
        now - dt.timedelta(seconds=settings.CTIP_JOB_STALE_SECONDS),
        now - dt.timedelta(seconds=settings.CTIP_JOB_TIMEOUT_SECONDS),
    )


def fail_stale_jobs(now: dt.datetime | None = None) -> int:
    """Mark failed the running jobs whose worker died (no heartbeat for CTIP_JOB_STALE_SECONDS)
    or that run past CTIP_JOB_TIMEOUT_SECONDS; their queue entries fail too."""
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


def clean_leftovers() -> dict[str, int]:
    """Run every app's cleaner (files its jobs left behind): how many each removed, by name."""
    return {what: clean() for what, clean in cleaners().items()}


def open_result(actor: Actor, job: Job) -> File:
    """The result file of `actor`'s own finished job, opened for streaming; audited."""
    if not job.has_result or job.owner_id != getattr(actor, "pk", None):
        raise ValidationError(_("This job has no result to download."))
    record(actor, "jobs.download", job, purpose="job result download", kind=job.kind)
    return default_storage.open(job.result_path, "rb")
