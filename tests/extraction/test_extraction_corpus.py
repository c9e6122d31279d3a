"""Floors under what `make eval` reaches on ../shared/corpus and the seed: a regression fails.

The corpus is development data (ctip is judged on reports it has never seen); these floors only
keep what was reached. They skip, saying so, where ../shared/corpus is absent, and the scan
where Tesseract is not installed.
"""

import importlib.util
from pathlib import Path

import pytest

from ctip.extraction import extract_file
from ctip.extraction.ocr import tesseract

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location(
    "eval_extraction", ROOT / "bench" / "eval_extraction.py"
)
evaluation = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(evaluation)

# F1 floors per check; the scan is held to its sub-items and dates (OCR varies with versions).
FLOOR = 0.95
SCAN_FLOORS = {"codes": 1.0, "titles": 0.8, "date": 0.8}
SCORER = evaluation.load_scorer()
DOCUMENTS = evaluation.documents() if SCORER else []


@pytest.mark.skipif(SCORER is None, reason=f"../shared/corpus is absent ({evaluation.CORPUS})")
@pytest.mark.parametrize("report, gold", DOCUMENTS, ids=[d[0].name for d in DOCUMENTS])
def test_corpus_document_stays_above_its_floors(report, gold):
    scan = "scan" in report.name
    if scan and tesseract() is None:
        pytest.skip("Tesseract with its Azerbaijani model is not installed")
    result = evaluation.evaluate(report, gold, SCORER)
    assert result["error"] is None, result["error"]
    floors = SCAN_FLOORS if scan else {check: FLOOR for check in result["rows"]}
    low = {
        check: result["rows"][check][2]
        for check, floor in floors.items()
        if check in result["rows"] and result["rows"][check][2] < floor
    }
    assert not low, f"{report.name}: below the floor: {low}"


@pytest.mark.skipif(SCORER is None, reason=f"../shared/corpus is absent ({evaluation.CORPUS})")
def test_every_corpus_report_is_evaluated():
    names = {d[0].name for d in DOCUMENTS}
    expected = {
        p.name for p in evaluation.CORPUS.iterdir() if p.suffix in (".txt", ".docx", ".pdf")
    }
    expected = {n for n in expected if not n.endswith(".src.txt")}
    assert expected <= names


# ctip's own held-out reports (tests/extraction/cases/, written apart from the corpus, gold by
# hand before the rules were run on them): scored by bench/gold_score.py, no ../shared needed.
OWN_FLOOR = 0.95
OWN_SCAN_FLOORS = {"codes": 1.0, "titles": 0.9, "date": 0.9}
CASES = evaluation.own_cases()


@pytest.mark.parametrize("report, gold", CASES, ids=[c[0].name for c in CASES])
def test_own_case_stays_above_its_floors(report, gold):
    scan = "scan" in report.name
    if scan and tesseract() is None:
        pytest.skip("Tesseract with its Azerbaijani model is not installed")
    result = evaluation.evaluate(report, gold)
    assert result["error"] is None, result["error"]
    floors = OWN_SCAN_FLOORS if scan else {check: OWN_FLOOR for check in result["rows"]}
    low = {
        check: result["rows"][check][2]
        for check, floor in floors.items()
        if check in result["rows"] and result["rows"][check][2] < floor
    }
    assert not low, f"{report.name}: below the floor: {low}; misses: {result['listing']}"


def test_every_own_case_has_its_file_and_gold():
    golds = sorted(p.name for p in evaluation.CASES.glob("*.gold.json"))
    assert len(golds) >= 6
    assert len(CASES) == len(golds)  # every gold's source is there (binaries are committed)


def test_own_scorer_agrees_with_the_corpus_scorer():
    if SCORER is None:
        pytest.skip(f"../shared/corpus is absent ({evaluation.CORPUS})")
    import json

    for gold_path in sorted(evaluation.CORPUS.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        out = SCORER.perfect(gold)
        out["items"][0]["facts"] = out["items"][0]["facts"][1:]  # one miss
        out["items"].append({"code": "9.9.9", "title": "x", "facts": []})  # one extra code
        rows, _ = evaluation.gold_score.score(gold, out)
        _listing, summary, _ = SCORER.score(gold, out)
        for check, (_p, _r, f1) in rows.items():
            assert abs(f1 - summary[check]) < 1e-9, (gold_path.name, check)


# What each own case's preamble says: (agency, year, plan code).
OWN_PREAMBLES = {
    "dim-2021.txt": ("DİN", 2021, "NAP-2020-2024"),
    "dta-2021.pdf": ("DTA", 2021, "NAP-2020-2024"),
    "dtx-2017.txt": ("DTX", 2017, "NAP-2014-2018"),
    "rinn-2023.docx": ("RİNN", 2023, "NAP-2020-2024"),
    "emek-2023.docx": ("ƏƏSMN", 2023, "NAP-2020-2024"),
    "gmn-2018.pdf": ("GİN", 2018, "NAP-2014-2018"),
    "gomruk-2016.txt": ("DGK", 2016, "NAP-2014-2018"),
    "ombudsman-2019.txt": ("Ombudsman", 2019, None),
    "qmkdk-2024.xlsx": ("QMKDK", 2024, "NAP-2020-2024"),
    "medeniyyet-2022-scan.png": ("MN", 2022, "NAP-2020-2024"),
    "tehsil-2022.xlsx": ("ETN", 2022, "NAP-2020-2024"),
}


@pytest.mark.parametrize("name", sorted(OWN_PREAMBLES))
def test_own_case_preamble_gives_agency_year_and_plan(name):
    if "scan" in name and tesseract() is None:
        pytest.skip("Tesseract with its Azerbaijani model is not installed")
    report = extract_file(evaluation.CASES / name)["report"]
    assert (report["agency"], report["year"], report["plan"]["code"]) == OWN_PREAMBLES[name]
