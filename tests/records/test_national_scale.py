"""Reads that must stay one query per table at national scale: stored search keys, statistics
counted in the database, the activities list without narratives."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ctip.records import selectors, stats
from ctip.records.models import ActivityParticipation, Document, Topic

pytestmark = pytest.mark.django_db


def test_search_keys_are_kept_on_every_save_even_a_partial_one(make_document):
    doc = make_document("5/1", subject="Qurbanların reabilitasiyası")
    assert " qurban" in doc.search_text
    doc.subject = "Monitorinq nəticələri"
    doc.save(update_fields=["subject"])
    stored = Document.objects.get(pk=doc.pk).search_text
    assert " monitorinq" in stored and "qurban" not in stored


def test_registry_search_reads_the_stored_keys_in_one_query(make_document, make_user):
    make_document("1/1", subject="QURBANLARIN reabilitasiyası haqqında")
    make_document("1/2", subject="Təlim kursu")
    user = make_user("coordinator", agency=None)
    with CaptureQueriesContext(connection) as queries:
        found = list(
            selectors.documents_visible_to(user, text="qurbanlar").values_list("number", flat=True)
        )
    assert found == ["1/1"]
    # the rows, after (on SQLite) a look for the FTS5 index and a bounded count of the word's
    # matches there (rare: read from the index, common: scan): no pass in Python
    assert len(queries) <= 3


def _trainings(make_activity, n: int, topic):
    for i in range(n):
        a = make_activity(title=f"Təlim {i}", start=dt.date(2022, 1 + i % 12, 1))
        a.topics.add(topic)
        ActivityParticipation.objects.create(activity=a, agency=a.agency, women=2, men=1, total=3)


def _stats_queries(user) -> int:
    with CaptureQueriesContext(connection) as queries:
        stats.trainings_by_topic(user, period="2022")
        stats.trainings_by_month(user, period="2022")
        stats.training_totals(user, period="2022")
        stats.activities_by_item(user, period="2022")
        stats.activities_by_kind(user, period="2022")
    return len(queries)


def test_statistics_do_not_read_row_by_row(make_activity, make_user):
    topic = Topic.objects.first()
    user = make_user("coordinator", agency=None)
    _trainings(make_activity, 2, topic)
    few = _stats_queries(user)
    _trainings(make_activity, 12, topic)
    assert _stats_queries(user) == few
    (row,) = stats.trainings_by_topic(user, period="2022")
    assert (row["label"], row["value"], row["trained"]) == (topic.name, 14, 42)
    totals = stats.training_totals(user, period="2022")
    assert (totals["trainings"], totals["trained"], totals["women"], totals["men"]) == (
        14,
        42,
        28,
        14,
    )


def test_number_trained_wins_over_the_participants_total(make_activity, make_user):
    user = make_user("coordinator", agency=None)
    a = make_activity(number_trained=40)
    ActivityParticipation.objects.create(activity=a, agency=a.agency, total=3)
    make_activity(title="Without anyone listed")
    assert stats.training_totals(user, period="2022")["trained"] == 40
    assert [r["trained"] for r in stats.trainings_by_month(user, period="2022")] == [40]


def test_the_activities_list_leaves_the_narratives_out(make_activity, make_user):
    make_activity()
    user = make_user("coordinator", agency=None)
    (a,) = selectors.activities_listed(user)
    assert "narrative_az" in a.get_deferred_fields()
    assert a.participants_total is None and a.agency.abbr == "DMX"


def test_an_agencys_due_list_has_its_registered_issued_and_received_open_tasks(
    make_document, make_user
):
    from ctip.plan.models import Agency

    dmx, other = Agency.objects.get(abbr="DMX"), Agency.objects.exclude(abbr="DMX").first()
    due = dt.date(2022, 4, 1)
    registered = make_document("1/1", due_date=due + dt.timedelta(days=2))
    issued = make_document("1/2", agency=other.abbr, issuer=dmx, due_date=due)
    received = make_document("1/3", agency=other.abbr, issuer=other, due_date=due)
    received.recipients.add(dmx, other)
    make_document("1/4", due_date=due, completed_on=due)  # done
    make_document("1/5", agency=other.abbr, issuer=other, due_date=due)  # not DMX's
    make_document("1/6")  # no due date
    user = make_user("coordinator", agency=None)
    found = list(selectors.documents_due(user, agency="DMX"))
    assert found == [issued, received, registered]
    assert list(selectors.documents_due(user, agency="NOSUCH")) == []
    assert len(selectors.documents_due(user)) == 4


def test_on_postgresql_the_registry_search_has_trigram_indexes_for_each_branch():
    if connection.vendor != "postgresql":
        pytest.skip(
            "trigram indexes are PostgreSQL's; SQLite's FTS5 ones: test_selectors_search_fts.py"
        )
    with connection.cursor() as cur:
        cur.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'records_document'"
        )
        defs = dict(cur.fetchall())
    for name, column in [
        ("records_doc_search_trgm", "search_text"),
        ("records_doc_number_trgm", "upper((number)::text)"),
        ("records_doc_issuer_trgm", "issuer_key"),
    ]:
        assert "gin_trgm_ops" in defs[name] and column in defs[name]


@pytest.mark.parametrize(
    "url",
    [
        "/records/documents/",
        "/records/activities/",
        "/records/due/",
        "/records/stats/",
        "/records/recommendations/",
    ],
)
def test_list_pages_name_their_agencies_without_a_query_each(url, make_user, make_agency, login_as):
    client = login_as(make_user("coordinator", agency=None))

    def queries() -> int:
        with CaptureQueriesContext(connection) as seen:
            assert client.get(url).status_code == 200
        return len(seen)

    client.get(url)
    before = queries()
    for i in range(12):
        make_agency(f"AG{i}", name_az=f"Agentlik {i}")
    assert queries() == before


def test_the_activities_list_names_each_row_s_agency_without_a_query_each(
    make_activity, make_user, login_as
):
    from ctip.plan.models import Agency

    client = login_as(make_user("coordinator", agency=None))

    def queries() -> int:
        with CaptureQueriesContext(connection) as seen:
            page = client.get("/records/activities/")
        assert page.status_code == 200
        return len(seen)

    make_activity()
    client.get("/records/activities/")
    before = queries()
    for agency in Agency.objects.exclude(abbr="DMX")[:8]:
        make_activity(agency=agency.abbr, title=f"{agency.abbr} tədbiri")
    assert queries() == before


def test_a_period_s_trainings_are_picked_from_an_index_alone(make_activity, make_user):
    """The statistics pick a period's trainings in a subquery of each figure; on an index of
    kind and start it reads no activity row (15 ms -> under 1 ms at national scale)."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's EXPLAIN QUERY PLAN is read here; PostgreSQL plans by its statistics")
    make_activity()
    user = make_user("coordinator", agency=None)
    with CaptureQueriesContext(connection) as seen:
        stats.training_totals(user, period="2022")
        stats.trainings_by_topic(user, period="2022")
    picking = [q["sql"] for q in seen if 'FROM "records_activity" U0 WHERE (U0."kind"' in q["sql"]]
    assert picking
    with connection.cursor() as cursor:
        for sql in picking:
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            plan = [row[-1] for row in cursor.fetchall() if " U0 " in row[-1]]
            assert plan and all("COVERING INDEX" in step for step in plan), (sql, plan)


