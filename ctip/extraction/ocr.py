"""OCR of scanned pages with Tesseract and its Azerbaijani model, page by page with confidence.

The `tesseract` binary is called directly (subprocess, image on stdin, TSV on stdout) rather
than through pytesseract: that wrapper would add a dependency only to shell out to the same
binary through temporary files, while the direct call lets us set a timeout, pin OpenMP to one
thread per page (Tesseract's own threads cost more than they give on small machines) and read
each word's confidence from the TSV in one pass. Pages run two at a time.

PDF pages are taken with pypdfium2 (a dependency of pdfplumber): a page that is one scanned
image gives that image at its own resolution, any other page is rendered at 300 dpi; images (PNG,
JPEG, TIFF, every frame of a multi-page TIFF) are read with Pillow. Without Tesseract or its
`aze` model, one ExtractionError says how to install them.

Whoever waits for a long scan can follow it: inside `reporting(callback)`, the callback is told
`(pages done, pages to read)` as each page's OCR ends (the sandbox child passes it on to the job).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from .blocks import Block, Page, ReadDocument
from .errors import ExtractionError

LANG = "aze"
DPI = 300
TIMEOUT = 120  # seconds per page
LOW_CONFIDENCE = 70.0  # a page whose mean word confidence is below this is shown as doubtful
INSTALL = "apt-get install tesseract-ocr tesseract-ocr-aze"
MAX_PIXELS = 60_000_000  # larger images are refused (decompression bomb)

PageCallback = Callable[[int, int], None]
_page_done: list[PageCallback] = []  # the callbacks of the open `reporting` blocks


@contextmanager
def reporting(callback: PageCallback) -> Iterator[None]:
    """Within the block, `callback(done, total)` follows every OCR run page by page."""
    _page_done.append(callback)
    try:
        yield
    finally:
        _page_done.remove(callback)


def _report(done: int, total: int) -> None:
    for callback in list(_page_done):
        callback(done, total)


@lru_cache(maxsize=1)
def tesseract() -> str | None:
    """Path of a `tesseract` binary that has the Azerbaijani model, or None."""
    exe = shutil.which("tesseract")
    if exe is None:
        return None
    try:
        out = subprocess.run(
            [exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    langs = {line.strip() for line in (out.stdout + out.stderr).splitlines()}
    return exe if LANG in langs else None


def require_tesseract(p: Path) -> str:
    exe = tesseract()
    if exe is None:
        raise ExtractionError(
            f"{p}: scanned document needs OCR, but Tesseract with its Azerbaijani model is not "
            f"installed (install it with: {INSTALL})"
        )
    return exe


def parse_tsv(tsv: str) -> tuple[str, float | None]:
    """Tesseract TSV -> (text, mean word confidence). Paragraphs are separated by a blank line."""
    paras: dict[tuple, dict[tuple, list[str]]] = {}
    confs: list[tuple[float, int]] = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        word, conf = cols[11], float(cols[10])
        para = (cols[1], cols[2], cols[3])
        paras.setdefault(para, {}).setdefault(para + (cols[4],), []).append(word)
        if conf >= 0:
            confs.append((conf, len(word)))
    text = "\n\n".join("\n".join(" ".join(w) for w in lines.values()) for lines in paras.values())
    total = sum(n for _c, n in confs)
    return text, (sum(c * n for c, n in confs) / total if total else None)


def ocr_image_bytes(data: bytes, exe: str) -> tuple[str, float | None]:
    """OCR one page image (any format Leptonica reads) -> (text, confidence 0-100)."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    try:
        done = subprocess.run(
            [exe, "stdin", "stdout", "-l", LANG, "--psm", "3", "tsv"],
            input=data,
            capture_output=True,
            timeout=TIMEOUT,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ExtractionError(f"OCR of a page took longer than {TIMEOUT} s") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["?"]
        raise ExtractionError(f"OCR failed: {message[0]}")
    return parse_tsv(done.stdout.decode("utf-8", "replace"))


def _ppm(image) -> bytes:
    buf = io.BytesIO()
    image.convert("L").save(buf, format="PPM")
    return buf.getvalue()


def _run_all(images: list[bytes], exe: str) -> list[tuple[str, float | None]]:
    """OCR every page image (two at a time), telling `reporting`'s callbacks as each ends."""
    workers = max(1, min(2, os.cpu_count() or 1, len(images)))
    total = len(images)
    _report(0, total)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(ocr_image_bytes, data, exe): n for n, data in enumerate(images)}
        results: list[tuple[str, float | None]] = [("", None)] * total
        for done, future in enumerate(as_completed(futures), 1):
            results[futures[future]] = future.result()
            _report(done, total)
    return results


def _page_image(page):
    """A scanned page's pixels: its one embedded image at its own resolution when that is a
    usable scan (150-600 dpi; resampling only blurs it), else the page rendered at 300 dpi."""
    import pypdfium2.raw as pdfium_c  # heavy; ships with pdfplumber

    images = list(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2))
    if len(images) == 1:
        width_px, _height = images[0].get_px_size()
        dpi = width_px / (page.get_width() / 72)
        if 150 <= dpi <= 600:
            return images[0].get_bitmap(render=False).to_pil()
    return page.render(scale=DPI / 72).to_pil()


def ocr_pdf_pages(p: Path, numbers: list[int]) -> list[tuple[str, float | None]]:
    """OCR the given (1-based) pages of a PDF."""
    exe = require_tesseract(p)
    import pypdfium2  # heavy; ships with pdfplumber

    try:
        pdf = pypdfium2.PdfDocument(str(p))
        try:
            images = [_ppm(_page_image(pdf[n - 1])) for n in numbers]
        finally:
            pdf.close()
    except Exception as exc:  # pdfium raises its own error kinds
        raise ExtractionError(f"{p}: PDF page cannot be rendered ({type(exc).__name__})") from None
    return _run_all(images, exe)


def _frames(p: Path) -> list[bytes]:
    from PIL import Image  # heavy

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(p) as img:
            frames = []
            for i in range(getattr(img, "n_frames", 1)):
                img.seek(i)
                frames.append(_ppm(img))
            return frames
    except Image.DecompressionBombError:
        raise ExtractionError(f"{p}: image is too large") from None
    except Exception as exc:  # Pillow raises many kinds on broken files
        raise ExtractionError(f"{p}: corrupt image ({type(exc).__name__})") from None


def read_image_document(p: Path) -> ReadDocument:
    """A scanned page or a multi-page TIFF, read by OCR page by page."""
    exe = require_tesseract(p)
    doc = ReadDocument("image")
    for number, (text, conf) in enumerate(_run_all(_frames(p), exe), 1):
        doc.blocks.append(Block("text", text, page=number))
        doc.pages.append(Page(number, ocr=True, confidence=conf))
    return doc
