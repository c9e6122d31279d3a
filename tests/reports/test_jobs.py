"""The report job's runner: progress from the composer and renderer, the file it returns."""

import pytest

from ctip.reports.jobs import run_report, start_report_job

pytestmark = pytest.mark.django_db


class RecordingProgress:
    def __init__(self):
        self.calls = []

    def __call__(self, percent, message=None):
        self.calls.append(percent)

    def over(self, items, *, total, start, end, message=None):
        self.calls.append(start)
        for n, item in enumerate(items, 1):
            yield item
            self.calls.append(start + (end - start) * n / total)


def test_national_report_job_reports_progress_per_row_and_returns_the_file(small_plan, make_user):
    from ctip.plan.models import ActionPlan

    plan = ActionPlan.objects.get(code="TEST-PLAN")
    owner = make_user("coordinator", agency=None)
    job = start_report_job(
        owner, plan=plan, period=plan.periods.get(code="2022"), agency=None, fmt="html",
        lang="az", include_submitted=True, annex=False,
    )  # fmt: skip
    progress = RecordingProgress()
    out = run_report(job, progress)
    assert out.name == "TEST-PLAN_2022_national_az.html"
    assert "İkinci agentliyin işi." in out.content.decode()
    # three item reports read (approved and submitted), each moving the bar, then rendering
    assert len([c for c in progress.calls if 2 < c <= 50]) == 3
    assert progress.calls == sorted(progress.calls) and progress.calls[-1] >= 55


def test_focal_point_cannot_enqueue_another_agencys_report(small_plan, make_user):
    from django.core.exceptions import ValidationError

    from ctip.jobs.models import Job
    from ctip.plan.models import ActionPlan, Agency

    plan = ActionPlan.objects.get(code="TEST-PLAN")
    with pytest.raises(ValidationError):
        start_report_job(
            make_user("focal_point", agency="AAA"), plan=plan,
            period=plan.periods.get(code="2022"), agency=Agency.objects.get(abbr="BBB"),
            fmt="pdf", lang="az", include_submitted=False, annex=True,
        )  # fmt: skip
    assert not Job.objects.exists()
