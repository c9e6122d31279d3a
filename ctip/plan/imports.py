"""The correctable import (issue 10): every write of staging, correcting and confirming a report.

A file is read once, in the sandbox, when it is staged; its extraction is stored in a
`ReportImport` with the agency, period and plan its preamble names. The preview works from that
row only. A person's corrections (corrections.py) are stored with it and found again by the
file's hash, so the same file imported again — on the web or by `ctip import-reports` — gives the
same result. Confirming runs the one import service (`services.import_report`), atomically.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import secrets
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ctip.accounts.types import Actor
from ctip.audit.services import record
from ctip.core import sandbox

from . import permissions, services
from .corrections import CorrectionError, apply_corrections, apply_one
from .models import ActionPlan, Agency, ItemReport, ReportImport

S = ItemReport.Status
STAGED_TTL = dt.timedelta(days=1)
BATCH = 8  # files read by one sandbox child in a bulk import (its start costs most of a file)
_APPROVED_RE = re.compile(r"təsdiq\s+(?:edilmişdir|olunmuşdur|edilib|olunub)\b", re.I)
REPORT_SUFFIXES = {".txt", ".docx", ".xlsx", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}


def file_hash(path: str | Path) -> str:
    """The SHA-256 of a file's bytes: the key its corrections are kept under."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def corrections_for(digest: str) -> list[dict]:
    """The corrections last made to a file with this hash (none when it was never corrected)."""
    row = ReportImport.objects.filter(file_hash=digest).order_by("-updated", "-id").first()
    return list(row.corrections) if row else []


def detected_target(result: dict) -> dict:
    """Plan, agency and period as the report's preamble names them ("" when it does not): the
    plan by its code, else the plan in ctip whose years hold the report's year."""
    report = result.get("report") or {}
    year = report.get("year")
    plan = ((report.get("plan") or {}).get("code")) or ""
    if not plan and year:
        covering = ActionPlan.objects.filter(start_year__lte=year, end_year__gte=year)
        found = covering.order_by("-is_current", "-start_year").first()
        plan = found.code if found else ""
    return {"plan": plan, "agency": report.get("agency") or "", "period": str(year or "")}


def fill_target(result: dict, **given: str) -> dict:
    """The options given, completed from the preamble; a ValidationError names what is missing."""
    detected = detected_target(result)
    target = {k: (given.get(k) or "").strip() or detected[k] for k in ("plan", "agency", "period")}
    labels = {"plan": _("plan"), "agency": _("agency"), "period": _("period")}
    missing = [labels[k] for k in target if not target[k]]
    if missing:
        raise ValidationError(
            _("The file does not say its %(what)s: give it.") % {"what": ", ".join(missing)}
        )
    return target


def stage_import(
    actor: Actor,
    path: str | Path,
    *,
    name: str,
    status: str = S.SUBMITTED,
    progress: sandbox.PageProgress | None = None,
    **given: str,
) -> ReportImport:
    """Read an uploaded file once (sandbox) and keep its extraction for the preview, with the
    corrections made earlier to the same file. Raises ExtractionError for an unreadable file.
    `progress` hears (pages done, pages to read) while a scan is read by OCR."""
    if not permissions.can_import_any(actor):
        raise PermissionDenied
    expire_staged_imports()
    digest = file_hash(path)
    result = sandbox.extract_file(path, name=name, progress=progress)
    target = fill_target(result, **given)
    staged = ReportImport.objects.create(
        token=secrets.token_urlsafe(24),
        owner=actor,
        name=name[:200],
        file_hash=digest,
        status=status,
        detected=result.get("report") or {},
        result=result,
        corrections=corrections_for(digest),
        **target,
    )
    record(actor, "plan.import.staged", staged, purpose="preview of a report import")
    return staged


def expire_staged_imports(max_age: dt.timedelta = STAGED_TTL) -> int:
    """Forget the extraction of imports left unconfirmed for `max_age` (their corrections stay,
    to be applied when the file comes again)."""
    old = ReportImport.objects.filter(
        state=ReportImport.State.STAGED, updated__lt=timezone.now() - max_age
    )
    return old.update(state=ReportImport.State.EXPIRED, result={})


def corrected(staged: ReportImport) -> tuple[dict, list[dict]]:
    """The stored extraction with the stored corrections applied, and the ones that no longer fit."""
    return apply_corrections(staged.result, staged.corrections)


