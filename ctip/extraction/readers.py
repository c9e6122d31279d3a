"""Reading legacy reports: plain text, DOCX and PDF (text layer), chosen by content."""

from __future__ import annotations

import zipfile
from pathlib import Path

from .errors import ExtractionError

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


def read_docx(path: str | Path) -> str:
    """Paragraph text of a DOCX (tables appended row by row), guarded against zip bombs."""
    p = _check_file(path)
    try:
        with zipfile.ZipFile(p) as zf:
            infos = zf.infolist()
            total = sum(i.file_size for i in infos)
            packed = sum(i.compress_size for i in infos) or 1
            if total > MAX_DOCX_UNCOMPRESSED or total / packed > MAX_DOCX_RATIO and total > 10**7:
                raise ExtractionError(f"{p}: DOCX unpacks too large (possible zip bomb)")
            if "word/document.xml" not in zf.namelist():
                raise ExtractionError(f"{p}: corrupt DOCX (no word/document.xml)")
    except zipfile.BadZipFile:
        raise ExtractionError(f"{p}: corrupt DOCX (not a zip archive)") from None
    import docx  # python-docx

    try:
        document = docx.Document(str(p))
    except Exception as exc:  # python-docx raises many kinds on broken parts
        raise ExtractionError(f"{p}: corrupt DOCX ({type(exc).__name__})") from None
    parts = [para.text for para in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" ".join(cell.text for cell in row.cells))
    # Paragraphs are real paragraphs in DOCX: separate them with blank lines.
    text = "\n\n".join(s for s in parts if s.strip())
    return _nonblank(text, p, "DOCX has no text")


def read_pdf(path: str | Path) -> str:
    """The text layer of a PDF, page by page; refuses encrypted and image-only PDFs."""
    p = _check_file(path)
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
    import pdfplumber

    pages: list[str] = []
    try:
        with pdfplumber.open(str(p)) as pdf:
            for page in pdf.pages:
                pages.append(page.extract_text() or "")
    except Exception as exc:
        raise ExtractionError(f"{p}: corrupt PDF ({type(exc).__name__})") from None
    text = "\n\n\n".join(pages)
    return _nonblank(text, p, "PDF has no text layer (image-only or scanned PDF)")


def sniff(path: str | Path) -> str:
    """'pdf', 'docx' or 'text' judged from the first bytes; raises for anything else."""
    p = _check_file(path)
    with p.open("rb") as fh:
        head = fh.read(4096)
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "docx"
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


def read_any(path: str | Path) -> str:
    """Read any supported file, dispatching on its content (magic bytes), not its name."""
    kind = sniff(path)
    if kind == "pdf":
        return read_pdf(path)
    if kind == "docx":
        return read_docx(path)
    return read_text(path)
