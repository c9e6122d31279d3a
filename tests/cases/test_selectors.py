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


def test_a_year_s_statistics_read_the_cases_from_indexes_alone(db, make_user):
    """Each grouping over a year's cases is answered by a covering index (no case row read):
    at national scale the forms of exploitation took 42 ms reading rows, 4 ms from the index."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's EXPLAIN QUERY PLAN is read here; PostgreSQL plans by its statistics")
    with CaptureQueriesContext(connection) as seen:
        selectors.case_statistics(make_user("coordinator", agency=None), year=2024)
    grouped = [q["sql"] for q in seen if 'FROM "cases_case"' in q["sql"] and "GROUP BY" in q["sql"]]
    assert grouped
    with connection.cursor() as cursor:
        for sql in grouped:
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            plan = " ".join(row[-1] for row in cursor.fetchall())
            assert "COVERING INDEX" in plan, (sql, plan)
