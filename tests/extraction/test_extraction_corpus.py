"""Floors under what `make eval` reaches on ../shared/corpus and the seed: a regression fails.

The corpus is development data (ctip is judged on reports it has never seen); these floors only
keep what was reached. They skip, saying so, where ../shared/corpus is absent, and the scan
where Tesseract is not installed.
"""

import importlib.util
from pathlib import Path

import pytest

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
