"""`make load`: a bounded load test of `ctip serve` on SQLite, then on PostgreSQL.

For each database: a fresh data dir, `ctip migrate`, `ctip load-demo`, `ctip serve` on a free
loopback port, Locust headless (default 50 users, 10/s spawn, 60 s), then p50/p95 per flow and
the error counts. Everything is stopped and removed afterwards. Loopback only.

    python bench/load.py [--users 50] [--spawn-rate 10] [--time 60s] [--workers 4] [--only sqlite|pg]

PostgreSQL: CTIP_LOAD_PG (default postgres://postgres@127.0.0.1:5432/ctip_load); the database
is created and dropped by this script (skipped with a note if the server is unreachable).
"""

import argparse
import csv
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CTIP = [sys.executable, "-m", "ctip"]
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/ctip_load"

EXPORT = """
import json
from ctip.accounts.models import ApiToken, User
from ctip.plan.models import ItemReport, PlanItem
user = User.objects.get(username="koordinator")
_, key = ApiToken.issue(user)
print(json.dumps({
    "items": list(PlanItem.objects.filter(level=3).values_list("pk", flat=True)[:200]),
    "reports": list(ItemReport.objects.filter(status__in=["submitted", "approved"])
                    .values_list("pk", flat=True)[:200]),
    "token": key,
}))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(env, *args) -> str:
    result = subprocess.run([*CTIP, *args], env=env, capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        sys.exit(f"ctip {' '.join(args)} failed:\n{result.stderr[-2000:]}")
    return result.stdout


def pg_admin(url: str, sql: str) -> None:
    import psycopg

    parsed = urlparse(url)
    with psycopg.connect(
        host=parsed.hostname,
        port=parsed.port or 5432,
        user=parsed.username,
        password=parsed.password,
        dbname="postgres",
        autocommit=True,
        connect_timeout=5,
    ) as con:
        con.execute(sql)


def wait_healthy(base: str, proc) -> None:
    for _ in range(600):
        if proc.poll() is not None:
            sys.exit("ctip serve stopped before answering")
        try:
            with urllib.request.urlopen(base + "/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit("ctip serve did not become healthy")


def percentiles(stats_csv: Path) -> list[dict]:
    rows = []
    with open(stats_csv, newline="") as fh:
        for row in csv.DictReader(fh):
            rows.append(
                {
                    "flow": row["Name"] if row["Name"] != "Aggregated" else "ALL",
                    "requests": int(row["Request Count"]),
                    "failures": int(row["Failure Count"]),
                    "p50": row["50%"],
                    "p95": row["95%"],
                    "rps": float(row["Requests/s"]),
                }
            )
    return rows


def one_run(label: str, db_url: str | None, args) -> list[dict]:
    tmp = Path(tempfile.mkdtemp(prefix=f"ctip-load-{label}-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("CTIP_")}
    env.update(
        CTIP_DATA_DIR=str(tmp),
        CTIP_LOG_LEVEL="ERROR",
        CTIP_DATABASE_URL=db_url or f"sqlite:///{tmp / 'ctip.sqlite3'}",
        CTIP_LOGIN_FAILURE_LIMIT="1000",
    )
    proc = None
    try:
        print(f"[{label}] migrate + load-demo …", flush=True)
        run(env, "migrate", "--noinput")
        run(env, "load-demo")
        data = json.loads(run(env, "shell", "--no-imports", "-c", EXPORT).strip().splitlines()[-1])
        data["password"] = "ctip-demo-2026"
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        proc = subprocess.Popen(
            [*CTIP, "serve", "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_healthy(base, proc)
        print(
            f"[{label}] {len(data['items'])} sub-items, {len(data['reports'])} reports; "
            f"locust {args.users} users for {args.time} …",
            flush=True,
        )
        prefix = tmp / "locust"
        subprocess.run(
            [
                str(BIN / "locust"),
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                "-u",
                str(args.users),
                "-r",
                str(args.spawn_rate),
                "-t",
                args.time,
                "--host",
                base,
                "--only-summary",
                "--csv",
                str(prefix),
                "--loglevel",
                "ERROR",
            ],
            env={**env, "CTIP_LOAD_DATA": json.dumps(data)},
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=3600,
        )
        return percentiles(Path(f"{prefix}_stats.csv"))
    finally:
        if proc is not None and proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        shutil.rmtree(tmp, ignore_errors=True)


def show(label: str, rows: list[dict]) -> None:
    print(f"\n{label}")
    print(f"  {'flow':<20} {'requests':>8} {'errors':>6} {'p50 ms':>7} {'p95 ms':>7} {'req/s':>6}")
    for r in rows:
        print(
            f"  {r['flow']:<20} {r['requests']:>8} {r['failures']:>6} {r['p50']:>7} "
            f"{r['p95']:>7} {r['rps']:>6.1f}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=int, default=10)
    parser.add_argument("--time", default="60s")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--only", choices=["sqlite", "pg"])
    args = parser.parse_args()
    status = 0
    if args.only != "pg":
        rows = one_run("sqlite", None, args)
        show("SQLite", rows)
        status |= any(r["failures"] for r in rows)
    if args.only != "sqlite":
        url = os.environ.get("CTIP_LOAD_PG", DEFAULT_PG)
        name = urlparse(url).path.lstrip("/")
        try:
            pg_admin(url, f'DROP DATABASE IF EXISTS "{name}"')
            pg_admin(url, f'CREATE DATABASE "{name}"')
        except Exception as exc:  # noqa: BLE001
            print(
                f"\nPostgreSQL skipped: {url.split('@')[-1]} unreachable ({exc.__class__.__name__})"
            )
            return status
        try:
            rows = one_run("postgresql", url, args)
            show("PostgreSQL", rows)
            status |= any(r["failures"] for r in rows)
        finally:
            pg_admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return status


if __name__ == "__main__":
    sys.exit(main())
