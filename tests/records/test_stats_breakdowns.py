"""The breakdowns the report annex reads from records.stats, and the system actor (None)."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from ctip.records import stats
from ctip.records.models import Recommendation

pytestmark = pytest.mark.django_db


def test_system_actor_counts_every_record_and_anonymous_counts_none(make_activity, plan_2022):
    make_activity(number_trained=12)
    assert stats.training_totals(None, period="2022")["trained"] == 12
    assert stats.training_totals(AnonymousUser(), period="2022")["trainings"] == 0


def test_trainings_by_month_counts_trainings_and_people(make_activity, plan_2022):
    make_activity(start=dt.date(2022, 5, 3), number_trained=10)
    no_number = make_activity(start=dt.date(2022, 5, 20), number_trained=None)
    no_number.participations.create(women=2, men=3, total=5)
    make_activity(start=dt.date(2022, 3, 1), number_trained=4)
    make_activity(start=dt.date(2022, 3, 2), kind="meeting_event", number_trained=99)
    make_activity(start=dt.date(2022, 6, 1), agency="DİN", number_trained=7)
    rows = stats.trainings_by_month(None, period=plan_2022, agency="DMX")
    assert [(r["month"], r["value"], r["trained"]) for r in rows] == [(3, 1, 4), (5, 2, 15)]
    assert rows[0]["label"] == "mart"


def test_documents_by_kind_counts_the_owner_agency_by_direction(make_document, plan_2022):
    make_document("L/1", direction="outgoing")
    make_document("L/2", direction="incoming")
    make_document("Q/1", kind="decision")
    make_document("X/1", agency="DİN", direction="outgoing")  # DMX is its issuer, not its owner
    make_document("L/9", date=dt.date(2021, 5, 1))
    rows = stats.documents_by_kind(None, period=plan_2022, agency="DMX")
    assert [(r["kind"], r["incoming"], r["outgoing"], r["other"], r["value"]) for r in rows] == [
        ("decision", 0, 0, 1, 1),
        ("letter", 1, 1, 0, 2),
    ]


def test_activities_by_item_keeps_to_the_plan(make_activity, plan_2022):
    from ctip.plan.services import ensure_item, get_or_create_plan

    other_plan, _ = get_or_create_plan("NAP-2025-2029")
    other_item, _ = ensure_item(other_plan, "4.1.1", "Başqa planın yarımbəndi", from_report=False)
    activity = make_activity()
    activity.plan_items.add(plan_2022.plan.items.get(code="4.1.1"), other_item)
    rows = stats.activities_by_item(None, period="2022", plan=plan_2022.plan)
    assert [(r["label"], r["value"]) for r in rows] == [("4.1.1", 1)]


def test_recommendations_to_date_are_cumulative_and_by_responsible(agencies):
    from ctip.plan.models import Agency

    dmx, din = Agency.objects.get(abbr="DMX"), Agency.objects.get(abbr="DİN")
    old = Recommendation.objects.create(source="greta", year=2019, text="a", status="implemented")
    now = Recommendation.objects.create(source="greta", year=2022, text="b", status="open")
    later = Recommendation.objects.create(source="greta", year=2023, text="c", status="open")
    for rec in (old, now, later):
        rec.responsible.add(dmx, din)
    Recommendation.objects.create(source="greta", year=2022, text="d", status="open", agency=dmx)
    counts = {
        r["status"]: r["value"]
        for r in stats.recommendations_to_date(None, year=2022, agency="DMX")
    }
    assert counts["implemented"] == 1 and counts["open"] == 1 and counts["partially"] == 0
