"""`ctip import-reports`: many files, agency/period/plan from each preamble, one table."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ctip.plan.models import ActionPlan, ItemReport, PlanItem, ReportImport

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


def _report(agency: str, year: int, codes: list[str]) -> str:
    parts = [
        agency,
        "İnsan alverinə qarşı mübarizəyə dair 2020–2024-cü illər üçün Milli Fəaliyyət "
        f"Planının {year}-ci ildə icrası barədə hesabat",
    ]
    for n, code in enumerate(codes):
        parts.append(f"{code}-cü yarımbənd üzrə (Sınaq tədbirinin keçirilməsi {n}):")
        parts.append(f"{year}-ci il 5 mart tarixində {10 + n} əməkdaş üçün seminar keçirilmişdir.")
    return "\n\n".join(parts) + "\n"


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def folder(tmp_path, agencies):
    (tmp_path / "dmx.txt").write_text(
        _report("Dövlət Miqrasiya Xidməti", 2022, ["4.1.3", "4.2.3"]), encoding="utf-8"
    )
    sub = tmp_path / "2023"
    sub.mkdir()
    (sub / "dsx.txt").write_text(
        _report("Dövlət Sərhəd Xidməti", 2023, ["4.1.3", "4.3.3", "4.3.4"]), encoding="utf-8"
    )
    (tmp_path / "README.md").write_text("# Hesabatlar\n\n4.1.3 bax.\n", encoding="utf-8")
    (tmp_path / "dmx.gold.json").write_text(json.dumps({"codes": ["4.1.3"]}), encoding="utf-8")
    (tmp_path / "letter.txt").write_text(
        "Hörmətli həmkarlar,\n\nməktubunuz alınmışdır.\n", encoding="utf-8"
    )
    return tmp_path


def _run(*args):
    from io import StringIO

    out = StringIO()
    try:
        call_command("import-reports", *map(str, args), "--no-progress", stdout=out)
        code = 0
    except CommandError as exc:
        code = exc.returncode
    return code, out.getvalue()


def _row(out: str, name: str) -> str:
    return next(line for line in out.splitlines() if name in line)


def test_a_folder_imports_each_report_from_its_preamble_and_refuses_the_rest(folder):
    code, out = _run(folder)
    assert code == 0, out
    cells = {(r.agency.abbr, r.period.code, r.item.code) for r in ItemReport.objects.all()}
    assert cells == {
        ("DMX", "2022", "4.1.3"),
        ("DMX", "2022", "4.2.3"),
        ("DSX", "2023", "4.1.3"),
        ("DSX", "2023", "4.3.3"),
        ("DSX", "2023", "4.3.4"),
    }
    assert ActionPlan.objects.get().code == "NAP-2020-2024"
    assert "refused: not a report file" in _row(out, "README.md")
    assert "refused: not a report file" in _row(out, "dmx.gold.json")
    assert "refused: not a report (no sub-item found)" in _row(out, "letter.txt")
    dsx = _row(out, "dsx.txt").split()
    # file, agency, period, found, matched, flagged, added, facts, status
    assert dsx[1:5] == ["DSX", "2023", "3", "0"] and dsx[-1] == "imported"
    assert out.splitlines()[0].split()[:3] == ["file", "agency", "period"]


def test_a_bad_file_is_reported_and_skipped_and_the_exit_code_says_so(folder):
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a document")
    code, out = _run(folder)
    assert code == 1
    assert "failed" in _row(out, "broken.docx")
    assert ItemReport.objects.count() == 5  # the other reports went in


def test_dry_run_writes_nothing(folder):
    code, out = _run(folder, "--dry-run")
    assert code == 0 and "dry run" in _row(out, "dmx.txt")
    assert not ItemReport.objects.exists() and not PlanItem.objects.exists()


def test_a_known_catalogue_matches_by_title_and_flags_what_it_cannot(agencies, tmp_path):
    from ctip.plan.services import ensure_item, get_or_create_plan

    plan, _ = get_or_create_plan("NAP-2020-2024")
    titles = {
        "4.1.3": "Miqrantlar üçün maarifləndirmə tədbirlərinin keçirilməsi",
        "4.2.3": "Sərhəd məntəqələrində yoxlamaların gücləndirilməsi",
    }
    for code, title in titles.items():
        ensure_item(plan, code, title, from_report=False)
    path = tmp_path / "dmx.txt"
    path.write_text(
        "Dövlət Miqrasiya Xidməti\n\n2020–2024-cü illər üçün Milli Fəaliyyət Planının 2022-ci "
        "ildə icrası barədə hesabat\n\n"
        f"4.1.3-cü yarımbənd üzrə ({titles['4.1.3']}):\n\nMartın 5-də seminar keçirilmişdir.\n\n"
        # a mistyped code: the title says which sub-item it is
        f"4.2.30-cu yarımbənd üzrə ({titles['4.2.3']}):\n\nMayın 18-də 3 yoxlama aparılmışdır.\n\n"
        "4.5.1-ci yarımbənd üzrə (Qaçqın uşaqların sosial reabilitasiyası):\n\nİyunun 1-də "
        "görüş keçirilmişdir.\n",
        encoding="utf-8",
    )
    code, out = _run(path)
    # found 3, matched 2 (by code, by title), flagged 1 (imported under its own code)
    assert code == 0 and _row(out, "dmx.txt").split()[3:6] == ["3", "2", "1"], out
    codes = set(ItemReport.objects.values_list("item__code", flat=True))
    assert codes == {"4.1.3", "4.2.3", "4.5.1"}


def test_corrections_made_on_the_web_apply_to_the_same_file(folder, make_user):
    from ctip.plan.imports import file_hash

    path = folder / "dmx.txt"
    ReportImport.objects.create(
        token="t",
        owner=make_user("coordinator", agency="MK"),
        name="dmx.txt",
        file_hash=file_hash(path),
        plan="NAP-2020-2024",
        agency="DMX",
        period="2022",
        status="submitted",
        corrections=[{"op": "code", "index": 2, "was": "4.2.3", "code": "4.2.4"}],
    )
    code, _out = _run(path)
    assert code == 0
    assert set(ItemReport.objects.values_list("item__code", flat=True)) == {"4.1.3", "4.2.4"}


def test_the_corpus_imports_every_report_and_refuses_readme_and_gold_files(agencies):
    if not CORPUS.exists():
        pytest.skip(f"the development corpus is not present at {CORPUS}")
    code, out = _run(CORPUS)
    assert code == 0, out
    for gold_path in sorted(CORPUS.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        assert "imported" in _row(out, gold["source"]), gold["source"]
        assert "refused" in _row(out, gold_path.name)
        imported = set(
            ItemReport.objects.filter(source=gold["source"]).values_list("item__code", flat=True)
        )
        assert set(gold["codes"]) <= imported | _same_file_imported_before(gold), gold["source"]
    assert "refused" in _row(out, "README.md")
    assert "action plan" in _row(out, "nap-2020-2024.docx")


def _same_file_imported_before(gold: dict) -> set:
    # a scan and its clean text report the same sub-items: the later one finds them unchanged
    return (
        set(ItemReport.objects.values_list("item__code", flat=True))
        if "scan" in gold["source"]
        else set()
    )
