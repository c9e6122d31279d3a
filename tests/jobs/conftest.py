import pytest

from ctip.jobs.registry import _RUNNERS, JobOutput, register


@pytest.fixture
def test_kinds():
    """Three invented kinds: one that writes a file with progress, one that refuses in plain
    words, one that crashes."""
    from django.core.exceptions import ValidationError

    seen = []

    @register("test.ok")
    def ok(job, progress):
        for _ in progress.over(range(4), total=4, start=0, end=90, message="counting"):
            seen.append(progress.job.pk)
        return JobOutput(f"{job.params['name']}.csv", b"a,b\n1,2\n", "text/csv")

    @register("test.refuse")
    def refuse(job, progress):
        raise ValidationError("Nothing to report for 1999.")

    @register("test.crash")
    def crash(job, progress):
        raise ZeroDivisionError("secret-name-Aliyev")  # a message that must never be shown

    yield seen
    for kind in ("test.ok", "test.refuse", "test.crash", "test.stop"):
        _RUNNERS.pop(kind, None)