def test_a_period_s_training_averages_come_from_an_index_alone(make_activity, make_user):
    """The average test results and rating of a period's trainings are read from the index of
    kind and start, which carries them: no activity row read (13 of the page's 56 ms on
    PostgreSQL at national scale, reading 5,000 rows for three averages)."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's EXPLAIN QUERY PLAN is read here; PostgreSQL plans by its statistics")
    make_activity()
    user = make_user("coordinator", agency=None)
    with CaptureQueriesContext(connection) as seen:
        totals = stats.training_totals(user, period="2022")
    assert totals["trainings"] == 1
    averages = [q["sql"] for q in seen if 'AVG("records_activity"."pre_test_avg")' in q["sql"]]
    assert len(averages) == 1
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + averages[0])
        plan = [row[-1] for row in cursor.fetchall() if "records_activity" in row[-1]]
    assert plan and all("COVERING INDEX" in step for step in plan), plan


def test_the_registry_home_counts_overdue_tasks_without_reading_them(
    make_document, make_user, login_as
):
    """The home page's "overdue" figure is one count in the database: it built every open task
    of the country with its recipients and items (5 s at national scale) to count them."""
    from django.utils import timezone

    today = timezone.localdate()
    for i in range(3):
        make_document(f"O/{i}", due_date=today - dt.timedelta(days=1 + i))  # overdue
    make_document("S/1", due_date=today + dt.timedelta(days=3))  # due soon
    make_document("D/1", due_date=today - dt.timedelta(days=9), completed_on=today)  # done
    client = login_as(make_user("coordinator", agency=None))
    with CaptureQueriesContext(connection) as seen:
        response = client.get("/records/")
    assert response.status_code == 200 and response.context["overdue"] == 3
    reads = [q["sql"] for q in seen if 'FROM "records_document"' in q["sql"]]
    assert reads and all(sql.startswith("SELECT COUNT(") for sql in reads), reads
