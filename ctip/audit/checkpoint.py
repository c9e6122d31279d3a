"""Signed checkpoints of the audit chain's end, kept outside the database.

A checkpoint is one JSON line — how many entries, the last one's number and hash, the time —
with an HMAC under the audit key. `ctip audit verify` (after a clean walk) and `ctip audit
checkpoint` (for a timer) append one to `CTIP_AUDIT_CHECKPOINT_FILE` and write the same line to
the log (logger `ctip.audit`), from where syslog or a copy job takes it off the machine
(docs/operations.md). A later verify compares the database with the last checkpoint: a cut tail,
an emptied table or a chain rewritten up to there no longer matches what was seen then.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from . import chain
from .chain import ChainEnd, Problem
from .models import AuditEntry

log = logging.getLogger("ctip.audit")
FIELDS = ("count", "seq", "hash", "at")
LOG_PREFIX = "audit checkpoint"


def checkpoint_path() -> Path:
    return Path(settings.CTIP_AUDIT_CHECKPOINT_FILE)


def sign(key: bytes, values: dict) -> str:
    return chain.mac(key, "checkpoint|" + chain.canonical([values[f] for f in FIELDS]))


def last_line(path: Path) -> str | None:
    """The last checkpoint line of a checkpoint file, or of a log holding checkpoint lines
    (`… audit checkpoint {…}`, as syslog or the log file keep them)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            lines = [line for line in fh if line.startswith("{") or f"{LOG_PREFIX} {{" in line]
    except FileNotFoundError:
        return None
    return lines[-1] if lines else None


def read_last(key: bytes, path: Path) -> tuple[dict | None, Problem | None]:
    """The last checkpoint, or a problem when it cannot be trusted."""
    line = last_line(path)
    if line is None:
        return None, None
    try:
        values = json.loads(line[line.index("{") :])
        ok = chain.same(values["mac"], sign(key, values))
    except (ValueError, KeyError, TypeError):
        ok = False
    if not ok:
        return None, Problem(
            None, f"the last checkpoint in {path} fails the audit key check (the file was altered)"
        )
    return values, None


def checkpoint_problems(key: bytes, end: ChainEnd, *, path=None) -> list[Problem]:
    """The database against the last checkpoint (what an earlier verify saw)."""
    values, problem = read_last(key, Path(path) if path else checkpoint_path())
    if problem or values is None:
        return [problem] if problem else []
    seen = f"the checkpoint of {values['at']} recorded {values['count']} entries"
    if end.count == 0 and values["count"] > 0:
        return [Problem(None, f"the audit table is empty, but {seen} (the table was emptied)")]
    if values["seq"] == 0:
        return []
    entry = AuditEntry.objects.filter(seq=values["seq"]).first()
    if entry is None:
        return [
            Problem(
                None,
                f"{seen} up to no. {values['seq']}, but the log ends at no. {end.seq}: "
                "entries were deleted (truncated tail)",
            )
        ]
    if not chain.same(entry.hash, values["hash"]):
        return [
            Problem(
                entry.id,
                f"entry {entry.id} (no. {entry.seq}) differs from {seen}: the log was rewritten",
            )
        ]
    kept = AuditEntry.objects.filter(seq__lte=values["seq"]).count()
    if kept != values["count"]:
        return [Problem(None, f"{seen} up to no. {values['seq']}; {kept} are there now")]
    return []


def write(end: ChainEnd) -> dict:
    """Append a signed checkpoint of `end` to the file and the log; return it."""
    key = chain.audit_key()
    values = {
        "count": end.count,
        "seq": end.seq,
        "hash": end.hash,
        "at": timezone.now().isoformat(timespec="seconds"),
    }
    values["mac"] = sign(key, values)
    line = json.dumps(values, sort_keys=True)
    path = checkpoint_path()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as fh:
        fh.write(line + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    log.info("%s %s", LOG_PREFIX, line)
    return values
