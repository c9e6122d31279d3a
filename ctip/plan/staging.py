"""Uploaded files waiting for a job: written once to an owner-only private folder under a
random name, read by the worker, then removed (issue 14: staging is a service, not a view's).

Only the random name travels in the job's parameters; the folder is not served. A file left
behind (a worker that died) is removed after UPLOAD_TTL by the next staging.
"""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

UPLOAD_TTL = 24 * 3600  # a queued job may wait for a worker; the staged file waits as long
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


def remove_old_uploads(folder: Path | None = None, max_age: float = UPLOAD_TTL) -> int:
    """Remove staged files older than `max_age` seconds; returns how many went."""
    folder = folder or staging_dir()
    now, removed = time.time(), 0
    for p in folder.iterdir():
        try:
            if now - p.stat().st_mtime > max_age:
                p.unlink()
                removed += 1
        except OSError:
            pass
    return removed
