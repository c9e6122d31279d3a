"""Uploaded imports run as jobs: the request stages the file and enqueues; the worker reads it."""

import csv
import io
import os
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ctip.audit.models import AuditEntry
from ctip.jobs.models import Job
from ctip.jobs.progress import Progress
from ctip.plan import staging
from ctip.plan.models import ItemReport, ReportImport
from tests.extraction.test_ocr import PAGE_1, PAGE_2, needs_tesseract, page_image
from tests.plan.test_import_preview import REPORT
from tests.uploads import run_upload_job


@pytest.fixture(autouse=True)
def _english_and_own_data_dir(settings, tmp_path):
    settings.LANGUAGE_CODE = "en"
    settings.DATA_DIR = tmp_path


@pytest.fixture
def coordinator(agencies, make_user, login_as):
    return login_as(make_user("coordinator", agency="MK"))


def _post(client, name, data: bytes, **fields):
    upload = SimpleUploadedFile(name, data)
    form = {"plan": "", "agency": "", "period": "", "status": "submitted", **fields}
    return client.post("/plan/import/", {"file": upload, **form})


def test_the_upload_request_only_stages_the_file_and_enqueues(coordinator, settings):
    response = _post(coordinator, "dmx.txt", REPORT.encode())
    job = Job.objects.get()
    assert response["Location"] == f"/jobs/{job.pk}/"
    assert job.kind == "report_import" and job.status == Job.Status.QUEUED
    assert not ReportImport.objects.exists()
    staged = list(staging.staging_dir().iterdir())
    assert [p.name for p in staged] == [job.params["file"]]
    assert staged[0].read_bytes() == REPORT.encode()
    assert oct(staged[0].stat().st_mode & 0o777) == "0o600"


def test_the_job_stores_the_extraction_and_its_page_leads_to_the_preview(coordinator):
    job = run_upload_job(_post(coordinator, "dmx.txt", REPORT.encode()))
    staged = ReportImport.objects.get()
    assert job.status == Job.Status.DONE and job.result_url == f"/plan/import/{staged.token}/"
    assert (staged.agency, staged.period, staged.name) == ("DMX", "2022", "dmx.txt")
    assert not list(staging.staging_dir().iterdir())  # the staged file went with the job
    page = coordinator.get(f"/jobs/{job.pk}/").content.decode()
    assert f'href="{job.result_url}"' in page and "open the preview" in page
    polled = coordinator.get(f"/jobs/{job.pk}/status/", headers={"HX-Request": "true"})
    assert polled["HX-Redirect"] == job.result_url
    assert "4.1.2" in coordinator.get(job.result_url).content.decode()
    assert not ItemReport.objects.exists()


def test_an_unreadable_file_fails_the_job_in_plain_words(coordinator):
    job = run_upload_job(_post(coordinator, "empty.txt", b"\x00\x01\x02" * 10))
    assert job.status == Job.Status.FAILED and not job.result_url
    page = coordinator.get(f"/jobs/{job.pk}/").content.decode()
    assert job.error and job.error.split(".")[0] in page
    assert not ReportImport.objects.exists()
    assert not list(staging.staging_dir().iterdir())


def test_a_report_without_its_agency_fails_the_job_naming_what_is_missing(coordinator):
    bare = "4.1.2-ci yarımbənd üzrə:\n\nSeminar keçirilmişdir.\n"
    job = run_upload_job(_post(coordinator, "bare.txt", bare.encode()))
    assert job.status == Job.Status.FAILED
    assert "agency" in job.error and "give it" in job.error


def test_staged_keys_cannot_leave_the_staging_folder(settings, tmp_path):
    from django.core.exceptions import ValidationError

    (staging.staging_dir().parent / "secret.txt").write_text("x")
    for key in ("../secret.txt", "", ".hidden", "a/b.txt"):
        with pytest.raises(ValidationError):
            staging.staged_path(key)


def _bulk(client, files, **fields):
    uploads = [SimpleUploadedFile(name, data) for name, data in files]
    form = {"status": "submitted", "plan": "", **fields}
    return client.post("/plan/import/bulk/", {"files": uploads, **form})


