"""The capped paginator: a bounded count, the next page always reachable, exact when small."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ctip.core.paging import CAP_PAGES, CappedPaginator, capped_page, page_end
from ctip.plan.models import Agency


@pytest.fixture
def rows(db):
    Agency.objects.all().delete()
    Agency.objects.bulk_create(Agency(abbr=f"A{i:03d}", name_az=f"Qurum {i}") for i in range(60))
    return Agency.objects.order_by("abbr")


def test_a_short_list_is_counted_exactly(rows):
    page = capped_page(rows, 25, "2")
    assert (page.paginator.count, page.paginator.num_pages, page.paginator.more) == (60, 3, False)
    assert [a.abbr for a in page] == [f"A{i:03d}" for i in range(25, 50)]


def test_a_long_list_is_counted_only_a_page_past_the_cap(rows, monkeypatch):
    monkeypatch.setattr("ctip.core.paging.CAP_PAGES", 2)
    page = capped_page(rows, 10, "1")
    assert page.paginator.count == 30 and page.paginator.more and page.has_next()
    with CaptureQueriesContext(connection) as queries:
        assert CappedPaginator(rows, 10, page="1").count == 30
    assert "LIMIT 31" in queries[0]["sql"]


def test_a_deep_page_counts_past_itself_so_the_next_stays_reachable(rows, monkeypatch):
    monkeypatch.setattr("ctip.core.paging.CAP_PAGES", 2)
    page = capped_page(rows, 10, "4")
    assert page.number == 4 and page.has_next() and page.paginator.more
    assert [a.abbr for a in page][0] == "A030"
    last = capped_page(rows, 10, "6")
    assert last.number == 6 and not last.has_next() and not last.paginator.more


def test_a_bad_page_number_is_the_first_page(rows):
    assert capped_page(rows, 10, "x").number == 1
    assert CAP_PAGES >= 10


def test_an_absurd_page_number_is_the_last_page_not_a_database_error(rows):
    page = capped_page(rows, 25, "9" * 40)
    assert page.number == 3 and not page.has_next()
    assert capped_page(rows, 25, "-4").number == 3  # as Django's get_page: out of range -> last


def test_rows_read_only_to_their_page_s_end_are_counted_from_the_full_list(rows):
    """A list read no further than its page (page_end) is paged by the count of the whole."""
    end = page_end(25, "2")
    page = capped_page(rows[:end], 25, "2", counted=rows)
    assert end == 50 and page_end(25, "x") == 25
    assert (page.paginator.count, page.number, page.has_next()) == (60, 2, True)
    assert [a.abbr for a in page] == [f"A{i:03d}" for i in range(25, 50)]
