"""Who may see a job and its result: its owner only (an agency's report may hold names)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

if TYPE_CHECKING:
    from ctip.accounts.models import User

    from .models import Job


def can_open(user: User | AnonymousUser, job: Job) -> bool:
    return user.is_authenticated and job.owner_id == user.pk


def visible_q(user: User | AnonymousUser) -> Q:
    return Q(owner_id=user.pk)
