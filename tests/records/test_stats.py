"""Statistics count what was recorded (the charts themselves: tests/core/test_charts.py)."""

import datetime as dt

import pytest

from ctip.records import stats
from ctip.records.models import Activity

pytestmark = pytest.mark.django_db


def _training_post(user, period, topic):
    return {
        "agency": user.agency_id,
        "kind": "training",
        "title": "Sərhədçilər üçün təlim",
        "start": "2022-04-12",
        "end": "2022-04-13",
        "period": period.pk,
        "narrative_az": "İki günlük təlim keçirilmişdir.",
        "topics": [topic.pk],
        "trainers": "İki təlimçi",
        "number_trained": "18",
        "pre_test_avg": "45.5",
        "post_test_avg": "82",
        "trainer_rating": "4.5",
        "p-TOTAL_FORMS": "2",
        "p-INITIAL_FORMS": "0",
        "p-MIN_NUM_FORMS": "0",
        "p-MAX_NUM_FORMS": "1000",
        "p-0-agency": user.agency_id,
        "p-0-women": "5",
        "p-0-men": "9",
        "p-0-total": "14",
        "p-1-agency_name": "Könüllülər",
        "p-1-women": "2",
        "p-1-men": "4",
        "p-1-total": "6",
    }


def test_training_recorded_through_the_form_appears_in_stats(plan_2022, topic, make_user, login_as):
    user = make_user("focal_point", agency="DMX")
    client = login_as(user)
    before = client.get("/records/stats/", {"period": "2022", "agency": "DMX"})
    assert before.context["totals"]["trainings"] == 0
    response = client.post("/records/activities/new/", _training_post(user, plan_2022, topic))
    assert response.status_code == 302, response.context["form"].errors
    activity = Activity.objects.get()
    assert activity.participants_total == 20 and activity.topics.get() == topic

    page = client.get("/records/stats/", {"period": "2022", "agency": "DMX"})
    assert page.status_code == 200
    totals = page.context["totals"]
    assert totals["trainings"] == 1 and totals["trained"] == 18
    assert (totals["women"], totals["men"]) == (7, 13)
    assert totals["pre_test_avg"] == 45.5 and totals["post_test_avg"] == 82.0
    assert page.context["by_topic"] == [{"label": topic.name, "value": 1, "trained": 18}]
    html = page.content.decode()
    assert "<svg" in html and topic.name in html and 'id="stat-trained">18<' in html
    assert "style=" not in html.split("<main", 1)[1]

    other = client.get("/records/stats/", {"period": "2021", "agency": "DMX"})
    assert other.context["totals"]["trainings"] == 0
    assert (
        client.get("/records/stats/", {"period": "2022", "agency": "DİN"}).context["totals"][
            "trainings"
        ]
        == 0
    )


def test_stats_functions(make_activity, make_document, plan_2022, topic, agencies):
    from django.contrib.auth import get_user_model

    from ctip.plan.models import Agency, PlanItem
    from ctip.records.models import Recommendation

    user = get_user_model().objects.create_user("an", password="x-very-long-pw", role="analyst")
    a = make_activity(number_trained=None)
    a.topics.add(topic)
    a.participations.create(women=3, men=2, total=5)
    a.plan_items.add(PlanItem.objects.get(code="4.1.1"))
    make_activity(title="Görüş", kind="meeting_event").plan_items.add(
        PlanItem.objects.get(code="4.1.1")
    )
    letter = make_document("L/1", direction="outgoing")
    letter.recipients.add(Agency.objects.get(abbr="DİN"))
    make_document("L/2", direction="outgoing", recipient_names="Bələdiyyə")
    make_document("L/3", direction="incoming")
    Recommendation.objects.create(source="greta", year=2022, text="t", status="open")
    Recommendation.objects.create(source="greta", year=2022, text="t2", status="implemented")
    Recommendation.objects.create(source="greta", year=2019, text="t3", status="implemented")

    assert stats.trainings_by_topic(user, period="2022") == [
        {"label": topic.name, "value": 1, "trained": 5}
    ]
    assert {r["label"]: r["value"] for r in stats.letters_by_recipient(user, period="2022")} == {
        "DİN": 1,
        "Bələdiyyə": 1,
    }
    by_item = stats.activities_by_item(user, period="2022")
    assert by_item[0]["label"] == "4.1.1" and by_item[0]["value"] == 2
    by_status = {
        r["status"]: r["value"] for r in stats.recommendations_by_status(user, period="2022")
    }
    assert by_status["open"] == 1 and by_status["implemented"] == 1
    assert stats.trainings_by_topic(user, period="2022", agency="NOPE") == []


