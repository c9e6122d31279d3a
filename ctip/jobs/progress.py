"""How a running job reports how far it is: percent and a short message on its row."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from typing import TypeVar

from django.utils import timezone

from .models import Job

T = TypeVar("T")

# Fewer writes than steps: at most one every this many seconds unless the message changes.
MIN_INTERVAL = 0.5


class Progress:
    """Writes progress (0–100) and a message to the job row, a few times a second at most."""

    def __init__(self, job: Job):
        self.job = job
        self._last_write = 0.0
        self._percent = job.progress
        self._message = job.message

    def __call__(self, percent: float, message: str | None = None) -> None:
        percent = max(0, min(100, int(percent)))
        message = self._message if message is None else str(message)[:200]
        now = time.monotonic()
        changed = percent != self._percent or message != self._message
        if not changed or (message == self._message and now - self._last_write < MIN_INTERVAL):
            return
        self._percent, self._message, self._last_write = percent, message, now
        Job.objects.filter(pk=self.job.pk, status=Job.Status.RUNNING).update(
            progress=percent, message=message, heartbeat=timezone.now()
        )

    def over(
        self,
        items: Iterable[T],
        *,
        total: int,
        start: float,
        end: float,
        message: str | None = None,
    ) -> Iterator[T]:
        """Yield `items`, moving progress from `start` to `end` as they pass (`total` expected)."""
        self(start, message)
        span = end - start
        for n, item in enumerate(items, 1):
            yield item
            if total:
                self(start + span * min(n, total) / total)
        self(end)
