"""Reading one untrusted report file in ctip.core.sandbox's child: structure checks, then extract.

`python -m ctip.extraction.untrusted FILE --name NAME` prints the extraction as JSON (`source` is
NAME, never the server's path); with `--progress-fd N` it also writes a line `ocr DONE TOTAL` to
file descriptor N as each scanned page's OCR ends (the parent moves the job's progress bar). Exit 2 with one line on stderr for an unreadable file; exit 3
for a file too complex to read. The checks refuse at once what would only end at the memory or
CPU limit: a PDF page whose content stream inflates past a few megabytes (each character becomes
an object in the layout analysis), a DOCX whose document.xml unpacks past tens of megabytes, any
DTD (entity declarations: Word never writes one). The limits of the child catch the rest.
Pure Python (no Django).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import zipfile
from pathlib import Path

from . import ocr
from .core import extract_file
from .errors import ExtractionError
from .readers import sniff

EXIT_UNREADABLE = 2  # the same codes as ctip.core.sandbox_child
EXIT_TOO_COMPLEX = 3
MAX_PAGE_CONTENT = 4 * 1024 * 1024  # decoded bytes of one PDF page's content streams
MAX_PDF_CONTENT = 64 * 1024 * 1024  # … of the whole document
MAX_PDF_PAGES = 3000
MAX_DOCX_XML = 32 * 1024 * 1024  # unpacked bytes of word/document.xml
DTD_MARKERS = (b"<!DOCTYPE", b"<!ENTITY")


class TooComplex(Exception):
    """The file is built so that reading it would take more than any report needs."""


def check_pdf(path: Path) -> None:
    # pypdf is loaded only when a PDF is checked
    import pypdf
    from pypdf.errors import LimitReachedError

    try:
        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted:
            return  # the reader says so in its own words
        if len(reader.pages) > MAX_PDF_PAGES:
            raise TooComplex("pages")
        total = 0
        for page in reader.pages:
            size = _content_size(page)
            if size > MAX_PAGE_CONTENT:
                raise TooComplex("page content")
            total += size
            if total > MAX_PDF_CONTENT:
                raise TooComplex("content")
    except LimitReachedError as exc:
        raise TooComplex("pdf limit") from exc
    except TooComplex:
        raise
    except Exception:  # noqa: BLE001 - a broken PDF: the reader gives the one-line reason
        return


def _content_size(page) -> int:
    contents = page.get("/Contents")
    if contents is None:
        return 0
    contents = contents.get_object()
    streams = contents if isinstance(contents, list) else [contents]
    return sum(len(s.get_object().get_data()) for s in streams)


def check_docx(path: Path) -> None:
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        return  # the reader says "corrupt DOCX"
    with zf:
        for info in zf.infolist():
            if not info.filename.endswith((".xml", ".rels")):
                continue
            with zf.open(info) as part:
                head = part.read(65536)
                if any(marker in head for marker in DTD_MARKERS):
                    raise TooComplex("dtd")
                if info.filename == "word/document.xml":
                    size = len(head)
                    while chunk := part.read(1024 * 1024):
                        size += len(chunk)
                        if size > MAX_DOCX_XML:
                            raise TooComplex("document.xml")


def run(path: Path, name: str) -> dict:
    kind = sniff(path)
    if kind == "pdf":
        check_pdf(path)
    elif kind == "docx":
        check_docx(path)
    result = extract_file(path)
    result["source"] = name
    return result


def _page_line_to(fd: int | None) -> ocr.PageCallback:
    """A callback writing `ocr DONE TOTAL` lines to `fd` (nothing when there is none)."""

    def write(done: int, total: int) -> None:
        if fd is not None:
            try:
                os.write(fd, f"ocr {done} {total}\n".encode())
            except OSError:  # the parent stopped listening: reading goes on
                pass

    return write


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ctip.extraction.untrusted")
    parser.add_argument("file")
    parser.add_argument("--name", default=None)
    parser.add_argument("--progress-fd", type=int, default=None)
    opts = parser.parse_args(argv)
    path = Path(opts.file)
    name = opts.name or path.name
    try:
        with ocr.reporting(_page_line_to(opts.progress_fd)):
            result = run(path, name)
    except ExtractionError as exc:
        message = str(exc).replace(str(path), name).replace("\n", " ")
        sys.stderr.write(message[:300] + "\n")
        return EXIT_UNREADABLE
    except (TooComplex, MemoryError, RecursionError):
        os.write(2, b"too complex\n")
        return EXIT_TOO_COMPLEX
    json.dump(result, sys.stdout, ensure_ascii=False)
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
