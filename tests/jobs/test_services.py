import datetime as dt
import logging

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from ctip.jobs import execution, services
from ctip.jobs.models import Job

pytestmark = pytest.mark.django_db


def test_started_job_is_queued_on_the_database_backend_and_audited(make_user, test_kinds):
    from django_tasks_db.models import DBTaskResult

    from ctip.audit.models import AuditEntry

    job = services.start_job(make_user(), "test.ok", {"name": "x"})
    assert job.status == Job.Status.QUEUED and job.progress == 0
    task = DBTaskResult.objects.get(id=job.task_id)
    assert task.status == "READY" and task.task_path == "ctip.jobs.tasks.run_job"
    assert task.args_kwargs["args"] == [str(job.pk)]
    assert AuditEntry.objects.filter(action="jobs.start", object_id=str(job.pk)).count() == 1


def test_unknown_kind_is_refused_before_anything_is_written(make_user):
    with pytest.raises(LookupError):
        services.start_job(make_user(), "no.such.kind", {})
    assert not Job.objects.exists()


def test_job_runs_to_done_with_its_file_and_full_progress(make_user, test_kinds, run_queued):
    job = services.start_job(make_user(), "test.ok", {"name": "figures"})
    run_queued()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.progress == 100
    assert job.result_name == "figures.csv" and job.result_size == 8
    assert job.started and job.finished and job.finished >= job.started
    with default_storage.open(job.result_path, "rb") as fh:
        assert fh.read() == b"a,b\n1,2\n"
    assert test_kinds == [job.pk] * 4


def test_plain_refusal_becomes_the_jobs_error(make_user, test_kinds, run_queued):
    job = services.start_job(make_user(), "test.refuse", {})
    run_queued()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.error == "Nothing to report for 1999."
    assert not job.result_path


def test_crash_is_failed_with_a_generic_error_and_logged_without_its_message(
    make_user, test_kinds, run_queued, caplog
):
    job = services.start_job(make_user(), "test.crash", {})
    with caplog.at_level(logging.ERROR, logger="ctip.jobs"):
        run_queued()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and job.finished is not None
    assert job.error == execution.UNEXPECTED_ERROR
    assert "ZeroDivisionError" in caplog.text and str(job.pk) in caplog.text
    assert "Aliyev" not in caplog.text and "Aliyev" not in job.error


def test_a_job_is_run_once_only(make_user, test_kinds, run_queued):
    job = services.start_job(make_user(), "test.ok", {"name": "once"})
    assert execution.execute(job.pk) == Job.Status.DONE
    assert execution.execute(job.pk) == "skipped"
    assert test_kinds == [job.pk] * 4


def test_job_of_a_dead_worker_is_marked_failed_with_its_queue_entry(make_user, test_kinds):
    from django_tasks_db.models import DBTaskResult

    job = services.start_job(make_user(), "test.ok", {"name": "x"})
    now = timezone.now()
    # A worker claimed it, stamped it once and died.
    DBTaskResult.objects.filter(id=job.task_id).update(status="RUNNING", started_at=now)
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.RUNNING,
        started=now - dt.timedelta(minutes=5),
        heartbeat=now - dt.timedelta(minutes=3),
    )
    fresh = services.start_job(make_user(), "test.ok", {"name": "y"})
    Job.objects.filter(pk=fresh.pk).update(status=Job.Status.RUNNING, started=now, heartbeat=now)

    assert services.fail_stale_jobs(now) == 1
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and job.error == execution.STALE_ERROR
    assert DBTaskResult.objects.get(id=job.task_id).status == "FAILED"
    assert Job.objects.get(pk=fresh.pk).status == Job.Status.RUNNING


def test_job_running_past_the_timeout_is_given_up(make_user, test_kinds, settings):
    settings.CTIP_JOB_TIMEOUT_SECONDS = 600
    job = services.start_job(make_user(), "test.ok", {"name": "x"})
    now = timezone.now()
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.RUNNING, started=now - dt.timedelta(minutes=11), heartbeat=now
    )
    assert services.fail_stale_jobs(now) == 1


def test_a_late_finish_does_not_revive_a_job_declared_dead(make_user, test_kinds):
    from ctip.jobs.registry import JobOutput

    job = services.start_job(make_user(), "test.ok", {"name": "x"})
    Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED, error=execution.STALE_ERROR)
    assert execution._finish(job, JobOutput("late.csv", b"x", "text/csv")) == Job.Status.FAILED
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and not job.result_path
    assert not default_storage.exists(f"jobs/{job.pk}/late.csv")


def test_cleanup_removes_results_older_than_the_setting_and_keeps_newer(
    make_user, test_kinds, run_queued, settings
):
    settings.CTIP_JOB_RESULT_DAYS = 3
    old = services.start_job(make_user(), "test.ok", {"name": "old"})
    new = services.start_job(make_user(), "test.ok", {"name": "new"})
    run_queued()
    old.refresh_from_db()
    Job.objects.filter(pk=old.pk).update(finished=timezone.now() - dt.timedelta(days=4))

    assert services.cleanup_jobs() == 1
    assert not Job.objects.filter(pk=old.pk).exists()
    assert not default_storage.exists(old.result_path)
    new.refresh_from_db()
    assert default_storage.exists(new.result_path)


def test_progress_is_written_to_the_row_and_bounded(make_user, test_kinds):
    from ctip.jobs.progress import Progress

    job = services.start_job(make_user(), "test.ok", {"name": "x"})
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING)
    progress = Progress(job)
    progress(42, "half way")
    job.refresh_from_db()
    assert (job.progress, job.message) == (42, "half way")
    progress(250, "past the end")
    job.refresh_from_db()
    assert (job.progress, job.message) == (100, "past the end")


def test_a_worker_stopped_mid_job_marks_it_failed_and_stops(make_user, test_kinds):
    from ctip.jobs.registry import register

    @register("test.stop")
    def stop(job, progress):
        raise SystemExit(1)  # what db_worker's second Ctrl-C does inside a running job

    job = services.start_job(make_user(), "test.stop", {})
    with pytest.raises(SystemExit):
        execution.execute(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and job.error == execution.STALE_ERROR


def test_cleanup_command_reports_what_it_removed(make_user, test_kinds, run_queued, settings):
    from io import StringIO

    from django.core.management import call_command

    settings.CTIP_JOB_RESULT_DAYS = 1
    job = services.start_job(make_user(), "test.ok", {"name": "old"})
    run_queued()
    Job.objects.filter(pk=job.pk).update(finished=timezone.now() - dt.timedelta(days=2))
    out = StringIO()
    call_command("jobs", "cleanup", stdout=out)
    assert out.getvalue().startswith("1 ") and not Job.objects.exists()
