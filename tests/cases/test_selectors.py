"""Cases selectors: the case figures (counts only, for those allowed to see them)."""

import io

import pytest
from django.core.exceptions import PermissionDenied

from ctip.cases import selectors, tallies
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
        tallies.count_months([202403])
    grouped = [q["sql"] for q in seen if 'FROM "cases_case"' in q["sql"] and "GROUP BY" in q["sql"]]
    assert grouped
    with connection.cursor() as cursor:
        for sql in grouped:
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            plan = " ".join(row[-1] for row in cursor.fetchall())
            assert "COVERING INDEX" in plan, (sql, plan)


def test_a_year_s_persons_are_counted_from_one_index_without_the_cases(db, make_user):
    """The persons of a year's cases are grouped from their own registration date's covering
    index: joining every person to its case took 30 ms of the page at national scale."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's EXPLAIN QUERY PLAN is read here; PostgreSQL plans by its statistics")
    with CaptureQueriesContext(connection) as seen:
        tallies.count_months([202403])
    grouped = [q["sql"] for q in seen if 'FROM "cases_person"' in q["sql"]]
    assert len(grouped) == 1
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + grouped[0])
        plan = " ".join(row[-1] for row in cursor.fetchall())
    assert "COVERING INDEX" in plan and "cases_case" not in plan, plan


def test_a_year_s_persons_are_those_of_the_cases_registered_in_it(db, make_user, make_case):
    """Counted by the person's own registration date, which is its case's (or intake's)."""
    import datetime as dt

    from ctip.cases import services

    old = make_case(received_on=dt.date(2023, 12, 31))
    new = make_case(received_on=dt.date(2024, 1, 1))
    worker = new.created_by
    services.add_person(worker, new, purpose="a second victim found", sex="female", age=30)
    assert {p.registered_on for p in old.persons.all()} == {dt.date(2023, 12, 31)}
    assert {p.registered_on for p in new.persons.all()} == {dt.date(2024, 1, 1)}
    coordinator = make_user("coordinator", agency=None)
    assert selectors.case_statistics(coordinator, year=2024)["persons"] == new.persons.count() == 2
    assert selectors.case_statistics(coordinator, year=2023)["persons"] == old.persons.count()
