"""`ctip worker` end to end: the real django-tasks database worker picks the job up."""

import pytest
from django.core.management import call_command

from ctip.jobs import execution, services
from ctip.jobs.models import Job


@pytest.mark.django_db(transaction=True)
def test_worker_command_runs_queued_jobs_and_fails_crashes(make_user, test_kinds):
    from django_tasks_db.models import DBTaskResult

    owner = make_user()
    ok = services.start_job(owner, "test.ok", {"name": "x"})
    bad = services.start_job(owner, "test.crash", {})
    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    ok.refresh_from_db()
    bad.refresh_from_db()
    assert ok.status == Job.Status.DONE and ok.result_size == 8
    assert bad.status == Job.Status.FAILED and bad.error == execution.UNEXPECTED_ERROR
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 2
