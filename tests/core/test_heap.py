"""A web worker's garbage collector, set once the application is loaded (ctip.core.heap)."""

from tests.installation import Installation

REPORT = (
    "import gc, ctip.wsgi; "
    "print(gc.get_threshold()[0], gc.get_freeze_count() > 50_000, ctip.wsgi.application)"
)


def test_the_web_worker_collects_young_objects_by_the_request_with_start_up_frozen(tmp_path):
    """Collected every 700 new objects, a request's live objects were promoted and died old:
    a 20-30 ms full collection on one request in ten at national scale."""
    installation = Installation(tmp_path / "data")
    installation.run("migrate", "--noinput")
    threshold, frozen, app = installation.python(REPORT).stdout.split(maxsplit=2)
    assert threshold == "20000" and frozen == "True" and "WSGIHandler" in app
