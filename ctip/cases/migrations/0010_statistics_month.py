"""Statistics kept per registration month (cases.tallies): each month's change token, set anew
by triggers on every write to the cases, persons and referrals registered in that month.

SQLite: row triggers. PostgreSQL: statement triggers over the changed rows (transition tables),
so a bulk insert of many rows touches each month's token once."""

from django.db import migrations, models

TABLES = ("cases_case", "cases_person", "cases_referral")

# --- SQLite ----------------------------------------------------------------------------------


def _sqlite_month(row: str) -> str:
    return f"COALESCE(CAST(strftime('%Y%m', {row}.registered_on) AS INTEGER), 0)"


def _sqlite_touch(table: str, row: str) -> str:
    if table == "cases_referral":
        month = f"(SELECT {_sqlite_month('c')} FROM cases_case c WHERE c.id = {row}.case_id)"
    else:
        month = _sqlite_month(row)
    return (
        f"INSERT INTO cases_statisticsmonth (month, token) SELECT {month}, random() "
        f"WHERE {month} IS NOT NULL ON CONFLICT (month) DO UPDATE SET token = excluded.token;"
    )


def _sqlite_forward() -> list[str]:
    sql = []
    for table in TABLES:
        for op, rows in (("INSERT", ["NEW"]), ("UPDATE", ["OLD", "NEW"]), ("DELETE", ["OLD"])):
            body = " ".join(_sqlite_touch(table, r) for r in rows)
            sql.append(
                f"CREATE TRIGGER {table}_statistics_{op.lower()} AFTER {op} ON {table} "
                f"FOR EACH ROW BEGIN {body} END"
            )
    return sql


def _sqlite_backward() -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {t}_statistics_{op}"
        for t in TABLES
        for op in ("insert", "update", "delete")
    ]


# --- PostgreSQL --------------------------------------------------------------------------------


def _pg_month(row: str) -> str:
    return f"COALESCE(to_char({row}.registered_on, 'YYYYMM')::int, 0)"


def _pg_touch(table: str, rows: str) -> str:
    if table == "cases_referral":
        source, month = f"{rows} r JOIN cases_case c ON c.id = r.case_id", _pg_month("c")
    else:
        source, month = f"{rows} r", _pg_month("r")
    return (
        "INSERT INTO cases_statisticsmonth (month, token) "
        "SELECT m, (random() * 4e18)::bigint "
        f"FROM (SELECT DISTINCT {month} AS m FROM {source}) t "
        "ON CONFLICT (month) DO UPDATE SET token = EXCLUDED.token;"
    )


def _pg_forward() -> list[str]:
    sql = []
    for table in TABLES:
        sql.append(
            f"CREATE FUNCTION {table}_statistics_touch() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN IF TG_OP <> 'DELETE' THEN {_pg_touch(table, 'new_rows')} END IF; "
            f"IF TG_OP <> 'INSERT' THEN {_pg_touch(table, 'old_rows')} END IF; "
            "RETURN NULL; END $$"
        )
        for op, referencing in (
            ("INSERT", "NEW TABLE AS new_rows"),
            ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
            ("DELETE", "OLD TABLE AS old_rows"),
        ):
            sql.append(
                f"CREATE TRIGGER {table}_statistics_{op.lower()} AFTER {op} ON {table} "
                f"REFERENCING {referencing} FOR EACH STATEMENT "
                f"EXECUTE FUNCTION {table}_statistics_touch()"
            )
    return sql


def _pg_backward() -> list[str]:
    return [f"DROP FUNCTION IF EXISTS {t}_statistics_touch() CASCADE" for t in TABLES]


# --- both --------------------------------------------------------------------------------------


def _seed(vendor: str) -> str:
    """A token for every month that has a case or a person already."""
    if vendor == "sqlite":
        case, person, token = _sqlite_month("c"), _sqlite_month("p"), "random()"
    else:
        case, person, token = _pg_month("c"), _pg_month("p"), "(random() * 4e18)::bigint"
    return (
        f"INSERT INTO cases_statisticsmonth (month, token) SELECT m, {token} FROM "
        f"(SELECT {case} AS m FROM cases_case c UNION SELECT {person} FROM cases_person p) t"
    )


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = _sqlite_forward() if vendor == "sqlite" else _pg_forward()
    for sql in [_seed(vendor), *statements]:
        schema_editor.execute(sql, params=None)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in _sqlite_backward() if vendor == "sqlite" else _pg_backward():
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0009_statistics_and_start_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="StatisticsMonth",
            fields=[
                ("month", models.PositiveIntegerField(primary_key=True, serialize=False)),
                ("token", models.BigIntegerField()),
            ],
            options={
                "ordering": ["month"],
            },
        ),
        migrations.RunPython(forward, backward),
        # every year's figures now add up the months': the indexes for grouping them all go
        migrations.RemoveIndex(model_name="case", name="cases_case_kinds"),
        migrations.RemoveIndex(model_name="case", name="cases_case_exploitation_all"),
        migrations.RemoveIndex(model_name="person", name="cases_person_all_stats"),
    ]
