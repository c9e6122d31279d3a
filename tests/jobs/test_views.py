import pytest

from ctip.jobs import services
from ctip.jobs.models import Job

pytestmark = pytest.mark.django_db


@pytest.fixture
def done_job(make_user, test_kinds, run_queued):
    owner = make_user("focal_point", agency="AAA")
    job = services.start_job(owner, "test.ok", {"name": "figures"}, title="Figures")
    run_queued()
    job.refresh_from_db()
    return job


def test_owner_sees_the_page_and_downloads_the_result(done_job, login_as):
    client = login_as(done_job.owner)
    page = client.get(f"/jobs/{done_job.pk}/")
    assert page.status_code == 200
    assert f"/jobs/{done_job.pk}/download/" in page.content.decode()
    assert "hx-trigger" not in page.content.decode()  # finished: no more polling
    r = client.get(f"/jobs/{done_job.pk}/download/")
    assert r.status_code == 200
    assert b"".join(r.streaming_content) == b"a,b\n1,2\n"
    assert 'filename="figures.csv"' in r["Content-Disposition"]


def test_someone_else_gets_404_for_page_status_and_download(done_job, make_user, login_as):
    for role, agency in (("focal_point", "AAA"), ("coordinator", None), ("admin", None)):
        client = login_as(make_user(role, agency=agency))
        for suffix in ("", "status/", "download/"):
            assert client.get(f"/jobs/{done_job.pk}/{suffix}").status_code == 404
        assert "figures" not in client.get("/jobs/").content.decode()


def test_active_job_status_polls_with_htmx(make_user, login_as, test_kinds):
    owner = make_user()
    job = services.start_job(owner, "test.ok", {"name": "x"})
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, progress=37)
    from django.utils import timezone

    Job.objects.filter(pk=job.pk).update(heartbeat=timezone.now())
    r = login_as(owner).get(f"/jobs/{job.pk}/status/")
    body = r.content.decode()
    assert r.status_code == 200
    assert f'hx-get="/jobs/{job.pk}/status/"' in body and 'hx-trigger="every 2s"' in body
    assert 'value="37"' in body


def test_page_of_a_job_whose_worker_died_shows_it_failed(make_user, login_as, test_kinds):
    import datetime as dt

    from django.utils import timezone

    owner = make_user()
    job = services.start_job(owner, "test.ok", {"name": "x"})
    long_ago = timezone.now() - dt.timedelta(hours=2)
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.RUNNING, started=long_ago, heartbeat=long_ago
    )
    body = login_as(owner).get(f"/jobs/{job.pk}/status/").content.decode()
    assert "hx-trigger" not in body
    assert Job.objects.get(pk=job.pk).status == Job.Status.FAILED


def test_failed_job_shows_its_error_and_no_download(make_user, login_as, test_kinds, run_queued):
    owner = make_user()
    job = services.start_job(owner, "test.refuse", {})
    run_queued()
    client = login_as(owner)
    assert "Nothing to report for 1999." in client.get(f"/jobs/{job.pk}/").content.decode()
    assert client.get(f"/jobs/{job.pk}/download/").status_code == 404


def test_my_jobs_lists_only_mine(done_job, make_user, login_as, test_kinds):
    other = make_user()
    services.start_job(other, "test.ok", {"name": "theirs"}, title="Theirs")
    body = login_as(done_job.owner).get("/jobs/").content.decode()
    assert "Figures" in body and "Theirs" not in body


def test_the_list_of_jobs_is_paged(make_user, login_as, test_kinds):
    from ctip.jobs.views import PAGE_SIZE

    owner = make_user()
    for n in range(PAGE_SIZE + 1):
        services.start_job(owner, "test.ok", {"name": "x"}, title=f"job-{n:03d}")
    client = login_as(owner)
    first = client.get("/jobs/").content.decode()
    assert first.count('href="/jobs/') - first.count('href="/jobs/"') == PAGE_SIZE
    assert "?page=2" in first
    second = client.get("/jobs/?page=2").content.decode()
    assert "job-000" in second and "job-000" not in first
