"""Case statistics kept per registration month: counted once, counted again only when that
month's cases, persons or referrals change, however they are written."""

import datetime as dt

import pytest
from django.core.cache import caches
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from ctip.cases import selectors, services
from ctip.cases.models import Case, Person, Referral, StatisticsMonth

CASE_TABLES = ('"cases_case"', '"cases_person"', '"cases_referral"')


@pytest.fixture
def coordinator(make_user):
    return make_user("coordinator", agency=None)


@pytest.fixture
def two_years(make_case):
    return make_case(received_on=dt.date(2023, 6, 1)), make_case(received_on=dt.date(2024, 2, 3))


def _counted(coordinator, year=None):
    """The statistics, and the statements that read the cases' tables to make them."""
    with CaptureQueriesContext(connection) as seen:
        stats = selectors.case_statistics(coordinator, year=year)
    return stats, [q["sql"] for q in seen if any(t in q["sql"] for t in CASE_TABLES)]


def _fresh(coordinator, year=None):
    """The statistics counted from nothing kept."""
    caches["figures"].clear()
    return selectors.case_statistics(coordinator, year=year)


def test_figures_over_every_year_are_kept_until_a_month_changes(db, coordinator, two_years):
    first, read = _counted(coordinator)
    assert first["by_year"] == {2023: 1, 2024: 1} and read
    again, read = _counted(coordinator)
    assert again == first and read == []
    year, read = _counted(coordinator, 2024)
    assert year["cases"] == 1 and read == []  # a year's figures come from the same tallies


def test_only_the_changed_month_is_counted_again(db, coordinator, two_years, worker):
    old, new = two_years
    _counted(coordinator)
    services.add_person(worker, new, purpose="a second victim found", sex="male", age=40)
    stats, read = _counted(coordinator)
    assert stats["persons"] == 3 and stats["by_sex"] == {"female": 2, "male": 1}
    assert read and all("2024-02-01" in sql and "2024-03-01" in sql for sql in read), read


@pytest.mark.parametrize(
    "write",
    [
        # queryset updates and deletes: no model's save, no signal
        lambda old, new: Person.objects.filter(case=new).update(sex="male", citizenship="UA"),
        lambda old, new: Case.objects.filter(pk=new.pk).update(channel="migration_control"),
        lambda old, new: Case.objects.filter(pk=old.pk).update(registered_on=dt.date(2025, 1, 9)),
        lambda old, new: Person.objects.filter(case=old).update(registered_on=None),
        lambda old, new: Person.objects.filter(case=new).delete(),
        lambda old, new: Person.objects.bulk_create(
            [Person(case=new, number=7, sex="male", registered_on=dt.date(2024, 2, 3))]
        ),
        lambda old, new: old.delete(),
        # SQL by hand
        lambda old, new: connection.cursor().execute(
            "UPDATE cases_person SET age_at_registration = 61 WHERE case_id = %s", [old.pk]
        ),
    ],
    ids=[
        "person-update",
        "case-update",
        "case-moves-year",
        "person-loses-its-date",
        "person-delete",
        "bulk-insert",
        "case-delete",
        "raw-sql",
    ],
)
def test_any_write_is_counted_at_once(db, coordinator, two_years, write):
    old, new = two_years
    assert selectors.case_statistics(coordinator)["cases"] == 2
    for year in (2023, 2024, 2025):
        selectors.case_statistics(coordinator, year=year)  # kept
    write(old, new)
    for year in (None, 2023, 2024, 2025):
        kept = selectors.case_statistics(coordinator, year=year)
        assert kept == _fresh(coordinator, year), year


def test_a_referral_decision_is_counted_at_once(db, coordinator, two_years, worker):
    old, new = two_years
    authority = services.refer_case(worker, new, to_agency=_authority(), letter_number="1/2")
    assert selectors.case_statistics(coordinator)["by_referral_outcome"] == {"pending": 1}
    Referral.objects.filter(pk=authority.pk).update(decision="victim_status_granted")
    assert selectors.case_statistics(coordinator)["by_referral_outcome"] == {
        "victim_status_granted": 1
    }


def _authority():
    from ctip.plan.models import Agency

    return Agency.objects.get_or_create(abbr="DİN-MTX", defaults={"name_az": "Sınaq orqanı"})[0]


def test_a_rolled_back_write_leaves_nothing_counted(db, coordinator, two_years, make_case):
    before = selectors.case_statistics(coordinator)
    with pytest.raises(RuntimeError), transaction.atomic():
        make_case(received_on=dt.date(2024, 5, 5))
        assert selectors.case_statistics(coordinator)["cases"] == 3  # kept, under its token
        raise RuntimeError("the write is given up")
    assert selectors.case_statistics(coordinator) == before


def test_persons_without_a_registration_date_count_over_every_year_only(db, coordinator, two_years):
    old, _ = two_years
    Person.objects.filter(case=old).update(registered_on=None)
    assert 0 in set(StatisticsMonth.objects.values_list("month", flat=True))
    assert selectors.case_statistics(coordinator)["persons"] == 2
    assert selectors.case_statistics(coordinator, year=2023)["persons"] == 0


def test_a_year_without_cases_reads_nothing(db, coordinator, two_years):
    stats, read = _counted(coordinator, 2019)
    assert stats["cases"] == 0 and stats["by_month"] == {} and read == []


def test_months_counted_together_take_one_query_of_each_kind(db, coordinator, make_case):
    """After a restart nothing is kept: every month is counted at once, not a query per month."""
    for day in (dt.date(2022, 1, 5), dt.date(2023, 6, 1), dt.date(2024, 2, 3), dt.date(2024, 9, 9)):
        make_case(received_on=day)
    caches["figures"].clear()
    stats, read = _counted(coordinator)
    assert stats["by_year"] == {2022: 1, 2023: 1, 2024: 2} and stats["persons"] == 4
    assert len(read) <= 6, read  # the months' tokens, then days, kinds, persons, forms, referrals
