"""Uploaded files waiting for a job: written once to an owner-only private folder under a
random name, read by the worker, then removed (issue 14: staging is a service, not a view's).

Only the random name travels in the job's parameters; the folder is not served. A file left
behind (a worker that died, a job that never ran) is removed once older than
CTIP_UPLOAD_RETENTION_HOURS, by the next staging or by `ctip jobs cleanup`
(ctip.plan.jobs.remove_orphaned_uploads, which spares the files of running jobs).
"""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_NAME_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")


def staging_dir() -> Path:
    """The private folder of staged uploads (created owner-only on first use)."""
    path = Path(settings.DATA_DIR) / "private" / "imports"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def stage_upload(uploaded, *, suffix: str) -> str:
    """Write an uploaded file (Django's UploadedFile) to an owner-only file; returns its key
    (the random file name) for `staged_path`. Older forgotten files go first."""
    folder = staging_dir()
    remove_old_uploads(folder)
    key = f"{secrets.token_urlsafe(24)}{suffix.lower()}"
    fd = os.open(folder / key, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        for chunk in uploaded.chunks():
            fh.write(chunk)
    return key


def staged_path(key: str) -> Path:
    """The staged file of `key`; a ValidationError in plain words when it is gone (or the key
    is not one this module made)."""
    path = staging_dir() / key
    if not key or set(key) - _NAME_CHARS or key.startswith(".") or not path.is_file():
        raise ValidationError(_("The uploaded file is no longer here: upload it again."))
    return path


def remove_upload(key: str) -> None:
    if key and not set(key) - _NAME_CHARS and not key.startswith("."):
        (staging_dir() / key).unlink(missing_ok=True)


def retention_seconds() -> float:
    """How long a staged file may wait for its job (CTIP_UPLOAD_RETENTION_HOURS)."""
    return settings.CTIP_UPLOAD_RETENTION_HOURS * 3600


def remove_old_uploads(
    folder: Path | None = None, max_age: float | None = None, *, keep: frozenset[str] = frozenset()
) -> int:
    """Remove staged files older than `max_age` seconds (the retention setting by default),
    except those named in `keep`; returns how many went."""
    folder = folder or staging_dir()
    max_age = retention_seconds() if max_age is None else max_age
    now, removed = time.time(), 0
    for p in folder.iterdir():
        try:
            if p.name not in keep and p.is_file() and now - p.stat().st_mtime > max_age:
                p.unlink()
                removed += 1
        except OSError:
            pass
    return removed
