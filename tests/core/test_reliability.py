import os
import signal
import sqlite3
import textwrap
import time

import pytest

pytestmark = pytest.mark.slow

IMPORT = ["import-report", None, "--plan", "NAP-2020-2024", "--agency", "DMX", "--period", "2022"]


def counts(db) -> tuple[int, int]:
    con = sqlite3.connect(db, timeout=30)
    try:
        return (
            con.execute("SELECT count(*) FROM plan_itemreport").fetchone()[0],
            con.execute("SELECT count(*) FROM plan_fact").fetchone()[0],
        )
    finally:
        con.close()


def test_an_import_killed_midway_leaves_nothing_half_written_and_can_be_rerun(
    installation, seed_path
):
    from django.core.management import get_commands

    if "import-report" not in get_commands():
        pytest.skip("`ctip import-report` does not exist yet")
    args = [str(seed_path) if a is None else a for a in IMPORT]
    reference = installation("reference")
    reference.run("migrate", "--noinput")
    started = time.monotonic()
    reference.run(*args)
    duration = time.monotonic() - started
    full = counts(reference.db)
    assert full[0] == 23

    victim = installation("victim")
    victim.run("migrate", "--noinput")
    outcomes = set()
    for fraction in (0.3, 0.45, 0.6, 0.7, 0.8, 0.9):
        if counts(victim.db)[0]:
            break  # an attempt got to commit; the re-run below still has to work
        proc = victim.popen(*args)
        time.sleep(duration * fraction)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        now = counts(victim.db)
        assert now in ((0, 0), full), f"half-written import after SIGKILL: {now}"
        outcomes.add(now[0])
        con = sqlite3.connect(victim.db)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        con.close()
    victim.run(*args)
    assert counts(victim.db) == full


CONCURRENT_WRITERS = textwrap.dedent("""
    import threading
    from django.db import connection, transaction
    from ctip.plan.models import Agency

    print("journal", connection.cursor().execute("PRAGMA journal_mode").fetchone()[0])
    print("busy", connection.cursor().execute("PRAGMA busy_timeout").fetchone()[0])
    errors = []

    def writer(n):
        from django.db import connection as own
        try:
            for i in range(60):
                with transaction.atomic():
                    a = Agency.objects.create(abbr=f"T{n}-{i}", name_az="x")
                    Agency.objects.filter(pk=a.pk).update(name_az="y")
        except Exception as exc:
            errors.append(repr(exc))
        finally:
            own.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads: t.start()
    for t in threads: t.join()
    print("errors", len(errors), errors[:1])
    print("rows", Agency.objects.filter(abbr__startswith="T").count())
""")


def test_sqlite_runs_in_wal_mode_and_concurrent_writers_wait_instead_of_failing(installation):
    inst = installation("wal")
    inst.run("migrate", "--noinput")
    out = dict(
        line.split(" ", 1) for line in inst.shell(CONCURRENT_WRITERS).splitlines() if " " in line
    )
    assert out["journal"] == "wal"
    assert int(out["busy"]) >= 5000
    assert out["errors"].startswith("0"), out["errors"]
    assert out["rows"] == "240"