def _require_open(actor: Actor, staged: ReportImport) -> None:
    if not permissions.can_see_import(actor, staged):
        raise PermissionDenied
    if staged.state == ReportImport.State.CONFIRMED:
        raise ValidationError(_("This import is already confirmed."))
    if staged.state != ReportImport.State.STAGED:
        raise ValidationError(_("This upload has expired: upload the file again."))


def correct_import(actor: Actor, staged: ReportImport, correction: dict) -> ReportImport:
    """Add one correction (see corrections.py) after checking it fits the sections as they are."""
    _require_open(actor, staged)
    result, _skipped = corrected(staged)
    try:
        apply_one(result, correction)
    except CorrectionError as exc:
        raise ValidationError(
            _("This correction does not fit the section: reload the preview and try again.")
        ) from exc
    with transaction.atomic():
        staged.corrections = [*staged.corrections, correction]
        staged.save(update_fields=["corrections", "updated"])
        record(actor, "plan.import.corrected", staged, purpose="correction of a report import")
    return staged


def undo_correction(actor: Actor, staged: ReportImport) -> ReportImport:
    """Take back the last correction."""
    _require_open(actor, staged)
    with transaction.atomic():
        staged.corrections = staged.corrections[:-1]
        staged.save(update_fields=["corrections", "updated"])
        record(actor, "plan.import.corrected", staged, purpose="undo of a correction")
    return staged


def _run(actor: Actor, staged: ReportImport, *, dry_run: bool) -> services.ImportSummary:
    result, _skipped = corrected(staged)
    return services.import_report(
        actor,
        staged.name,
        plan=staged.plan,
        agency=staged.agency,
        period=staged.period,
        status=staged.status,
        dry_run=dry_run,
        source_name=staged.name,
        extracted=result,
    )


def preview_import(actor: Actor, staged: ReportImport) -> services.ImportSummary:
    """What confirming would change (a dry run from the stored extraction; nothing is read)."""
    if not permissions.can_see_import(actor, staged):
        raise PermissionDenied
    return _run(actor, staged, dry_run=True)


def confirm_import(actor: Actor, staged: ReportImport) -> services.ImportSummary:
    """Import the corrected extraction (all or nothing) and mark the import confirmed."""
    _require_open(actor, staged)
    with transaction.atomic():
        locked = ReportImport.objects.select_for_update().get(pk=staged.pk)
        _require_open(actor, locked)
        summary = _run(actor, locked, dry_run=False)
        locked.state = ReportImport.State.CONFIRMED
        locked.result = {}  # the reports hold the text now; the corrections stay with the hash
        locked.save(update_fields=["state", "result", "updated"])
    staged.state = locked.state
    return summary


# --- bulk import ------------------------------------------------------------------------------


@dataclass
class FileOutcome:
    """One row of the bulk import's table."""

    file: str
    agency: str = ""
    period: str = ""
    found: int = 0
    matched: int = 0
    flagged: int = 0
    added: int = 0  # new sub-items (a plan not yet in ctip gets its sub-items from the report)
    facts: int = 0
    status: str = ""
    ok: bool = False  # imported (or would be, in a dry run)
    refused: bool = False  # not a report: skipped, not a failure
    notes: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """A report that could not be imported (a refused file is not a failure)."""
        return not self.ok and not self.refused


def refused_file(name: str) -> FileOutcome:
    """The outcome of a file that cannot be a report by its kind (README, JSON, …)."""
    return FileOutcome(name, refused=True, status=_("refused: not a report file"))


def is_report_file(path: Path) -> bool:
    return path.suffix.lower() in REPORT_SUFFIXES


def report_files(paths: list[str]) -> tuple[list[Path], list[FileOutcome]]:
    """The files to import from files and folders (a folder's files, sorted, recursively); files
    that cannot be reports (README, gold and other JSON files) come back refused."""
    files, refused = [], []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            candidates = sorted(f for f in p.rglob("*") if f.is_file())
        elif p.is_file():
            candidates = [p]
        else:
            refused.append(FileOutcome(str(p), status=_("refused: no such file or folder")))
            continue
        for f in candidates:
            if is_report_file(f):
                files.append(f)
            else:
                refused.append(refused_file(str(f)))
    return files, refused


def extract_files(files: list[Path], workers: int | None = None, batch: int = BATCH):
    """(path, extraction or the ExtractionError) for each file, in order: the files are read in
    sandbox children, `batch` files per child, as many children at a time as there are CPUs."""
    chunks = [files[i : i + batch] for i in range(0, len(files), batch)]
    with ThreadPoolExecutor(workers or os.cpu_count() or 1) as pool:
        for chunk, results in zip(chunks, pool.map(sandbox.extract_batch, chunks), strict=True):
            yield from zip(chunk, results, strict=True)


