"""Reads of jobs, always through their owner."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from .models import Job
from .permissions import visible_q


def jobs_visible_to(user) -> QuerySet[Job]:
    return Job.objects.filter(visible_q(user)).order_by("-created")


def job_for(user, job_id) -> Job:
    """The job, if `user` owns it; 404 otherwise (someone else's job is as if it did not exist)."""
    job = jobs_visible_to(user).filter(pk=job_id).first()
    if job is None:
        raise Http404
    return job
