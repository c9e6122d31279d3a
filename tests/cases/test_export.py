"""k-anonymous export: no combination of exported values occurs fewer than k times."""

import csv
import io
import json
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctip.cases.export import COLUMNS, CONTROL_COLUMNS, EXPLOITATION_COLUMNS, k_anonymize


def _row(year, sex, age, cit, country, controls, forms, recruiter):
    row = {
        "yearOfRegistration": str(year),
        "gender": sex,
        "ageBroad": age,
        "citizenship": cit,
        "CountryOfExploitation": country,
        "recruiterRelation": recruiter,
    }
    for m, col in CONTROL_COLUMNS.items():
        row[col] = "1" if m in controls else "0"
    for e, col in EXPLOITATION_COLUMNS.items():
        row[col] = "1" if e in forms else "0"
    return row


rows_strategy = st.lists(
    st.builds(
        _row,
        st.integers(2016, 2026),
        st.sampled_from(["female", "male", "unknown"]),
        st.sampled_from(["0--8", "9--17", "18--20", "21--23", "30--38", "48+", ""]),
        st.sampled_from(["AZ", "AZ", "AZ", "UZ", "TJ", "NP", "IN", "KG", ""]),
        st.sampled_from(["AZ", "TR", "AE", "RU", ""]),
        st.sets(st.sampled_from(list(CONTROL_COLUMNS)), max_size=3),
        st.sets(
            st.sampled_from(["forced_labour", "sexual_exploitation", "forced_begging"]), max_size=2
        ),
        st.sampled_from(["employer", "friend", "family", ""]),
    ),
    min_size=0,
    max_size=400,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=rows_strategy, k=st.integers(2, 15))
def test_every_combination_occurs_at_least_k_times(rows, k):
    out, report = k_anonymize(rows, k)
    counts = Counter(tuple(r[c] for c in COLUMNS) for r in out)
    assert all(n >= k for n in counts.values())
    assert report["output"] + report["suppressed"] == len(rows) == report["input"]


def test_generalization_comes_before_suppression():
    rows = [
        _row(
            2020 + i % 5,
            "female",
            "21--23" if i % 2 else "24--26",
            "AZ",
            "TR",
            set(),
            {"forced_labour"},
            "",
        )
        for i in range(60)
    ]
    out, report = k_anonymize(rows, 11)
    assert report["generalizations"] and report["suppressed"] == 0
    assert {r["ageBroad"] for r in out} == {"18+"}  # bands widened rather than rows dropped
    assert len({r["yearOfRegistration"] for r in out}) == 5  # years kept: no further step needed


def test_rare_citizenships_become_other():
    rows = [_row(2022, "male", "30--38", "AZ", "AZ", set(), set(), "") for _ in range(30)]
    rows += [
        _row(2022, "male", "30--38", c, "AZ", set(), set(), "")
        for c in ["NP"] * 3 + ["IN"] * 3 + ["KG"] * 3 + ["UZ"] * 3
    ]
    out, report = k_anonymize(rows, 11)
    assert Counter(r["citizenship"] for r in out) == {"AZ": 30, "Other": 12}
    assert report["suppressed"] == 0


def test_command_writes_csv_and_json_and_reports_suppression(db, make_case, tmp_path, capsys):
    from ctip.cases import services
    from ctip.cases.models import Case

    for _ in range(13):
        make_case()
    case = Case.objects.first()
    services.set_case_details(
        case.created_by, case, exploitation=["forced_labour"], control_methods=[]
    )
    target = tmp_path / "out.csv"
    call_command("export-cases", "--format", "csv", "-o", str(target), "--k", "11")
    msg = capsys.readouterr().out
    assert "suppressed" in msg and "k=11" in msg
    rows = list(csv.DictReader(io.StringIO(target.read_text())))
    assert list(rows[0]) == COLUMNS if rows else True
    counts = Counter(tuple(r[c] for c in COLUMNS) for r in rows)
    assert all(n >= 11 for n in counts.values())
    assert "Zümrüd" not in target.read_text()
    call_command("export-cases", "--format", "json", "--k", "5")
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, list) and len(data) >= 5


def test_command_refuses_bad_k(db):
    with pytest.raises(CommandError) as exc:
        call_command("export-cases", "--k", "1")
    assert exc.value.returncode == 2


def test_person_rows_read_statistics_only_never_sealed_columns(db, make_case):
    """The export builds its rows from the statistical columns alone: the query names no sealed
    column (nothing personal is loaded or decrypted), and the row says what the case says."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ctip.cases import services
    from ctip.cases.export import person_rows
    from ctip.cases.models import Case, Person
    from ctip.cases.selectors import age_band

    make_case()
    case = Case.objects.get()
    services.set_case_details(
        case.created_by,
        case,
        exploitation=["forced_labour"],
        control_methods=["threats"],
        country_of_exploitation="TR",
    )
    person = Person.objects.get()
    with CaptureQueriesContext(connection) as queries:
        (row,) = person_rows(Person.objects.filter(case__isnull=False))
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    for sealed in ("given_name", "surname", "patronymic", "date_of_birth", "address", "summary"):
        assert sealed not in sql
    assert row["yearOfRegistration"] == str(case.registered_on.year)
    assert row["gender"] == "female" and row["citizenship"] == "AZ"
    assert row["ageBroad"] == age_band(person.age_at_registration)
    assert row["CountryOfExploitation"] == "TR"
    assert row[CONTROL_COLUMNS["threats"]] == "1"
    assert row[EXPLOITATION_COLUMNS["forced_labour"]] == "1"
    assert sum(row[c] == "1" for c in EXPLOITATION_COLUMNS.values()) == 1
    assert list(row) == COLUMNS