def _is_plan_document(result: dict) -> bool:
    """An action plan itself: it opens with its approval (`… Sərəncamı ilə təsdiq edilmişdir`)
    and names no reporting year, or its sub-items mostly carry no text (only executors and
    deadlines in their columns)."""
    items = result.get("items", [])
    coded = [s for s in items if s.get("code")]
    with_text = sum(1 for s in coded if (s.get("text") or "").strip())
    if with_text * 2 < len(coded):
        return True
    preamble = items[0].get("text", "") if items and not items[0].get("code") else ""
    year = (result.get("report") or {}).get("year")
    return year is None and bool(_APPROVED_RE.search(preamble[:400]))


def not_a_report(result: dict) -> str | None:
    """Why an extraction is not a report (None when it is one): no sub-item at all, or an
    action plan's own document."""
    if not any(s.get("code") for s in result.get("items", [])):
        return _("refused: not a report (no sub-item found)")
    if _is_plan_document(result):
        return _("refused: an action plan, not a report (load it with ctip import-plan)")
    return None


def import_files(
    files: Sequence[Path],
    *,
    plan: str = "",
    status: str = S.SUBMITTED,
    dry_run: bool = False,
    actor: Actor = None,
    names: dict[Path, str] | None = None,
) -> Iterator[FileOutcome]:
    """The one bulk-import loop (`ctip import-reports` and the web's bulk import): the files are
    read in sandbox children (extract_files) and each imported by import_file, its outcome
    yielded in order as soon as it is done (for progress). As the operator (actor None) or as
    `actor`; `names` gives staged copies the names they were uploaded under. The agencies of the
    reference list are loaded first on an empty installation."""
    if not Agency.objects.exists():
        services.sync_agencies()
    names = names or {}
    for path, extracted in extract_files(list(files)):
        yield import_file(
            path,
            extracted,
            plan=plan,
            status=status,
            dry_run=dry_run,
            actor=actor,
            name=names.get(path, ""),
        )


def import_file(
    path: Path,
    extracted: dict | Exception,
    *,
    plan: str = "",
    status: str = S.SUBMITTED,
    dry_run: bool = False,
    actor=None,
    name: str = "",
) -> FileOutcome:
    """Import one report file's extraction as the operator (actor None) or as `actor` (the
    web's bulk import), the earlier corrections to the same file applied, agency/period/plan
    from its preamble unless given; `name` is the file's name when `path` is a staged copy.
    Never raises for a bad file: the outcome says what went wrong."""
    out = FileOutcome(name or str(path))
    try:
        if isinstance(extracted, Exception):
            raise extracted
        result, _skipped = apply_corrections(extracted, corrections_for(file_hash(path)))
        refusal = not_a_report(result)
        if refusal:
            out.status, out.refused = refusal, True
            return out
        target = fill_target(result, plan=plan)
        out.agency, out.period = target["agency"], target["period"]
        summary = services.import_report(
            actor,
            path,
            status=status,
            dry_run=dry_run,
            extracted=result,
            source_name=name or None,
            via="" if actor else "ctip import-reports",
            **target,
        )
    except Exception as exc:  # noqa: BLE001 — one bad file is reported and skipped, never fatal
        out.status = _failure(exc)
        return out
    _count_outcome(out, summary, dry_run=dry_run)
    return out


def _failure(exc: Exception) -> str:
    """A failed file's status: the refusal's or the error's message, on one line."""
    if isinstance(exc, PermissionDenied):
        detail = str(exc)[:200]
    elif isinstance(exc, ValidationError):
        detail = " ".join(exc.messages)[:200]
    else:
        detail = (str(exc).splitlines() or [""])[0][:200]
    return _("failed: %(e)s") % {"e": detail}


def _count_outcome(out: FileOutcome, summary: services.ImportSummary, *, dry_run: bool) -> None:
    """An imported file's row filled from its import's summary."""
    out.agency, out.period = summary.agency, summary.period
    out.found, out.matched, out.flagged = summary.found, summary.matched, summary.flagged
    out.added = summary.items.get("new", 0)
    out.facts = sum(summary.facts.values())
    out.status = _("dry run") if dry_run else _("imported")
    out.ok, out.notes = True, summary.notes
