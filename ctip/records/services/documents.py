"""Documents entered by hand: created (a duplicate is refused), edited, completed, with a file."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ctip.accounts.types import Actor
from ctip.audit.services import record
from ctip.plan.models import Agency

from .. import permissions
from ..attachments import check_attachment
from ..models import Document
from ..text import normalize_number
from ._common import _require, _set_m2m, _split

log = logging.getLogger(__name__)

DOCUMENT_M2M = ("recipients", "plan_items", "item_reports")


class DuplicateDocument(ValidationError):
    """The registry already holds a document with this issuer, kind, number and date."""

    def __init__(self, existing: Document):
        self.existing = existing
        super().__init__(
            _("This document is already registered: %(doc)s.") % {"doc": existing}, code="duplicate"
        )


def find_document(
    *,
    kind: str,
    number: str,
    date: dt.date,
    issuer: Agency | None = None,
    issuer_name: str = "",
    exclude_pk: int | None = None,
) -> Document | None:
    """The registered document with this identity, if any."""
    qs = Document.objects.filter(
        issuer_key=Document.make_issuer_key(issuer, issuer_name),
        kind=kind,
        number=normalize_number(number),
        date=date,
    )
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.first()


def _same_document(doc: Document, exclude_pk: int | None = None) -> Document | None:
    """Another registered document with the identity of `doc`, if any."""
    return find_document(
        kind=doc.kind,
        number=doc.number,
        date=doc.date,
        issuer=doc.issuer,
        issuer_name=doc.issuer_name,
        exclude_pk=exclude_pk,
    )


def _store_file(doc: Document, upload: UploadedFile) -> None:
    kind = check_attachment(upload)
    original = (getattr(upload, "name", "") or "").rsplit("/", 1)[-1][:255]
    doc.file.save(f"upload.{kind}", upload, save=False)
    doc.file_name = original
    doc.file_type = kind
    doc.file_size = upload.size


def _discard_file(name: str) -> None:
    """Remove a stored upload the registry no longer points to (a failed save, a replaced file)."""
    if name:
        try:
            default_storage.delete(name)
        except OSError:
            log.warning("could not remove an orphan upload")


def _save_with_file(
    doc: Document,
    upload: UploadedFile | None,
    m2m: dict[str, Any],
    audit: Callable[[], object],
) -> str:
    """Store the upload (if any), save the document and its links and write its audit entry
    (`audit`, called after the save) in one transaction; a file stored for a save that fails is
    removed again. Returns the stored file's name, "" without an upload."""
    stored = ""
    try:
        with transaction.atomic():
            if upload is not None:
                _store_file(doc, upload)
                stored = doc.file.name or ""
            doc.save()
            _set_m2m(doc, m2m)
            audit()
    except Exception:
        _discard_file(stored)
        raise
    return stored


def create_document(
    actor: Actor, *, agency: Agency, upload: UploadedFile | None = None, **fields: Any
) -> Document:
    """Register a new document; a document already registered is an error (DuplicateDocument)."""
    _require(permissions.can_write_for(actor, agency))
    plain, m2m = _split(fields, DOCUMENT_M2M)
    existing = find_document(
        kind=plain["kind"],
        number=plain["number"],
        date=plain["date"],
        issuer=plain.get("issuer"),
        issuer_name=plain.get("issuer_name", ""),
    )
    if existing:
        raise DuplicateDocument(existing)
    doc = Document(agency=agency, created_by=actor, **plain)
    doc.full_clean(
        exclude=["file", "issuer_key"], validate_unique=False, validate_constraints=False
    )
    try:
        _save_with_file(
            doc,
            upload,
            m2m,
            lambda: record(actor, "records.document.create", doc, kind=doc.kind, number=doc.number),
        )
    except IntegrityError as exc:
        existing = _same_document(doc)
        if existing:
            raise DuplicateDocument(existing) from exc
        raise
    return doc


def update_document(
    actor: Actor, doc: Document, *, upload: UploadedFile | None = None, **fields: Any
) -> Document:
    """Change a document; a new file replaces the old one, removed once the change is saved."""
    _require(permissions.can_edit(actor, doc))
    plain, m2m = _split(fields, DOCUMENT_M2M)
    for key, value in plain.items():
        setattr(doc, key, value)
    existing = _same_document(doc, exclude_pk=doc.pk)
    if existing:
        raise DuplicateDocument(existing)
    doc.full_clean(
        exclude=["file", "issuer_key"], validate_unique=False, validate_constraints=False
    )
    old_file = doc.file.name if doc.file else ""
    stored = _save_with_file(
        doc,
        upload,
        m2m,
        lambda: record(
            actor,
            "records.document.update",
            doc,
            fields=sorted(fields),
            file_replaced=upload is not None,
        ),
    )
    if stored and old_file:
        _discard_file(old_file)
    return doc


def complete_document(
    actor: Actor, doc: Document, *, completed_on: dt.date, note: str = ""
) -> Document:
    """Mark a resolution's task as done."""
    _require(permissions.can_edit(actor, doc))
    if completed_on < doc.date:
        raise ValidationError(
            {"completed_on": _("Completion cannot be before the document's date.")}
        )
    with transaction.atomic():
        doc.completed_on = completed_on
        doc.completion_note = note
        doc.save(update_fields=["completed_on", "completion_note", "updated"])
        record(actor, "records.document.complete", doc)
    return doc
