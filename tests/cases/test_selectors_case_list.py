"""The case list (selectors.case_list): most urgent first, read a page at a time from indexes in
that order on SQLite and PostgreSQL, with Case.urgency kept in step with the status by the
database on every write."""

import datetime as dt
import json

import pytest
from django.db import connection
from django.db.models import Case as DbCase
from django.db.models import IntegerField, Value, When

from ctip.cases import selectors
from ctip.cases.models import URGENCY, Case, Channel, Referral
from ctip.plan.models import Agency

pytestmark = pytest.mark.django_db

STATUSES = Case.Status.values


def test_urgency_follows_the_status_through_save_update_and_bulk_create(agencies):
    dmx = Agency.objects.get(abbr="DMX")
    case = Case.objects.create(
        code="U-1", agency=dmx, channel="hotline_919", registered_on=dt.date(2024, 1, 1)
    )
    case.refresh_from_db()
    assert case.urgency == URGENCY.index("open")
    for status in STATUSES:
        case.status = status
        case.save(update_fields=["status"])  # as the services' _advance and close_case do
        case.refresh_from_db()
        assert case.urgency == URGENCY.index(status)
    Case.objects.filter(pk=case.pk).update(status="screened")
    assert Case.objects.get(pk=case.pk).urgency == URGENCY.index("screened")
    Case.objects.bulk_create(
        [
            Case(
                code=f"U-B{s}",
                agency=dmx,
                channel="hotline_919",
                status=s,
                registered_on=dt.date(2024, 1, 1),
            )
            for s in STATUSES
        ]
    )
    stored = dict(Case.objects.filter(code__startswith="U-B").values_list("status", "urgency"))
    assert stored == {s: URGENCY.index(s) for s in STATUSES}


def _national(n: int) -> tuple[Agency, Agency]:
    """n cases over five agencies, a third of them DMX's, every status and channel; some cases of
    the others referred to DMX (one twice), some of DMX's referred to another."""
    ags = list(Agency.objects.order_by("pk")[:5])
    dmx = Agency.objects.get(abbr="DMX")
    start = dt.date(2020, 1, 1)
    Case.objects.bulk_create(
        Case(
            code=f"N-{i:05d}",
            agency=dmx if i % 3 == 0 else ags[i % 5],
            status=STATUSES[i % len(STATUSES)],
            channel=Channel.values[i % len(Channel.values)],
            registered_on=start + dt.timedelta(days=i % 400),
        )
        for i in range(n)
    )
    others = list(Case.objects.exclude(agency=dmx).order_by("pk").values_list("pk", flat=True))
    mine = list(Case.objects.filter(agency=dmx).order_by("pk").values_list("pk", flat=True))
    small = ags[1] if ags[1] != dmx else ags[2]
    Referral.objects.bulk_create(
        [Referral(case_id=pk, to_agency=dmx) for pk in others[::17]]
        + [Referral(case_id=others[0], to_agency=dmx)]
        + [Referral(case_id=pk, to_agency=small) for pk in mine[::29]]
    )
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    return dmx, small


def _as_before(user, **filters) -> list[str]:
    """The list as the status ranked by CASE WHEN over the visible cases, sorted."""
    rank = DbCase(
        *[When(status=s, then=Value(i)) for i, s in enumerate(URGENCY)],
        default=Value(len(URGENCY)),
        output_field=IntegerField(),
    )
    visible = selectors.cases_visible_to(user, **filters)
    ranked = visible.annotate(rank=rank).order_by("rank", "registered_on", "code")
    return list(ranked.values_list("code", flat=True))


@pytest.mark.parametrize(
    "filters", [{}, {"status": "closed"}, {"status": "referred"}, {"channel": "hotline_919"}]
)
def test_the_case_list_is_the_same_rows_in_the_same_order_page_by_page(
    filters, agencies, make_user
):
    dmx, small = _national(900)
    for user in (
        make_user("case_worker", "DMX"),
        make_user("supervisor", small.abbr),
        make_user("admin", "DMX"),
    ):
        expected = _as_before(user, **filters)
        assert len(expected) > 10
        assert [c.code for c in selectors.case_list(user, **filters)] == expected
        for start in (0, 10, 40):
            page = selectors.case_list(user, first=start + 10, **filters)[start : start + 10]
            assert [c.code for c in page] == expected[start : start + 10]


def test_the_case_list_shows_each_case_s_persons_and_agency(agencies, make_user, make_case):
    worker = make_user("case_worker", "DMX")
    case = make_case(worker)
    (row,) = selectors.case_list(worker)
    assert (row.code, row.person_count, row.agency.abbr) == (case.code, 1, "DMX")


def _page_sql(user) -> tuple[str, list]:
    page = selectors.case_list(user, first=100)[:100]
    sql, params = page.query.sql_with_params()
    return sql, list(params)


def _sorts_outside_referred(node: dict) -> list[dict]:
    """Sort nodes of a PostgreSQL plan, but for one sorting the referred cases alone."""
    found = []
    if node["Node Type"] == "Sort" and "cases_referral" not in json.dumps(node):
        found.append(node)
    for child in node.get("Plans", []):
        found += _sorts_outside_referred(child)
    return found


def test_on_postgresql_a_case_list_page_is_read_from_the_urgency_indexes_without_a_sort(
    agencies, make_user
):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's plan; SQLite's: the test below")
    _national(6000)
    with connection.cursor() as cur:
        sql, params = _page_sql(make_user("case_worker", "DMX"))
        cur.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        worker = cur.fetchone()[0][0]["Plan"]
        sql, params = _page_sql(make_user("admin", "DMX"))
        cur.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        admin = cur.fetchone()[0][0]["Plan"]
    text = json.dumps(worker)
    assert worker["Plans"][0]["Node Type"] == "Merge Append", text
    assert '"Index Name": "cases_case_agency_urgency"' in text
    assert _sorts_outside_referred(worker) == [], text
    text = json.dumps(admin)
    assert '"Index Name": "cases_case_urgency"' in text
    assert _sorts_outside_referred(admin) == [], text


def test_on_sqlite_a_case_list_page_is_read_from_the_urgency_indexes_without_a_sort(
    agencies, make_user
):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's plan; PostgreSQL's: the test above")
    _national(6000)
    with connection.cursor() as cur:
        cur.execute(
            "EXPLAIN QUERY PLAN " + (q := _page_sql(make_user("case_worker", "DMX")))[0], q[1]
        )
        worker = cur.fetchall()
        cur.execute("EXPLAIN QUERY PLAN " + (q := _page_sql(make_user("admin", "DMX")))[0], q[1])
        admin = "\n".join(r[-1] for r in cur.fetchall())
    text = "\n".join(r[-1] for r in worker)
    assert "MERGE (UNION ALL)" in text and "USING INDEX cases_case_agency_urgency" in text
    # a sort only inside the referred branch (its rows alone), never over the merged list
    for _node, parent, _n, detail in worker:
        if "TEMP B-TREE" in detail:
            branch = [d for _i, p, _n, d in worker if p == parent]
            assert any("LIST SUBQUERY" in d for d in branch), text
    assert "USING INDEX cases_case_urgency" in admin and "TEMP B-TREE" not in admin, admin
