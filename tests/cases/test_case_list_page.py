"""The case list at national scale: paged in order of urgency (within a status the case waiting
longest comes first), each row's person count its own."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from model_bakery import baker

from ctip.cases.models import Case, Person
from ctip.cases.views import CASES_PER_PAGE


def _cases(agency, n):
    start = dt.date(2020, 1, 1)
    return [
        baker.make(
            Case, agency=agency, code=f"T-{i:04d}", registered_on=start + dt.timedelta(days=i)
        )
        for i in range(n)
    ]


def test_case_list_pages_longest_waiting_first_with_each_cases_person_count(worker, login_as):
    cases = _cases(worker.agency, CASES_PER_PAGE + 1)
    baker.make(Person, case=cases[-1], _quantity=3, documents=[], contacts=[])
    baker.make(Person, case=cases[0], documents=[], contacts=[])
    client = login_as(worker)

    with CaptureQueriesContext(connection) as first_page:
        page1 = client.get("/cases/").content.decode()
    page2 = client.get("/cases/?page=2").content.decode()

    assert page1.count('href="/cases/T-') == CASES_PER_PAGE
    assert page1.index("T-0000") < page1.index("T-0001")  # waiting longest first
    assert "T-0100" not in page1 and "T-0100" in page2
    assert page2.count('href="/cases/T-') == 1
    row_newest = page2[page2.index("T-0100") :].split("</tr>")[0]
    assert row_newest.rstrip().endswith("<td>3</td>")
    row_oldest = page1[page1.index("T-0000") :].split("</tr>")[0]
    assert row_oldest.rstrip().endswith("<td>1</td>")
    # One query for the page however many cases there are (no per-row counting).
    assert len(first_page.captured_queries) < 25


def test_the_case_list_sorts_only_the_columns_it_shows(worker, login_as):
    _cases(worker.agency, 3)
    client = login_as(worker)
    with CaptureQueriesContext(connection) as seen:
        page = client.get("/cases/").content.decode()
    assert page.count('href="/cases/T-') == 3 and worker.agency.abbr in page
    listed = ('SELECT "cases_case"', '(SELECT "cases_case"')  # the rows, not an intake's case
    (rows,) = [q["sql"] for q in seen if q["sql"].startswith(listed) and '"urgency"' in q["sql"]]
    for wide in ("exploitation", "control_methods", "closure_reason", "country_of_exploitation"):
        assert f'"cases_case"."{wide}"' not in rows
