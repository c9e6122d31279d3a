"""Data migrations of cases, run on rows written under the schema before them."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("cases", "0006_statistics_exploitation_index")]
AFTER = [("cases", "0007_person_registered_on")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_persons_get_the_registration_date_of_their_case_or_else_their_intake():
    apps = _migrate(BEFORE)
    try:
        agency = apps.get_model("plan", "Agency").objects.create(abbr="TST", name_az="Sınaq")
        Intake = apps.get_model("cases", "Intake")
        Case = apps.get_model("cases", "Case")
        Person = apps.get_model("cases", "Person")
        intake = Intake.objects.create(
            agency=agency, channel="hotline_919", received_on=dt.date(2021, 5, 4)
        )
        case = Case.objects.create(
            code="T-2019-1", agency=agency, channel="hotline_919", registered_on=dt.date(2019, 2, 1)
        )
        Person.objects.create(case=case, intake=intake, number=1)
        Person.objects.create(intake=intake, number=2)
        Person.objects.create(number=3)
        apps = _migrate(AFTER)
    finally:
        _migrate(_leaves())
    dates = dict(apps.get_model("cases", "Person").objects.values_list("number", "registered_on"))
    assert dates == {1: dt.date(2019, 2, 1), 2: dt.date(2021, 5, 4), 3: None}


def _leaves():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_every_month_with_cases_or_persons_gets_a_statistics_token():
    apps = _migrate([("cases", "0009_statistics_and_start_indexes")])
    try:
        agency = apps.get_model("plan", "Agency").objects.create(abbr="TST", name_az="Sınaq")
        Case = apps.get_model("cases", "Case")
        Person = apps.get_model("cases", "Person")
        case = Case.objects.create(
            code="T-2019-1", agency=agency, channel="hotline_919", registered_on=dt.date(2019, 2, 1)
        )
        Person.objects.create(case=case, number=1, registered_on=dt.date(2019, 2, 1))
        Person.objects.create(number=2, registered_on=dt.date(2021, 5, 4))
        Person.objects.create(case=case, number=3)
        apps = _migrate([("cases", "0010_statistics_month")])
        Month = apps.get_model("cases", "StatisticsMonth")
        tokens = dict(Month.objects.values_list("month", "token"))
        assert set(tokens) == {0, 201902, 202105} and len(set(tokens.values())) == 3
        Case.objects.filter(pk=case.pk).update(status="closed")  # the triggers are in place
        after = dict(Month.objects.values_list("month", "token"))
        assert after[201902] != tokens[201902] and after[202105] == tokens[202105]
    finally:
        _migrate(_leaves())
