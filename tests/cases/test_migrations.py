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
