"""`ctip load-demo --national-job` (what `make run` does): the coordinator's /jobs/ shows it."""

import io

import pytest
from django.core.management import call_command

from ctip.jobs.models import Job

pytestmark = pytest.mark.django_db


def test_load_demo_queues_a_national_report_for_the_demo_coordinator_and_prints_its_url(
    login_as, run_queued
):
    out = io.StringIO()
    call_command("load-demo", "--national-job", "--base-url", "http://127.0.0.1:8000", stdout=out)
    job = Job.objects.get()
    assert job.owner.username == "koordinator" and job.kind == "report"
    assert job.params["agency"] == "" and job.params["format"] == "pdf"
    assert f"http://127.0.0.1:8000/jobs/{job.pk}/" in out.getvalue()
    client = login_as(job.owner)
    assert f"/jobs/{job.pk}/" in client.get("/jobs/").content.decode()
    run_queued()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error
    body = b"".join(client.get(f"/jobs/{job.pk}/download/").streaming_content)
    assert body[:5] == b"%PDF-"


def test_load_demo_alone_queues_nothing():
    call_command("load-demo", stdout=io.StringIO())
    assert not Job.objects.exists()
