"""Reads of jobs, always through their owner."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404

from .models import Job
from .permissions import visible_q

if TYPE_CHECKING:
    from ctip.accounts.models import User


def jobs_visible_to(user: User) -> QuerySet[Job]:
    return Job.objects.filter(visible_q(user)).order_by("-created")


def job_for(user: User, job_id: uuid.UUID | str) -> Job:
    """The job, if `user` owns it; 404 otherwise (someone else's job is as if it did not exist)."""
    job = jobs_visible_to(user).filter(pk=job_id).first()
    if job is None:
        raise Http404
    return job
