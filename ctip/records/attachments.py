"""Checking uploaded attachments: size, extension, magic bytes and content (PDF, DOCX only).

A DOCX is a zip: it is opened, its declared uncompressed size and compression ratio are bounded
(zip bombs), and it must contain word/document.xml. A PDF must start with %PDF- and parse.
"""

import io
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ALLOWED = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
MAX_DOCX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_DOCX_RATIO = 100
MAX_DOCX_MEMBERS = 2000


def _read_head(upload, n: int = 8) -> bytes:
    upload.seek(0)
    head = upload.read(n)
    upload.seek(0)
    return head


def check_attachment(upload) -> str:
    """Return the file type ("pdf" or "docx") or raise ValidationError with one clear message."""
    name = getattr(upload, "name", "") or ""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in ALLOWED:
        raise ValidationError(_("Only PDF and DOCX files can be attached."), code="type")
    limit = settings.CTIP_MAX_UPLOAD_BYTES
    size = getattr(upload, "size", None)
    if size is None or size > limit:
        raise ValidationError(
            _("The file is larger than %(mb)s MB.") % {"mb": round(limit / 1048576, 1)}, code="size"
        )
    head = _read_head(upload)
    if ext == "pdf":
        _check_pdf(upload, head)
    else:
        _check_docx(upload, head)
    upload.seek(0)
    return ext


def _check_pdf(upload, head: bytes) -> None:
    if not head.startswith(b"%PDF-"):
        raise ValidationError(
            _("The file is named .pdf but is not a PDF document."), code="content"
        )
    # pypdf is loaded only when a PDF attachment is checked
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        upload.seek(0)
        reader = PdfReader(io.BytesIO(upload.read()), strict=False)
        len(reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise ValidationError(
            _("The PDF file is damaged and cannot be read."), code="content"
        ) from exc
    finally:
        upload.seek(0)


def _check_docx(upload, head: bytes) -> None:
    if not head.startswith(b"PK\x03\x04"):
        raise ValidationError(
            _("The file is named .docx but is not a Word document."), code="content"
        )
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_DOCX_MEMBERS:
                raise ValidationError(_("The Word document has too many parts."), code="zip_bomb")
            total = sum(i.file_size for i in infos)
            compressed = sum(i.compress_size for i in infos) or 1
            if total > MAX_DOCX_UNCOMPRESSED or total / compressed > MAX_DOCX_RATIO:
                raise ValidationError(
                    _("The Word document expands to an unsafe size."), code="zip_bomb"
                )
            names = {i.filename for i in infos}
            if "word/document.xml" not in names:
                raise ValidationError(
                    _("The file is named .docx but is not a Word document."), code="content"
                )
            # Read the main part with a hard cap, whatever the headers claim.
            with zf.open("word/document.xml") as fh:
                read = 0
                while chunk := fh.read(1024 * 1024):
                    read += len(chunk)
                    if read > MAX_DOCX_UNCOMPRESSED:
                        raise ValidationError(
                            _("The Word document expands to an unsafe size."), code="zip_bomb"
                        )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        raise ValidationError(
            _("The Word document is damaged and cannot be read."), code="content"
        ) from exc
    finally:
        upload.seek(0)
