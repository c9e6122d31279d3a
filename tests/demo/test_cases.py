"""The demo's synthetic cases (ctip/demo/cases.py)."""

import io

from ctip.cases.models import Case
from ctip.demo import cases as demo


def test_demo_is_idempotent_and_fictional(db):
    lines = demo.load(io.StringIO())
    n = Case.objects.count()
    assert n == 30 and "invented" in lines[0]
    demo.load(io.StringIO())
    assert Case.objects.count() == n
    assert set(Case.objects.values_list("status", flat=True)) >= {"open", "closed", "referred"}
