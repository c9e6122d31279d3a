"""Benchmark: reading and extracting reports, each figure beside a baseline from the same run.

Run: .venv/bin/python bench/bench_extraction.py [N]
1. `extract` on the seed report next to dateparser's search_dates(text, languages=["az"]) on
   the same text (goal: ≥ 20× faster), with the date precision/recall of both against the
   hand-checked list tests/azlang/seed_dates.py; and extraction time per 100 lines.
2. Reading DOCX and PDF with ctip's structure-aware readers next to python-docx / pdfplumber
   alone reading the same file's text (the floor; goal: within 3×), on ../shared/corpus.
3. OCR seconds per page on the corpus's scan (goal: ≤ 6 s per page on 2 cores), next to one
   bare `tesseract` call on its first page.
Timings are the best of N runs (median also shown where noise matters); CPU time is steadier
when other work shares the machine.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_434bf5f6e76f4b5d.txt"
CORPUS = SHARED / "corpus"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "azlang"))

from ctip.extraction import extract  # noqa: E402
from ctip.extraction.cleaning import clean_text  # noqa: E402
from ctip.extraction.readers import read_document  # noqa: E402


def gold_dates() -> Counter:
    try:
        from seed_dates import SEED_DATES  # tests/azlang/seed_dates.py
    except ImportError:
        sys.path.insert(0, str(ROOT / "tests" / "extraction"))
        from seed_gold import DATE

        return Counter((start, end) for _code, _text, start, end in DATE)
    return Counter((start, end) for start, end, _snippet in SEED_DATES)


def prf(found: Counter, gold: Counter) -> tuple[float, float]:
    tp = sum((found & gold).values())
    return tp / max(sum(found.values()), 1), tp / max(sum(gold.values()), 1)


def timed(fn, runs: int) -> tuple[float, float, float, object]:
    """Median wall time, best wall time and best CPU time (the last two are steadier
    when other work shares the machine)."""
    wall, cpu, result = [], [], None
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall), min(wall), min(cpu), result


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def bench_dates(raw: str, runs: int) -> None:
    cleaned = clean_text(raw)  # dateparser gets the cleaned text: a fairer chance on "2022-\nci"
    gold = gold_dates()
    extract(raw)  # warm-up: reference data, regexes
    t_ours, b_ours, c_ours, result = timed(lambda: extract(raw), runs)
    ours = Counter(
        (f["start"], f["end"])
        for item in result["items"]
        for f in item["facts"]
        if f["type"] == "date"
    )
    from dateparser.search import search_dates

    search_dates("1 yanvar 2022", languages=["az"])  # warm-up: language data
    dp_runs = max(1, min(5, runs))
    t_dp, b_dp, c_dp, dp = timed(lambda: search_dates(cleaned, languages=["az"]) or [], dp_runs)
    theirs = Counter((d.date().isoformat(), d.date().isoformat()) for _s, d in dp)
    print(f"seed: {SEED.name}, {len(raw)} chars, {sum(gold.values())} gold dates")
    print(
        f"{'':31} {'median ms':>9} {'best ms':>8} {'best cpu':>8} {'runs':>5} {'dates':>6} {'P':>6} {'R':>6} {'F1':>6}"
    )
    for name, med, best, cpu, n, found in (
        ("ctip.extraction.extract (all)", t_ours, b_ours, c_ours, runs, ours),
        ("dateparser search_dates (az)", t_dp, b_dp, c_dp, dp_runs, theirs),
    ):
        p, r = prf(found, gold)
        print(
            f"{name:31} {med * 1000:9.1f} {best * 1000:8.1f} {cpu * 1000:8.1f} {n:5d} "
            f"{sum(found.values()):6d} {p:6.3f} {r:6.3f} {_f1(p, r):6.3f}"
        )
    print(
        f"speed-up of extract over dateparser: {t_dp / t_ours:.0f}x median, {b_dp / b_ours:.0f}x best, "
        f"{c_dp / c_ours:.0f}x best cpu (goal ≥ 20x; extract finds all fact types, dateparser only dates)"
    )
    lines = raw.count("\n") + 1
    print(
        f"text extraction: {c_ours * 1000 / lines * 100:.2f} ms cpu per 100 lines ({lines} lines)"
    )


def _docx_floor(path: Path) -> None:
    import docx

    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]


def _pdf_floor(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            page.extract_text()


def bench_readers(runs: int) -> None:
    files = sorted(CORPUS.glob("*.docx")) + sorted(CORPUS.glob("plan/*.docx"))
    files += [
        p
        for p in sorted(CORPUS.glob("*.pdf")) + sorted(CORPUS.glob("plan/*.pdf"))
        if "scan" not in p.name
    ]
    if not files:
        print(f"\nreaders: no corpus at {CORPUS}")
        return
    print(f"\n{'reading (best of runs)':34} {'ctip ms':>8} {'floor ms':>9} {'ratio':>6}  floor")
    for path in files:
        floor = _docx_floor if path.suffix == ".docx" else _pdf_floor
        n = runs if path.suffix == ".docx" else max(2, runs // 5)
        _m, ours, _c, _r = timed(lambda p=path: read_document(p), n)
        _m, base, _c, _r = timed(lambda p=path, f=floor: f(p), n)
        name = "python-docx" if path.suffix == ".docx" else "pdfplumber"
        print(
            f"{path.name:34} {ours * 1000:8.1f} {base * 1000:9.1f} {ours / base:5.2f}x  {name} (goal ≤ 3x)"
        )


def bench_ocr() -> None:
    from ctip.extraction.ocr import tesseract

    scans = sorted(CORPUS.glob("*scan*.pdf"))
    if not scans or tesseract() is None:
        print("\nOCR: no scan in the corpus or Tesseract not installed")
        return
    for path in scans:
        t0 = time.perf_counter()
        doc = read_document(path)
        seconds = time.perf_counter() - t0
        pages = max(1, sum(1 for p in doc.pages if p.ocr))
        print(
            f"\nOCR {path.name}: {pages} pages in {seconds:.2f} s = {seconds / pages:.2f} s per page (goal ≤ 6 s)"
        )
        print(
            f"  bare tesseract on its first page (its own threads): {_bare_tesseract(path):.2f} s"
        )


def _bare_tesseract(path: Path) -> float:
    import pypdfium2

    from ctip.extraction.ocr import _page_image, _ppm, tesseract

    pdf = pypdfium2.PdfDocument(str(path))
    data = _ppm(_page_image(pdf[0]))
    pdf.close()
    t0 = time.perf_counter()
    subprocess.run(
        [tesseract(), "stdin", "stdout", "-l", "aze"], input=data, capture_output=True, check=False
    )
    return time.perf_counter() - t0


def main(runs: int = 30) -> None:
    if not SEED.exists():
        sys.exit(f"seed report not found at {SEED}")
    bench_dates(SEED.read_text(encoding="utf-8"), runs)
    bench_readers(runs)
    bench_ocr()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
