"""Cases selectors: the case figures (counts only, for those allowed to see them)."""

import io

import pytest
from django.core.exceptions import PermissionDenied

from ctip.cases import selectors
from ctip.demo import cases as demo


def test_statistics_have_figures_and_no_personal_data(db, make_user):
    demo.load(io.StringIO())
    stats = selectors.case_statistics(make_user("analyst", "MK"), year=None)
    assert stats["cases"] == 30 and sum(stats["by_channel"].values()) == 30
    assert sum(stats["by_sex"].values()) == stats["persons"]
    assert sum(stats["by_age_group"].values()) == stats["persons"]
    assert stats["by_referral_outcome"] and stats["by_exploitation"]
    text = str(stats)
    for name in demo.GIVEN + demo.SURNAMES:
        assert name not in text
    year = selectors.case_statistics(make_user("coordinator", "MK"), year=2024)
    assert year["cases"] == sum(year["by_month"].values()) <= 30


def test_statistics_need_permission(db, make_user):
    with pytest.raises(PermissionDenied):
        selectors.case_statistics(make_user("auditor"))
