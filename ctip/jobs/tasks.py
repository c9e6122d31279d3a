"""The one task on django-tasks' queue: run a job row (ctip.jobs.services.execute)."""

from django_tasks import task

from .services import execute


@task()
def run_job(job_id: str) -> str:
    return str(execute(job_id))
