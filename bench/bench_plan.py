"""Action-plan pages and API at national scale: p50/p95 beside a trivial view (/health) as floor.

    .venv/bin/python bench/bench_plan.py [--scale 1.0] [--keep DIR]
    CTIP_BENCH_PG=postgres://postgres@127.0.0.1:5432/ctip_bench .venv/bin/python bench/bench_plan.py

Runs in-process with Django's test Client on SQLite (a file in a temp dir, or in --keep DIR so
the generated data is reused) and, when CTIP_BENCH_PG is set, on PostgreSQL (the database is
created if missing and reused if it already holds the data). Targets: p95 ≤ 150 ms for pages and
API lists, ≤ 100 ms for search.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

TARGETS = {
    "floor /health": None,
    "plan overview": 150,
    "sub-item page": 150,
    "item-report API list": 150,
    "search page": 100,
    "search API": 100,
}


def _pct(values, p):
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def like_a_worker() -> None:
    """Set this process's collector as ctip.wsgi sets a web worker's (ctip.core.heap): tuned
    for requests, with what is loaded so far frozen out of its reach."""
    from ctip.core import heap

    heap.settle()


def migrated_installation(backend: str, data_dir: Path, *, pg_url: str, sqlite_name: str) -> None:
    """Point ctip at a bench database (PostgreSQL at `pg_url`, made if missing, or a SQLite file
    in `data_dir`), start Django and migrate. Shared by the benches of every module."""
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["CTIP_DATA_DIR"] = str(data_dir)
    os.environ["CTIP_ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    os.environ.setdefault("CTIP_LOG_LEVEL", "WARNING")
    if backend == "pg":
        _create_pg_database(pg_url)
        os.environ["CTIP_DATABASE_URL"] = pg_url
    else:
        os.environ["CTIP_DATABASE_URL"] = f"sqlite:///{data_dir / sqlite_name}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "ctip.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def run_backend(backend: str, scale: float, keep: str | None, rounds: int) -> int:
    data_dir = Path(keep or tempfile.mkdtemp(prefix="ctip-bench-"))
    migrated_installation(
        backend,
        data_dir,
        pg_url=os.environ.get("CTIP_BENCH_PG", ""),
        sqlite_name=f"bench-{scale:g}.sqlite3",
    )
    import gen_national
    from django.db import connection
    from django.test import Client

    stats = gen_national.generate(scale, out=lambda s: print("  " + s, flush=True))
    if connection.vendor == "sqlite":
        with connection.cursor() as c:
            c.execute("ANALYZE")
    else:
        with connection.cursor() as c:
            c.execute("ANALYZE")

    from ctip.accounts.models import User
    from ctip.plan.models import Agency, ItemReport, PlanItem, ReportingPeriod

    agency = Agency.objects.get(abbr="DMX")
    coord, _ = User.objects.get_or_create(username="bench_koord", defaults={"role": "coordinator"})
    analyst, _ = User.objects.get_or_create(username="bench_analitik", defaults={"role": "analyst"})
    focal, _ = User.objects.get_or_create(
        username="bench_fokal", defaults={"role": "focal_point", "agency": agency}
    )
    plan_id = PlanItem.objects.filter(code="1.1.1").values_list("plan_id", flat=True).last()
    periods = list(ReportingPeriod.objects.filter(plan_id=plan_id).values_list("pk", "code"))
    item_ids = list(PlanItem.objects.filter(plan_id=plan_id, level=3).values_list("pk", flat=True))
    directions = list(
        PlanItem.objects.filter(plan_id=plan_id, level=1).values_list("code", flat=True)
    )
    reports = ItemReport.objects.count()

    clients = {}
    for u in (coord, analyst, focal):
        c = Client()
        c.force_login(u)
        clients[u.username] = c
    anon = Client()
    queries = [
        "alver",
        "gürcüstan",
        "monitorinq",
        "seminar təlim",
        "MƏKTUB",
        "özbəkistan",
        "qasımzadə",
        "rufet",
        "kampaniyası",
        "məlumat mübadiləsi",
    ]

    def cases(i):
        pid, pcode = periods[i % len(periods)]
        return {
            "floor /health": (anon, "/health"),
            "plan overview": (
                clients["bench_koord"],
                f"/plan/?plan={plan_id}&period={pid}&section={directions[i % len(directions)]}",
            ),
            "sub-item page": (
                clients["bench_fokal"],
                f"/plan/items/{item_ids[(i * 37) % len(item_ids)]}/",
            ),
            "item-report API list": (
                clients["bench_analitik"],
                f"/api/v1/item-reports/?period={pcode}&limit=50&offset={(i % 5) * 50}",
            ),
            "search page": (clients["bench_analitik"], f"/search/?q={queries[i % len(queries)]}"),
            "search API": (
                clients["bench_koord"],
                f"/api/v1/search/?q={queries[(i + 3) % len(queries)]}",
            ),
        }

    timings: dict[str, list[float]] = {k: [] for k in TARGETS}
    like_a_worker()
    for i in range(rounds + 3):
        for name, (client, url) in cases(i).items():
            t = time.perf_counter()
            resp = client.get(url)
            ms = (time.perf_counter() - t) * 1000
            if resp.status_code != 200:
                print(f"  {name}: HTTP {resp.status_code} for {url}", flush=True)
                return 1
            if i >= 3:  # warm-up
                timings[name].append(ms)
    print(
        f"\n  {connection.vendor}: {stats.get('agencies', '?')} agencies, "
        f"{len(item_ids)} sub-items, {len(periods)} periods, {reports:,} item reports, "
        f"{stats.get('facts', '?')} facts, {rounds} requests each",
        flush=True,
    )
    print(
        f"  {'endpoint':<22}{'p50 ms':>9}{'p95 ms':>9}{'target':>9}"
        f"{'p50/floor':>11}{'p95/floor':>11}  verdict (target, and within 5x of the floor)"
    )
    floor = timings["floor /health"]
    floor50, floor95 = statistics.median(floor), _pct(floor, 95)
    for name, values in timings.items():
        p50, p95 = statistics.median(values), _pct(values, 95)
        target = TARGETS[name]
        if target is None:
            verdict = "floor"
        else:
            verdict = "ok" if p95 <= target else "SLOW"
            verdict += ", within 5x" if p95 <= 5 * floor95 else ", over 5x"
        print(
            f"  {name:<22}{p50:>9.1f}{p95:>9.1f}{target or '-':>9}"
            f"{p50 / floor50:>10.1f}x{p95 / floor95:>10.1f}x  {verdict}"
        )
    return 0


def _create_pg_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    base, _, name = url.rpartition("/")
    name = name.split("?")[0]
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"  created PostgreSQL database {name}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description="plan benchmark")
    parser.add_argument(
        "--scale", type=float, default=float(os.environ.get("CTIP_BENCH_SCALE", "1.0"))
    )
    parser.add_argument("--keep", help="directory for the SQLite file (reused between runs)")
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--backend", choices=["sqlite", "pg"])
    args, _unknown = parser.parse_known_args()
    if args.backend:
        return run_backend(args.backend, args.scale, args.keep, args.rounds)
    status = 0
    backends = ["sqlite"] + (["pg"] if os.environ.get("CTIP_BENCH_PG") else [])
    for backend in backends:
        print(f"--- {backend} (scale {args.scale:g}) ---", flush=True)
        cmd = [
            sys.executable,
            __file__,
            "--backend",
            backend,
            "--scale",
            str(args.scale),
            "--rounds",
            str(args.rounds),
        ]
        if args.keep:
            cmd += ["--keep", args.keep]
        status |= subprocess.call(cmd)
    if not os.environ.get("CTIP_BENCH_PG"):
        print("(set CTIP_BENCH_PG=postgres://postgres@127.0.0.1:5432/ctip_bench for PostgreSQL)")
    return status


if __name__ == "__main__":
    sys.exit(main())
