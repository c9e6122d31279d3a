"""The annex reads the registry's figures through records.stats, also without a user."""

import datetime as dt

import pytest

pytestmark = pytest.mark.django_db


def test_annex_without_user_counts_the_records_of_the_agency(small_plan):
    from ctip.plan.models import Agency
    from ctip.records.models import Activity, Document
    from ctip.reports.stats import annex_tables

    aaa, bbb = Agency.objects.get(abbr="AAA"), Agency.objects.get(abbr="BBB")
    training = Activity.objects.create(
        agency=aaa, kind="training", title="Təlim", start=dt.date(2022, 4, 2), number_trained=9
    )
    training.plan_items.add(small_plan.items.get(code="4.1.6"))
    Activity.objects.create(
        agency=bbb, kind="training", title="Başqa", start=dt.date(2022, 4, 3), number_trained=50
    )
    Document.objects.create(
        agency=aaa, kind="letter", number="1/1", date=dt.date(2022, 2, 1), direction="outgoing"
    )
    period = small_plan.periods.get(code="2022")
    tables = {t.title: t for t in annex_tables(small_plan, period, aaa, lang="en")}
    assert tables["Trainings and people trained"].rows == [["April", "1", "9"], ["Total", "1", "9"]]
    assert tables["Letters and documents"].rows == [["Letter", "0", "1", "0", "1"]]
    assert tables["Activities by sub-item"].rows == [["4.1.6", "1"]]
    assert "Case statistics" not in tables  # the system actor gets no case figures
    assert "<svg" in tables["Trainings and people trained"].chart.svg
