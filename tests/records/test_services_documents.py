"""Documents' files in the services: stored with the row, removed again when the save fails or a
new file replaces them, and the audit entry written after the save (issue 14 folded the shared
store-and-save step; these pin what both writes must keep doing)."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ctip.audit.models import AuditEntry
from ctip.plan.models import Agency
from ctip.records.models import Document
from ctip.records.services import create_document, documents, update_document

pytestmark = pytest.mark.django_db


def _pdf(name: str = "akt.pdf") -> SimpleUploadedFile:
    from pypdf import PdfWriter  # heavy: only where a real PDF is needed

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buf = io.BytesIO()
    writer.write(buf)
    return SimpleUploadedFile(name, buf.getvalue())


def _stored(settings) -> list[str]:
    return sorted(p.name for p in settings.MEDIA_ROOT.rglob("*") if p.is_file())


def _create(focal, number: str = "02/416", **extra) -> Document:
    dmx = Agency.objects.get(abbr="DMX")
    return create_document(
        focal,
        agency=dmx,
        kind="letter",
        direction="outgoing",
        number=number,
        date=dt.date(2022, 3, 5),
        issuer=dmx,
        subject="Rəy",
        **extra,
    )


def test_create_audits_the_number_as_saved(focal):
    doc = _create(focal, number=" 02 / 416 ")
    entry = AuditEntry.objects.get(action="records.document.create")
    assert entry.object_id == str(doc.pk)
    assert entry.details["number"] == "02/416" == doc.number


def test_a_create_that_fails_after_storing_the_file_leaves_no_file(focal, settings, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr(documents, "record", broken)
    with pytest.raises(RuntimeError):
        _create(focal, upload=_pdf())
    assert not Document.objects.exists()
    assert _stored(settings) == []


def test_a_duplicate_caught_by_the_database_is_a_duplicate_and_leaves_no_file(
    focal, settings, monkeypatch
):
    first = _create(focal)
    real = documents.find_document
    calls = []

    def misses_once(**identity):  # as if the other row was committed just after our check
        calls.append(identity)
        return None if len(calls) == 1 else real(**identity)

    monkeypatch.setattr(documents, "find_document", misses_once)
    with pytest.raises(documents.DuplicateDocument) as refused:
        _create(focal, upload=_pdf())
    assert refused.value.existing == first
    assert Document.objects.count() == 1
    assert _stored(settings) == []


def test_a_new_file_replaces_the_old_one_once_the_change_is_saved(focal, settings):
    doc = _create(focal, upload=_pdf("birinci.pdf"))
    old = doc.file.name
    update_document(focal, doc, upload=_pdf("ikinci.pdf"), subject="Yeni")
    doc.refresh_from_db()
    assert doc.file_name == "ikinci.pdf" and doc.file.name != old
    assert _stored(settings) == [doc.file.name.rsplit("/", 1)[-1]]
    entry = AuditEntry.objects.get(action="records.document.update")
    assert entry.details == {"fields": ["subject"], "file_replaced": True}


def test_a_failed_change_keeps_the_old_file_and_removes_the_new(focal, settings, monkeypatch):
    doc = _create(focal, upload=_pdf("birinci.pdf"))
    kept = _stored(settings)

    def broken(*args, **kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr(documents, "record", broken)
    with pytest.raises(RuntimeError):
        update_document(focal, Document.objects.get(pk=doc.pk), upload=_pdf("ikinci.pdf"))
    assert _stored(settings) == kept
    assert Document.objects.get(pk=doc.pk).file_name == "birinci.pdf"
