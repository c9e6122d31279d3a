"""Large PDFs in parallel chunks (the WeasyPrint call itself is in pdf_html.py).

A large document (the consolidated national report) is laid out in chunks in parallel worker
processes and the chunk PDFs are merged with pypdf, bookmarks kept. Body layout does not depend
on page numbers, so every chunk is rendered without footers and the merged pages are numbered
afterwards with the same footer's drawing (pdf_numbers.py). Page numbers stay real text, drawn
in the same shipped DejaVu Sans.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from django.conf import settings

from .pdf_html import chunk_to_pdf
from .pdf_numbers import stamp_page_numbers

# CSS that removes the footer of a chunk rendered without knowing its first page number.
NO_FOOTER_CSS = "@page { @bottom-center { content: none; } }"


def chunks() -> int:
    """How many chunks a large document is cut into (CTIP_PDF_CHUNKS, default 2).

    Fixed rather than taken from the CPU count, so the same report always gets the same pages
    (each chunk starts on a new page) whatever machine renders it; 1 turns chunking off.
    """
    return max(1, min(settings.CTIP_PDF_CHUNKS or 2, 16))


def workers() -> int:
    """Worker processes rendering chunks at once (CTIP_PDF_WORKERS, default: CPU count)."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(settings.CTIP_PDF_WORKERS or cpus or 1, 16))


def _run_worker(html: str) -> tuple[bytes, int]:
    """Render one chunk in a fresh `python -m ctip.reports.pdf_engine` process.

    A plain subprocess rather than multiprocessing: nothing of the parent (its __main__
    module, threads, database connections, GLib state) is inherited or re-imported.
    """
    root = str(Path(__file__).resolve().parents[2])
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p),
    }
    proc = subprocess.run(
        [sys.executable, "-m", "ctip.reports.pdf_engine"],
        input=html.encode("utf-8"),
        capture_output=True,
        env=env,
        cwd=root,
    )
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RuntimeError(f"PDF worker failed: {err[-1] if err else proc.returncode}")
    out = proc.stdout
    return out[8:], int.from_bytes(out[:8], "big")


def render_chunks(head: str, chunks: list[str], footer_css: str, on_part=None) -> bytes:
    """Render `head + chunk + tail` for every chunk in parallel and merge into one PDF.

    Chunks are laid out without footers; their pages are numbered afterwards from 2, as the
    footer of `footer_css` would (pdf_numbers.py). A chunk is appended as soon as it and the
    ones before it are done, so merging overlaps the layout of the last chunk.
    """
    # WeasyPrint/pypdf are heavy: loaded only when a PDF is made
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    tail = "</body></html>\n"
    head = head.replace("</style>", NO_FOOTER_CSS + "</style>", 1)
    writer = PdfWriter()
    readers: list = []
    with ThreadPoolExecutor(max_workers=min(workers(), len(chunks))) as pool:
        futures = [pool.submit(_run_worker, head + c + tail) for c in chunks]
        for done, _future in enumerate(as_completed(futures), 1):
            while len(readers) < len(futures) and futures[len(readers)].done():
                readers.append(PdfReader(io.BytesIO(futures[len(readers)].result()[0])))
                writer.append(readers[-1])
            if on_part:
                on_part(done, len(futures))
    first = readers[0]
    stamp_page_numbers(writer, 1, 2, footer_css)
    if first.metadata:
        writer.add_metadata({k: v for k, v in first.metadata.items() if isinstance(v, str)})
    # Document-level entries WeasyPrint writes into the catalogue (the language, /Lang).
    for key in ("/Lang", "/PageMode"):
        value = first.trailer["/Root"].get(key)
        if value is not None:
            writer.root_object[NameObject(key)] = value.get_object()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _main() -> None:
    """Worker: HTML on stdin -> 8-byte big-endian page count + PDF bytes on stdout."""
    data, pages = chunk_to_pdf(sys.stdin.buffer.read().decode("utf-8"))
    sys.stdout.buffer.write(pages.to_bytes(8, "big") + data)


if __name__ == "__main__":
    _main()
