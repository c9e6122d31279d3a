"""`make eval`: the extractor against ../shared/corpus (and the seed), scored by its score.py.

Run: .venv/bin/python bench/eval_extraction.py [-v]
For every corpus report with a gold reading, and for the seed report (gold from
tests/extraction/seed_gold.py, codes from seed_gold_independent.py), prints a table of
precision, recall and F1 per check (codes, titles, each fact type) with the extraction time,
then one summary line per document against the issue's goals. ../shared/corpus/score.py does
the scoring (imported, not copied; it is not ours to change). A second table, "own cases", scores
ctip's held-out reports (tests/extraction/cases/, written apart from the corpus to catch rules
fitted to it) with bench/gold_score.py, which needs no ../shared. Exits 1 when a goal is missed.
-v lists every miss (score.py's own listing).
"""

from __future__ import annotations

import importlib.util
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SEED = ROOT.parent / "shared" / "seeds" / "000_434bf5f6e76f4b5d.txt"
CASES = ROOT / "tests" / "extraction" / "cases"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import gold_score  # noqa: E402

from ctip.extraction import ExtractionError, extract_file  # noqa: E402

CHECKS = ("codes", "titles", "date", "document", "quantity", "country", "person")
# The goals: F1 per check, for every report; the scan only needs its sub-items and dates.
GOALS = {"codes": 1.0, "titles": 0.95, "date": 0.90, "document": 0.90, "quantity": 0.90}
GOALS |= {"country": 0.85, "person": 0.85}
SCAN_GOALS = {"codes": 1.0, "date": 0.80}
_ROW_RE = re.compile(r"^(\w+)\s+P=([\d.]+) R=([\d.]+) F1=([\d.]+)")


def load_scorer():
    """../shared/corpus/score.py as a module, or None when the corpus is absent."""
    path = CORPUS / "score.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("corpus_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def seed_gold() -> dict:
    """The seed's hand-checked facts in score.py's gold schema (titles are not in it)."""
    sys.path.insert(0, str(ROOT / "tests" / "extraction"))
    import seed_gold as g
    from seed_gold_independent import GOLD

    def per_code(rows, make):
        out: dict = {}
        for row in rows:
            value = make(row)
            if value is not None and value not in out.setdefault(row[0], []):
                out[row[0]].append(value)
        return out

    return {
        "source": SEED.name,
        "codes": list(GOLD),
        "titles": {},
        "dates": per_code(g.DATE, lambda r: [r[2], r[3]]),
        "documents": per_code(g.DOCUMENT, lambda r: [r[1], r[2] or "", r[3]]),
        "quantities": per_code(g.QUANTITY, lambda r: [r[1], r[2]]),
        "countries": per_code(g.COUNTRY, lambda r: r[1] if r[1] != "AZ" else None),
        "persons": per_code(g.PERSON, lambda r: r[1]),
        "organizations": [],
    }


def documents() -> list[tuple[Path, dict]]:
    """(report file, gold) for every corpus gold reading whose report is there, then the seed."""
    import json

    found = []
    for gold_path in sorted(CORPUS.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        report = CORPUS / gold.get("source", "")
        if report.is_file():
            found.append((report, gold))
    if SEED.exists():
        found.append((SEED, seed_gold()))
    return found


def own_cases() -> list[tuple[Path, dict]]:
    """(report file, gold) for every held-out case of tests/extraction/cases/ that is there."""
    import json

    found = []
    for gold_path in sorted(CASES.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        report = CASES / gold["source"]
        if report.is_file():
            found.append((report, gold))
    return found


def evaluate(report: Path, gold: dict, scorer=None, verbose: bool = False) -> dict:
    """{"rows": {check: (P, R, F1)}, "seconds", "listing", "error"} for one report.

    scorer is the corpus's score.py module; None scores with bench/gold_score.py.
    """
    t0 = time.perf_counter()
    try:
        out = extract_file(report)
    except ExtractionError as exc:
        return {"rows": {}, "seconds": time.perf_counter() - t0, "listing": [], "error": str(exc)}
    seconds = time.perf_counter() - t0
    if scorer is None:
        rows, listing = gold_score.score(gold, out)
    else:
        listing, _summary, _mean = scorer.score(gold, out, verbose)
        rows = {}
        for line in listing:
            m = _ROW_RE.match(line)
            if m:
                rows[m.group(1)] = tuple(float(x) for x in m.groups()[1:])
    if not gold["titles"]:
        rows.pop("titles", None)
    return {"rows": rows, "seconds": seconds, "listing": listing, "error": None}


def goals_for(report: Path) -> dict:
    return SCAN_GOALS if "scan" in report.name else GOALS


def misses(report: Path, result: dict) -> list[str]:
    """The goals this report misses, as `check F1<goal`."""
    out = []
    for check, goal in goals_for(report).items():
        if check in result["rows"] or result["error"]:
            f1 = result["rows"].get(check, (0, 0, 0))[2]
            if f1 < goal - 1e-9:
                out.append(f"{check} {f1:.2f}<{goal:.2f}")
    return out


def print_table(report: Path, result: dict) -> None:
    print(f"\n{report.name}  ({result['seconds'] * 1000:.0f} ms)")
    if result["error"]:
        print(f"  error: {result['error']}")
        return
    print(f"  {'check':<10} {'P':>6} {'R':>6} {'F1':>6}  goal")
    for check in CHECKS:
        if check in result["rows"]:
            p, r, f1 = result["rows"][check]
            goal = goals_for(report).get(check)
            mark = "" if goal is None else ("ok" if f1 >= goal - 1e-9 else f"< {goal:.2f}")
            print(f"  {check:<10} {p:6.3f} {r:6.3f} {f1:6.3f}  {mark}")


def print_summary(results: list[tuple[Path, dict]], heading: str = "F1 per document") -> bool:
    heads = " ".join(f"{c[:6]:>6}" for c in CHECKS)
    print(f"\n{heading:<24} {heads} {'ms':>6}  goals")
    met = True
    for report, result in results:
        cells = " ".join(
            f"{result['rows'][c][2]:6.3f}" if c in result["rows"] else f"{'-':>6}" for c in CHECKS
        )
        missed = misses(report, result)
        met &= not missed
        print(
            f"{report.name[:24]:<24} {cells} {result['seconds'] * 1000:6.0f}  "
            f"{'met' if not missed else 'MISSED ' + ', '.join(missed)}"
        )
    print("all goals met" if met else "goals missed (see above)")
    return met


def run(pairs: list[tuple[Path, dict]], scorer, verbose: bool) -> list[tuple[Path, dict]]:
    results = []
    for report, gold in pairs:
        result = evaluate(report, gold, scorer, verbose)
        print_table(report, result)
        if verbose:
            print("\n".join("    " + line for line in result["listing"]))
        results.append((report, result))
    return results


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    scorer = load_scorer()
    met = True
    if scorer is None:
        print(f"no corpus at {CORPUS}: only ctip's own cases are evaluated")
    else:
        met &= print_summary(run(documents(), scorer, verbose))
    print("\n== own cases (tests/extraction/cases/, held out from the corpus) ==")
    met &= print_summary(run(own_cases(), None, verbose), "F1 per own case")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
