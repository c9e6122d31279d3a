"""The correctable web import: upload once, preview from the stored result, correct, confirm."""

import pytest

from ctip.plan.models import ActionPlan, ItemReport, PlanItem, ReportImport, ReportingPeriod
from tests.uploads import preview_url

REPORT = """Dövlət Miqrasiya Xidməti

İnsan alverinə qarşı mübarizəyə dair 2020–2024-cü illər üçün Milli Fəaliyyət Planının Dövlət \
Miqrasiya Xidmətinə aid yarımbəndlərinin 2022-ci ildə icrası barədə hesabat

4.1.2-ci yarımbənd üzrə (Miqrantlar üçün maarifləndirmə tədbirlərinin keçirilməsi):

2022-ci il 5 mart tarixində 40 miqrant üçün seminar keçirilmişdir.

Sərhəd məntəqələrində 12 yoxlama aparılmışdır.

4.1.3-cü yarımbənd üzrə (Sərhəd məntəqələrində yoxlamaların gücləndirilməsi):

Mayın 18-də 3 iclas keçirilmişdir.
"""


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def report_file(tmp_path):
    path = tmp_path / "dmx-2022.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


@pytest.fixture
def coordinator_client(agencies, make_user, login_as):
    return login_as(make_user("coordinator", agency="MK"))


def _upload(client, path, **fields):
    data = {"plan": "", "agency": "", "period": "", "status": "submitted", **fields}
    with open(path, "rb") as fh:
        resp = client.post("/plan/import/", {"file": fh, **data})
    return preview_url(resp).rstrip("/").split("/")[-1]


def _correct(client, token, **fields):
    resp = client.post(f"/plan/import/{token}/correct/", fields)
    assert resp.status_code == 302
    return resp


def test_upload_stores_the_extraction_and_the_preamble_fills_the_form(
    coordinator_client, report_file, settings
):
    token = _upload(coordinator_client, report_file)
    staged = ReportImport.objects.get(token=token)
    assert (staged.plan, staged.agency, staged.period) == ("NAP-2020-2024", "DMX", "2022")
    assert [i["code"] for i in staged.result["items"]] == [None, "4.1.2", "4.1.3"]
    assert len(staged.file_hash) == 64
    # the uploaded file itself is not kept: only the extraction, in the database
    assert not list((settings.DATA_DIR / "private" / "imports").iterdir())


def test_reloading_the_preview_never_reads_the_file_again(
    coordinator_client, report_file, monkeypatch
):
    token = _upload(coordinator_client, report_file)

    def no_reading(*args, **kwargs):
        raise AssertionError("the preview read the file again")

    monkeypatch.setattr("ctip.core.sandbox.extract_file", no_reading)
    monkeypatch.setattr("ctip.extraction.core.extract_document", no_reading)
    for _ in range(2):
        page = coordinator_client.get(f"/plan/import/{token}/")
        assert page.status_code == 200
        assert "4.1.3" in page.content.decode() and "Mayın 18-də" in page.content.decode()


def test_only_the_uploader_and_the_coordinators_office_see_the_preview(
    agencies, make_user, login_as, report_file
):
    focal = login_as(make_user("focal_point", agency="DMX"))
    token = _upload(focal, report_file, plan="NAP-2020-2024")
    other = login_as(make_user("focal_point", agency="DMX"))
    assert other.get(f"/plan/import/{token}/").status_code == 404
    assert other.post(f"/plan/import/{token}/confirm/").status_code == 404
    coordinator = login_as(make_user("coordinator", agency="MK"))
    assert coordinator.get(f"/plan/import/{token}/").status_code == 200


def test_a_fixed_section_is_imported_and_the_fix_survives_a_second_upload(
    coordinator_client, report_file
):
    client = coordinator_client
    token = _upload(client, report_file)
    # the second paragraph of 4.1.2 is really sub-item 4.1.5; 4.1.3 is really 4.1.4
    _correct(client, token, op="split", index=1, was="4.1.2", at=1, code="4.1.5")
    _correct(client, token, op="code", index=3, was="4.1.3", code="4.1.4")
    page = client.get(f"/plan/import/{token}/").content.decode()
    assert "4.1.5" in page and "4.1.4" in page
    resp = client.post(f"/plan/import/{token}/confirm/")
    plan = ActionPlan.objects.get(code="NAP-2020-2024")
    period = ReportingPeriod.objects.get(plan=plan, code="2022")
    assert resp["Location"] == f"/plan/?plan={plan.pk}&period={period.pk}"
    reports = {r.item.code: r for r in ItemReport.objects.select_related("item")}
    assert set(reports) == {"4.1.2", "4.1.4", "4.1.5"}
    assert "12 yoxlama" in reports["4.1.5"].narrative
    assert "12 yoxlama" not in reports["4.1.2"].narrative
    assert ReportImport.objects.get(token=token).state == "confirmed"
    # the same file again: the corrections come back with it and nothing changes
    again = _upload(client, report_file)
    staged = ReportImport.objects.get(token=again)
    assert len(staged.corrections) == 2
    page = client.get(f"/plan/import/{again}/").content.decode()
    assert "4.1.5" in page
    client.post(f"/plan/import/{again}/confirm/")
    assert set(ItemReport.objects.values_list("item__code", flat=True)) == {
        "4.1.2",
        "4.1.4",
        "4.1.5",
    }
    assert not PlanItem.objects.filter(code="4.1.3").exists()