def test_bulk_import_runs_as_one_job_with_the_summary_as_csv(coordinator):
    files = [("dmx-2022.txt", REPORT.encode()), ("notes.txt", b"Hello.\n\nNothing here.\n")]
    job = run_upload_job(_bulk(coordinator, files))
    assert job.kind == "report_import_bulk" and job.status == Job.Status.DONE, job.error
    assert job.result_name == "import-summary.csv"
    body = b"".join(coordinator.get(f"/jobs/{job.pk}/download/").streaming_content)
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][:3] == ["file", "agency", "period"]
    by_file = {r[0]: r for r in rows[1:]}
    assert by_file["dmx-2022.txt"][1:3] == ["DMX", "2022"]
    assert by_file["dmx-2022.txt"][8] == "imported"
    assert by_file["notes.txt"][8].startswith("refused")
    assert ItemReport.objects.filter(agency__abbr="DMX").count() == 2
    entry = AuditEntry.objects.get(action="plan.report.imported")
    assert entry.actor_id == job.owner_id  # the coordinator who started it, not the operator
    assert not list(staging.staging_dir().iterdir())


def test_bulk_dry_run_writes_nothing(coordinator):
    job = run_upload_job(_bulk(coordinator, [("dmx.txt", REPORT.encode())], dry_run="on"))
    assert job.status == Job.Status.DONE
    assert not ItemReport.objects.exists()


def test_bulk_import_is_for_the_coordinators_office_only(agencies, make_user, login_as):
    focal = login_as(make_user("focal_point", agency="DMX"))
    assert focal.get("/plan/import/bulk/").status_code == 403
    assert _bulk(focal, [("dmx.txt", REPORT.encode())]).status_code == 403
    assert not Job.objects.exists()


def test_bulk_import_refuses_other_file_types_with_a_form_error(coordinator):
    response = _bulk(coordinator, [("x.exe", b"MZ")])
    assert response.status_code == 200 and "DOCX" in response.content.decode()
    assert not Job.objects.exists()


@needs_tesseract
def test_a_scanned_upload_moves_the_progress_bar_page_by_page(coordinator, monkeypatch, tmp_path):
    seen: list[tuple[int, str]] = []
    write = Progress.__call__

    def spy(self, percent, message=None):
        seen.append((int(percent), str(message or "")))
        write(self, percent, message)

    monkeypatch.setattr(Progress, "__call__", spy)
    pages = [page_image(PAGE_1), page_image(PAGE_2), page_image(PAGE_1)]
    scan = tmp_path / "scan.pdf"
    pages[0].convert("RGB").save(
        scan, save_all=True, append_images=[p.convert("RGB") for p in pages[1:]], resolution=200
    )
    data = scan.read_bytes()
    response = _post(
        coordinator, "scan.pdf", data, plan="NAP-2020-2024", agency="DMX", period="2022"
    )
    job = run_upload_job(response)
    assert job.status == Job.Status.DONE, job.error
    by_page = [(p, m) for p, m in seen if m.startswith("Reading scanned page")]
    assert [m for _p, m in by_page] == [f"Reading scanned page {n} of 3…" for n in range(4)]
    percents = [p for p, _m in by_page]
    assert percents == sorted(percents) and percents[0] == 10 and percents[-1] == 90
    assert "3.2.5" in coordinator.get(job.result_url).content.decode()


def test_jobs_cleanup_removes_orphaned_staged_uploads_and_spares_running_ones(make_user, settings):
    from io import StringIO

    from django.core.management import call_command

    settings.CTIP_UPLOAD_RETENTION_HOURS = 24
    owner = make_user("coordinator", agency="MK")
    folder = staging.staging_dir()
    stale = time.time() - 25 * 3600

    def staged(key: str, *, old: bool = True) -> str:
        (folder / key).write_bytes(b"report")
        if old:
            os.utime(folder / key, (stale, stale))
        return key

    def job(status: str, params: dict, kind: str = "report_import") -> None:
        now = timezone.now()  # a running job's worker is alive (stale ones are failed first)
        Job.objects.create(
            owner=owner, kind=kind, status=status, params=params, started=now, heartbeat=now
        )

    staged("no-job.txt")
    job(Job.Status.QUEUED, {"file": staged("never-ran.pdf")})
    job(Job.Status.FAILED, {"file": staged("died.docx")})
    job(Job.Status.RUNNING, {"file": staged("being-read.pdf")})
    bulk = [[staged("bulk-1.txt"), "a.txt"], [staged("bulk-2.txt"), "b.txt"]]
    job(Job.Status.RUNNING, {"files": bulk}, kind="report_import_bulk")
    staged("fresh.txt", old=False)
    out = StringIO()
    call_command("jobs", "cleanup", stdout=out)
    assert "3 orphaned staged upload file(s) removed" in out.getvalue()
    left = sorted(p.name for p in folder.iterdir())
    assert left == ["being-read.pdf", "bulk-1.txt", "bulk-2.txt", "fresh.txt"]
    call_command("jobs", "cleanup", stdout=(again := StringIO()))
    assert "0 orphaned staged upload file(s) removed" in again.getvalue()
