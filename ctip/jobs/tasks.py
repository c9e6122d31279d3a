"""The one task on django-tasks' queue: run a job row (ctip.jobs.execution.execute)."""

from django_tasks import task

from .execution import execute


@task()
def run_job(job_id: str) -> str:
    return str(execute(job_id))
