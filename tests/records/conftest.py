import datetime as dt

import pytest


@pytest.fixture
def plan_2022(agencies):
    """A plan with two sub-items and the 2022 period."""
    from ctip.plan.services import ensure_item, get_or_create_period, get_or_create_plan

    plan, _ = get_or_create_plan("NAP-2020-2024")
    ensure_item(plan, "4.1.1", "Sınaq yarımbəndi bir", from_report=False)
    ensure_item(plan, "2.1.2", "Sınaq yarımbəndi iki", from_report=False)
    period, _ = get_or_create_period(plan, "2022")
    return period


@pytest.fixture
def topic(db):
    from ctip.records.models import Topic

    topic, _ = Topic.objects.get_or_create(
        key="identification", defaults={"name_az": "Qurbanların ilkin müəyyən edilməsi"}
    )
    return topic


@pytest.fixture
def make_document(agencies):
    from ctip.plan.models import Agency
    from ctip.records.models import Document

    def make(number="01/1", agency="DMX", kind="letter", date=dt.date(2022, 3, 5), **fields):
        owner = Agency.objects.get(abbr=agency)
        fields.setdefault("issuer", owner)
        return Document.objects.create(kind=kind, number=number, date=date, agency=owner, **fields)

    return make


@pytest.fixture
def make_activity(agencies):
    from ctip.plan.models import Agency
    from ctip.records.models import Activity

    def make(
        agency="DMX", title="Sınaq tədbiri", kind="training", start=dt.date(2022, 5, 1), **fields
    ):
        return Activity.objects.create(
            agency=Agency.objects.get(abbr=agency),
            title=title,
            kind=kind,
            start=start,
            narrative_az="Sınaq mətni.",
            **fields,
        )

    return make