def test_merge_drop_and_undo(coordinator_client, report_file):
    client = coordinator_client
    token = _upload(client, report_file)
    staged = ReportImport.objects.get(token=token)
    quantity = next(f for f in staged.result["items"][2]["facts"] if f["type"] == "quantity")
    span = f"{quantity['span'][0]},{quantity['span'][1]}"
    _correct(client, token, op="drop_fact", index=2, was="4.1.3", type="quantity", span=span)
    _correct(client, token, op="merge", index=2, was="4.1.3")
    _correct(client, token, op="undo")
    _correct(client, token, op="merge", index=2, was="4.1.3")
    staged.refresh_from_db()
    assert [c["op"] for c in staged.corrections] == ["drop_fact", "merge"]
    client.post(f"/plan/import/{token}/confirm/")
    report = ItemReport.objects.get()
    assert report.item.code == "4.1.2" and "Mayın 18-də" in report.narrative
    assert not report.facts.filter(text=quantity["text"]).exists()


def test_a_correction_that_does_not_fit_is_refused_with_a_message(coordinator_client, report_file):
    token = _upload(coordinator_client, report_file)
    resp = coordinator_client.post(
        f"/plan/import/{token}/correct/",
        {"op": "code", "index": 1, "was": "9.9.9", "code": "4.1.7"},
        follow=True,
    )
    assert "does not fit" in resp.content.decode()
    assert ReportImport.objects.get(token=token).corrections == []


def test_unmatched_codes_show_their_catalogue_score(coordinator_client, report_file):
    from ctip.plan.services import ensure_item, get_or_create_plan

    plan, _ = get_or_create_plan("NAP-2020-2024")
    title = "Miqrantlar üçün maarifləndirmə tədbirlərinin keçirilməsi"
    ensure_item(plan, "4.1.2", title, from_report=False)
    ensure_item(plan, "4.1.9", "Qaçqınların sosial reabilitasiyası", from_report=False)
    token = _upload(coordinator_client, report_file)
    page = coordinator_client.get(f"/plan/import/{token}/").content.decode()
    assert "Matched to sub-item 4.1.2" in page
    assert "Not matched to the plan" in page and "best score" in page


def test_confirm_and_expiry_forget_the_extraction_but_keep_the_corrections(
    coordinator_client, report_file
):
    import datetime as dt

    from django.utils import timezone

    from ctip.plan.imports import expire_staged_imports

    client = coordinator_client
    token = _upload(client, report_file)
    _correct(client, token, op="code", index=2, was="4.1.3", code="4.1.4")
    ReportImport.objects.filter(token=token).update(updated=timezone.now() - dt.timedelta(days=2))
    assert expire_staged_imports() == 1
    expired = ReportImport.objects.get(token=token)
    assert expired.state == "expired" and expired.result == {} and len(expired.corrections) == 1
    resp = client.post(f"/plan/import/{token}/confirm/", follow=True)
    assert "expired" in resp.content.decode() and not ItemReport.objects.exists()
    again = _upload(client, report_file)
    client.post(f"/plan/import/{again}/confirm/")
    confirmed = ReportImport.objects.get(token=again)
    assert confirmed.result == {} and confirmed.corrections == expired.corrections
    assert ItemReport.objects.filter(item__code="4.1.4").exists()


def test_the_preview_shows_weak_ocr_pages_and_the_parts_in_no_sub_item(
    coordinator_client, tmp_path, monkeypatch
):
    from ctip.extraction import extract

    text = REPORT.replace("4.1.3-cü yarımbənd", "II. Müdafiə\n\n4.1.3-cü yarımbənd")
    path = tmp_path / "scan.txt"
    path.write_text(text, encoding="utf-8")

    def scanned(p, *, name=None, progress=None):
        result = extract(text, name)
        result["pages"] = [
            {"number": 1, "ocr": True, "confidence": 88.0, "low_confidence": False},
            {"number": 2, "ocr": True, "confidence": 41.5, "low_confidence": True},
        ]
        return result

    monkeypatch.setattr("ctip.core.sandbox.extract_file", scanned)
    token = _upload(coordinator_client, path)
    page = coordinator_client.get(f"/plan/import/{token}/").content.decode()
    assert "Page 2: confidence 41.5" in page and "Page 1:" not in page
    assert "Parts in no sub-item" in page and "II. Müdafiə" in page


def test_an_agency_report_in_excel_goes_through_the_web_preview(coordinator_client):
    """Agencies often report in Excel: the web import takes a workbook like any other report."""
    from pathlib import Path

    workbook = Path(__file__).parents[1] / "extraction" / "cases" / "tehsil-2022.xlsx"
    token = _upload(coordinator_client, workbook)
    staged = ReportImport.objects.get(token=token)
    codes = [i["code"] for i in staged.result["items"] if i["code"]]
    assert codes, staged.result
    page = coordinator_client.get(f"/plan/import/{token}/").content.decode()
    assert codes[0] in page


def test_a_file_of_another_kind_is_refused_with_a_form_error(coordinator_client, tmp_path):
    path = tmp_path / "notes.odt"
    path.write_bytes(b"PK\x03\x04 not a report")
    with open(path, "rb") as fh:
        resp = coordinator_client.post("/plan/import/", {"file": fh, "status": "submitted"})
    assert resp.status_code == 200
    assert "XLSX" in resp.content.decode()
