"""The due list (selectors.documents_due): an agency's open tasks, registered, issued or received,
soonest first, read a page at a time from indexes in due order on SQLite and PostgreSQL."""

import datetime as dt
import json

import pytest
from django.db import connection
from django.db.models import Q

from ctip.plan.models import Agency
from ctip.records import selectors
from ctip.records.models import Document

pytestmark = pytest.mark.django_db

DUE = dt.date(2022, 4, 1)


def _doc(i: int, agency: Agency, issuer: Agency | None, **fields) -> Document:
    return Document(
        kind="resolution",
        number=f"{i % 7}/{i}",
        date=dt.date(2022, 1, 1),
        agency=agency,
        issuer=issuer,
        issuer_name="" if issuer else f"Xarici {i}",
        issuer_key=issuer.abbr if issuer else f"xarici {i}",
        **fields,
    )


def _mixed_registry(n: int) -> list[Agency]:
    """n documents over four agencies: own, issued for another, received, received and own,
    no issuer, completed, without a due date; due dates repeating so that numbers break ties."""
    ags = list(Agency.objects.order_by("pk")[:4])
    docs = []
    for i in range(n):
        owner, other = ags[i % 4], ags[(i // 4) % 4]
        due = DUE + dt.timedelta(days=i % 37) if i % 11 else None
        issuer = None if i % 13 == 0 else (other if i % 3 == 0 else owner)
        completed = due if due and i % 5 == 0 else None
        docs.append(_doc(i, owner, issuer, due_date=due, completed_on=completed))
    Document.objects.bulk_create(docs)
    through = Document.recipients.through
    ids = list(Document.objects.order_by("pk").values_list("pk", flat=True))
    through.objects.bulk_create(
        [through(document_id=pk, agency_id=ags[(k // 2) % 4].pk) for k, pk in enumerate(ids)]
        + [through(document_id=pk, agency_id=ags[(k + 1) % 4].pk) for k, pk in enumerate(ids)],
        ignore_conflicts=True,
    )
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    return ags


def _as_before(agency: Agency) -> list[int]:
    """The due list as one OR over every open task, sorted: what the index reading must equal."""
    received = Document.recipients.through.objects.filter(agency=agency).values("document_id")
    return list(
        Document.objects.filter(due_date__isnull=False, completed_on__isnull=True)
        .filter(Q(agency=agency) | Q(issuer=agency) | Q(pk__in=received))
        .order_by("due_date", "number")
        .values_list("pk", flat=True)
    )


def test_an_agencys_due_list_is_the_same_rows_in_the_same_order_page_by_page(agencies, make_user):
    ags = _mixed_registry(600)
    user = make_user("coordinator", agency=None)
    for agency in ags:
        expected = _as_before(agency)
        assert 50 < len(expected) < 600
        assert [d.pk for d in selectors.documents_due(user, agency=agency)] == expected
        assert selectors.documents_due(user, agency=agency).count() == len(expected)
        for start in (0, 50, 100):
            first = selectors.documents_due(user, agency=agency.abbr, first=start + 50)
            assert [d.pk for d in first[start : start + 50]] == expected[start : start + 50]


def test_a_task_both_registered_issued_and_received_by_the_agency_is_listed_once(
    make_document, agencies, make_user
):
    dmx, other = Agency.objects.get(abbr="DMX"), Agency.objects.exclude(abbr="DMX").first()
    mine = make_document("2/1", due_date=DUE)  # registered and issued by DMX
    mine.recipients.add(dmx, other)
    theirs = make_document("2/2", agency=other.abbr, issuer=None, issuer_name="Nazirlik")
    theirs.due_date = DUE
    theirs.save()
    theirs.recipients.add(dmx)
    user = make_user("coordinator", agency=None)
    assert list(selectors.documents_due(user, agency=dmx)) == [mine, theirs]
    assert list(selectors.documents_due(user, agency=other)) == [mine, theirs]


def _page_sql(agency: Agency) -> tuple[str, list]:
    page = selectors.documents_due(None, agency=agency, first=50)[:50]
    sql, params = page.query.sql_with_params()
    return sql, list(params)


def _sorts_outside_received(node: dict) -> list[dict]:
    """Sort nodes of a PostgreSQL plan, but for those sorting the received branch alone."""
    found = []
    if node["Node Type"] == "Sort" and "records_document_recipients" not in json.dumps(node):
        found.append(node)
    for child in node.get("Plans", []):
        found += _sorts_outside_received(child)
    return found


def test_on_postgresql_a_due_page_is_merged_from_the_branch_indexes_without_a_sort(agencies):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's plan; SQLite's: the test below")
    ags = _mixed_registry(4000)
    sql, params = _page_sql(ags[0])
    with connection.cursor() as cur:
        cur.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cur.fetchone()[0][0]["Plan"]
    text = json.dumps(plan)
    assert plan["Node Type"] == "Limit"
    assert plan["Plans"][0]["Node Type"] == "Merge Append", text
    assert '"Index Name": "records_doc_due_agency"' in text
    assert '"Index Name": "records_doc_due_issuer"' in text
    assert _sorts_outside_received(plan) == [], text


def test_on_sqlite_a_due_page_is_merged_from_the_branch_indexes_without_a_sort(agencies):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's plan; PostgreSQL's: the test above")
    ags = _mixed_registry(4000)
    sql, params = _page_sql(ags[0])
    with connection.cursor() as cur:
        cur.execute("EXPLAIN QUERY PLAN " + sql, params)
        rows = cur.fetchall()
    text = "\n".join(r[-1] for r in rows)
    assert "MERGE (UNION ALL)" in text
    assert "USING INDEX records_doc_due_agency" in text
    assert "USING INDEX records_doc_due_issuer" in text
    # a sort only inside the received branch (its rows alone), never over the merged list
    parents = {r[0]: r[1] for r in rows}
    for _node, parent, _n, detail in rows:
        if "TEMP B-TREE" in detail:
            branch = [d for _i, p, _n, d in rows if p == parent]
            assert any("records_document_recipients" in d or "LIST SUBQUERY" in d for d in branch)
            assert parents[parent] != 0, text