def test_timeline_groups_activities_by_month(make_activity, make_user, login_as, plan_2022):
    make_activity(title="Mart tədbiri", start=dt.date(2022, 3, 3)).plan_items.add(
        plan_2022.plan.items.get(code="4.1.1")
    )
    make_activity(title="Noyabr tədbiri", start=dt.date(2022, 11, 20))
    make_activity(title="Köhnə tədbir", start=dt.date(2021, 11, 20))
    client = login_as(make_user("analyst", agency="MK"))
    response = client.get("/records/timeline/", {"period": "2022"})
    months = [m.first_day for m in response.context["months"]]
    assert months == [dt.date(2022, 3, 1), dt.date(2022, 11, 1)]
    assert "Köhnə tədbir" not in response.content.decode()
    assert "· 4.1.1</span>" in response.content.decode()  # the activity's sub-item


def test_a_busy_month_of_the_timeline_shows_its_first_activities_and_links_the_rest(
    make_activity, make_user, login_as, monkeypatch
):
    """A national year has thousands of activities a month (1.8 s to draw them all): each month
    shows its first few in date order, its total, and a link to the month in the activity list;
    the page's queries do not grow with the activities."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ctip.records import selectors

    monkeypatch.setattr(selectors, "TIMELINE_PER_MONTH", 3)
    for day in (9, 2, 7, 5, 3):
        make_activity(title=f"May {day:02d}", start=dt.date(2022, 5, day))
    make_activity(title="June 01", start=dt.date(2022, 6, 1))
    client = login_as(make_user("analyst", agency="MK"))

    def page():
        with CaptureQueriesContext(connection) as seen:
            response = client.get("/records/timeline/", {"period": "2022"})
        return response, len(seen)

    response, queries = page()
    may, june = response.context["months"]
    assert [a.title for a in may.activities] == ["May 02", "May 03", "May 05"]
    assert (may.total, june.total, len(june.activities)) == (5, 1, 1)
    html = response.content.decode()
    assert "May 07" not in html and "May 09" not in html
    assert "/records/activities/?from=2022-05-01&amp;to=2022-05-31" in html
    for day in range(10, 20):
        make_activity(title=f"May {day}", start=dt.date(2022, 5, day))
    assert page()[1] == queries


def test_the_timeline_groups_by_month_in_the_database_s_own_functions(make_activity, make_user):
    """Months at their edges land right, and the grouping calls no Python per row (Django's
    TruncMonth does on SQLite: 10,000 calls for a national year, a quarter of the page)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ctip.records import selectors

    for day in (dt.date(2022, 1, 31), dt.date(2022, 2, 1), dt.date(2022, 12, 31)):
        make_activity(title=day.isoformat(), start=day)
    with CaptureQueriesContext(connection) as seen:
        months = selectors.timeline(make_user("analyst", agency="MK"), period="2022")
    assert [(m.first_day, [a.title for a in m.activities]) for m in months] == [
        (dt.date(2022, 1, 1), ["2022-01-31"]),
        (dt.date(2022, 2, 1), ["2022-02-01"]),
        (dt.date(2022, 12, 1), ["2022-12-31"]),
    ]
    assert not [q["sql"] for q in seen if "django_date" in q["sql"]]


def test_the_timeline_reads_the_same_queries_for_few_or_many_activities(
    make_activity, make_user, login_as, plan_2022
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    item = plan_2022.plan.items.get(code="4.1.1")
    client = login_as(make_user("analyst", agency="MK"))
    counts = []
    for n in (1, 6):
        while len(item.activities.all()) < n:
            make_activity(start=dt.date(2022, 3, 1 + n)).plan_items.add(item)
        with CaptureQueriesContext(connection) as seen:
            assert client.get("/records/timeline/", {"period": "2022"}).status_code == 200
        counts.append(len(seen))
    assert counts[0] == counts[1], counts
