"""Who may see a job and its result: its owner only (an agency's report may hold names)."""

from __future__ import annotations

from django.db.models import Q


def can_open(user, job) -> bool:
    return user.is_authenticated and job.owner_id == user.pk


def visible_q(user) -> Q:
    return Q(owner_id=user.pk)
