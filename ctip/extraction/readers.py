"""Reading legacy reports by content (magic bytes): text, DOCX, XLSX, PDF, scans and images.

`read_document` gives the structure (blocks: paragraphs, tables, pages; footnotes apart);
`read_any` and the `read_*` functions give plain text. Every kind of bad input raises one
ExtractionError whose message starts with the path.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from .blocks import Block, ReadDocument
from .docx_reader import read_docx_document
from .errors import ExtractionError
from .ocr import read_image_document
from .pdf_reader import read_pdf_document
from .xlsx_reader import read_xlsx_document

# A DOCX larger than this once unpacked is refused (zip-bomb guard).
MAX_DOCX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_DOCX_RATIO = 200
MAX_TEXT_BYTES = 50 * 1024 * 1024


def _check_file(path: str | Path) -> Path:
    p = Path(path)
    if not p.exists():
        raise ExtractionError(f"{p}: no such file")
    if not p.is_file():
        raise ExtractionError(f"{p}: not a regular file")
    if p.stat().st_size == 0:
        raise ExtractionError(f"{p}: file is empty")
    return p


def _nonblank(text: str, p: Path, what: str) -> str:
    if not text.strip():
        raise ExtractionError(f"{p}: {what}")
    return text


def read_text(path: str | Path) -> str:
    """Read a UTF-8 text file (a UTF-8 or UTF-16 BOM is honoured; other encodings are refused)."""
    p = _check_file(path)
    data = p.read_bytes()
    if len(data) > MAX_TEXT_BYTES:
        raise ExtractionError(f"{p}: text file is too large")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        if b"\x00" in data:
            raise ExtractionError(f"{p}: binary file of unknown format")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ExtractionError(f"{p}: not UTF-8 text (binary or unknown encoding)") from None
    return _nonblank(text, p, "file has no text")


def _open_zip(p: Path) -> zipfile.ZipFile:
    """Open an OOXML archive after the zip-bomb check (sizes from the directory, nothing read)."""
    try:
        zf = zipfile.ZipFile(p)
    except zipfile.BadZipFile:
        raise ExtractionError(f"{p}: corrupt DOCX (not a zip archive)") from None
    infos = zf.infolist()
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_DOCX_UNCOMPRESSED or total / packed > MAX_DOCX_RATIO and total > 10**7:
        zf.close()
        raise ExtractionError(f"{p}: DOCX unpacks too large (possible zip bomb)")
    return zf


def _zip_kind(p: Path) -> str:
    with _open_zip(p) as zf:
        names = set(zf.namelist())
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    raise ExtractionError(f"{p}: corrupt DOCX (no word/document.xml)")


def read_docx_structure(path: str | Path) -> ReadDocument:
    """A DOCX as blocks (paragraphs with heading levels, tables), footnotes apart."""
    p = _check_file(path)
    with _open_zip(p) as zf:
        if "word/document.xml" not in zf.namelist():
            raise ExtractionError(f"{p}: corrupt DOCX (no word/document.xml)")
        try:
            return read_docx_document(p, zf)
        except (zipfile.BadZipFile, KeyError, OSError) as exc:
            raise ExtractionError(f"{p}: corrupt DOCX ({type(exc).__name__})") from None


def read_xlsx_structure(path: str | Path) -> ReadDocument:
    """An XLSX workbook as tables (one per sheet)."""
    p = _check_file(path)
    with _open_zip(p) as zf:
        if "xl/workbook.xml" not in zf.namelist():
            raise ExtractionError(f"{p}: corrupt XLSX (no xl/workbook.xml)")
    return read_xlsx_document(p)


def read_pdf_structure(path: str | Path) -> ReadDocument:
    """A PDF as text per page (furniture and footnotes removed); scanned pages by OCR."""
    p = _check_file(path)
    _check_pdf(p)
    doc = read_pdf_document(p)
    if not any(b.text.strip() for b in doc.blocks):
        raise ExtractionError(f"{p}: PDF has no text layer (image-only PDF without a scan to read)")
    return doc


def _check_pdf(p: Path) -> None:
    # pypdf is loaded only when a PDF is read
    import pypdf
    from pypdf.errors import PdfReadError

    try:
        reader = pypdf.PdfReader(str(p))
        if reader.is_encrypted:
            raise ExtractionError(f"{p}: encrypted PDF is not supported")
        n_pages = len(reader.pages)
    except ExtractionError:
        raise
    except (PdfReadError, Exception) as exc:
        raise ExtractionError(f"{p}: corrupt PDF ({type(exc).__name__})") from None
    if n_pages == 0:
        raise ExtractionError(f"{p}: PDF has no pages")


def read_docx(path: str | Path) -> str:
    """The text of a DOCX: paragraphs and table rows in document order."""
    p = _check_file(path)
    return _nonblank(read_docx_structure(p).plain_text(), p, "DOCX has no text")


def read_pdf(path: str | Path) -> str:
    """The text layer of a PDF (OCR for scanned pages), page furniture removed."""
    p = _check_file(path)
    return _nonblank(read_pdf_structure(p).plain_text(), p, "PDF has no text layer")


_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def sniff(path: str | Path) -> str:
    """'pdf', 'docx', 'xlsx', 'image' or 'text' judged from the first bytes; raises otherwise."""
    p = _check_file(path)
    with p.open("rb") as fh:
        head = fh.read(4096)
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(p)
    if head.startswith(_IMAGE_MAGIC):
        return "image"
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return "text"
    if b"\x00" in head:
        raise ExtractionError(f"{p}: binary file of unknown format")
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the 4096 boundary is fine.
        if exc.start < len(head) - 4:
            raise ExtractionError(f"{p}: binary file of unknown format") from None
    return "text"


def read_document(path: str | Path) -> ReadDocument:
    """Read any supported file into blocks, choosing the reader by content (magic bytes)."""
    kind = sniff(path)
    p = Path(path)
    if kind == "pdf":
        return read_pdf_structure(p)
    if kind == "docx":
        doc = read_docx_structure(p)
    elif kind == "xlsx":
        doc = read_xlsx_structure(p)
    elif kind == "image":
        doc = read_image_document(p)
    else:
        return ReadDocument("text", blocks=[Block("text", read_text(p))])
    _nonblank(doc.plain_text(), p, f"{kind.upper()} has no text")
    return doc


def read_any(path: str | Path) -> str:
    """Read any supported file as plain text, dispatching on its content, not its name."""
    return read_document(path).plain_text()
