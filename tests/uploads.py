"""Uploads answer with a job's page: run the queued jobs as the worker would and go on."""

from ctip.jobs.execution import execute
from ctip.jobs.models import Job


def run_upload_job(response) -> Job:
    """The job an upload's response redirected to, after the worker ran it."""
    assert response.status_code == 302, response.content.decode()[:2000]
    location = response["Location"]
    assert location.startswith("/jobs/"), location
    job_id = location.rstrip("/").split("/")[-1]
    execute(job_id)
    return Job.objects.get(pk=job_id)


def preview_url(response) -> str:
    """The import preview a web upload's job ends on (the job must succeed)."""
    job = run_upload_job(response)
    assert job.status == Job.Status.DONE, job.error
    assert job.result_url.startswith("/plan/import/")
    return job.result_url
