"""Benchmark: ctip.extraction.extract on the seed report vs dateparser's search_dates.

Run: .venv/bin/python bench/bench_extraction.py [N]
Prints the median time of `extract` (whole pipeline: cleaning, sections, all fact types)
next to dateparser.search.search_dates(text, languages=["az"]) on the same report, and the
date precision/recall of both against the hand-checked list tests/azlang/seed_dates.py.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "000_434bf5f6e76f4b5d.txt"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "azlang"))

from ctip.extraction import extract  # noqa: E402
from ctip.extraction.cleaning import clean_text  # noqa: E402


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
    """Median wall time, best wall time and median CPU time (the last two are steadier
    when other work shares the machine)."""
    wall, cpu, result = [], [], None
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall), min(wall), statistics.median(cpu), result


def main(runs: int = 30) -> None:
    if not SEED.exists():
        sys.exit(f"seed report not found at {SEED}")
    raw = SEED.read_text(encoding="utf-8")
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

    p1, r1 = prf(ours, gold)
    p2, r2 = prf(theirs, gold)
    f = lambda p, r: 2 * p * r / (p + r) if p + r else 0.0  # noqa: E731
    print(f"seed: {SEED.name}, {len(raw)} chars, {sum(gold.values())} gold dates")
    rows = [
        ("ctip.extraction.extract (all)", t_ours, b_ours, c_ours, runs, ours, p1, r1),
        ("dateparser search_dates (az)", t_dp, b_dp, c_dp, dp_runs, theirs, p2, r2),
    ]
    print(
        f"{'':31} {'median ms':>9} {'best ms':>8} {'cpu ms':>7} {'runs':>5} {'dates':>6} "
        f"{'P':>6} {'R':>6} {'F1':>6}"
    )
    for name, med, best, cpu, n, found, p, r in rows:
        print(
            f"{name:31} {med * 1000:9.1f} {best * 1000:8.1f} {cpu * 1000:7.1f} {n:5d} "
            f"{sum(found.values()):6d} {p:6.3f} {r:6.3f} {f(p, r):6.3f}"
        )
    print(
        f"speed-up of extract over dateparser: {t_dp / t_ours:.0f}x median, {b_dp / b_ours:.0f}x best, "
        f"{c_dp / c_ours:.0f}x cpu (extract finds all fact types; dateparser only dates)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
