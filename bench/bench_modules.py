"""Cases, persons, the audit log, the registry and activities at national scale: p50/p95 of their
pages beside a trivial view (/health) as floor, and the anonymised export's time.

    .venv/bin/python bench/bench_modules.py [--full | --scale 0.05] [--keep DIR] [--rounds 30]
        [--backend sqlite|pg] [--generate-only | --measure-only]
    CTIP_BENCH_PG=postgres://postgres@127.0.0.1:5432/ctip_bench_modules .venv/bin/python bench/bench_modules.py

Generated data can be kept and measured again later: with --keep DIR the SQLite file
(`modules-<scale>.sqlite3`) stays in DIR, and the PostgreSQL database (`ctip_bench_modules_<scale>`
on the server CTIP_BENCH_PG names) is never dropped. A generation that finishes writes a marker
beside it (`modules-<scale>-<backend>.done`, JSON with the scale and the counts); --measure-only
refuses to run unless the marker matches the scale, so a half-written data set is never measured.
--generate-only writes the data and the marker and measures nothing.

At --full (scale 1): 100,000 cases, 300,000 persons (names sealed, blind-indexed), 2,000,000
audit entries (a valid keyed chain), 500,000 registry documents and 50,000 activities, all
invented and written with bulk_create. The default scale is 0.05 so that `make bench` stays
short on a small machine. Targets: p95 ≤ 150 ms for pages, ≤ 100 ms for search, within 5x of the
floor; the export of 100,000 cases ≤ 30 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

FULL = {"cases": 100_000, "audit": 2_000_000, "documents": 500_000, "activities": 50_000}
PERSONS_PER_CASE = 3
BATCH = 5000
TARGETS = {
    "floor /health": None,
    "case list": 150,
    "person search (blind index)": 100,
    "registry search": 100,
    "registry search (rare word)": 100,
    "registry filters": 150,
    "due list": 150,
    "case statistics": 150,
    "records statistics": 150,
    "activities list": 150,
    "registry home": 150,
    "start page (case worker)": 150,
    "case statistics, all years": 150,
    "... after a change this year": 150,
    "activities timeline": 150,
    "activity form (new)": 150,
}
GIVEN = [
    "Aysel",
    "Nərmin",
    "Rəşad",
    "Elvin",
    "Günay",
    "Tural",
    "Leyla",
    "Orxan",
    "Səbinə",
    "Kamran",
]
SURNAMES = ["Quliyeva", "Məmmədli", "Həsənzadə", "Əliyeva", "Babayev", "Kərimova", "Nəsirli"]
SUBJECTS = [
    "insan alverinə qarşı mübarizə barədə məktub",
    "qurbanların reabilitasiyası haqqında məlumat",
    "monitorinq nəticələri barədə arayış",
    "təlim kursunun keçirilməsi haqqında",
    "beynəlxalq əməkdaşlıq üzrə sorğu",
]


def _pct(values, p):
    values = sorted(values)
    return values[max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))]


def _batches(rows, model):
    for i in range(0, len(rows), BATCH):
        model.objects.bulk_create(rows[i : i + BATCH])


def generate(scale: float, out=print) -> dict:
    """Write the synthetic national data set into an empty installation."""
    n = {k: max(1, int(v * scale)) for k, v in FULL.items()}
    rng = random.Random(11)
    t = time.perf_counter()
    _cases_and_persons(rng, n["cases"], out)
    _audit(rng, n["audit"], out)
    _registry(rng, n["documents"], n["activities"], out)
    out(f"generated in {time.perf_counter() - t:.0f} s")
    return n


def _cases_and_persons(rng, n_cases: int, out) -> None:
    from ctip.cases.blindindex import name_digests
    from ctip.cases.models import Case, Channel, NameIndex, Person, Sex
    from ctip.plan.models import Agency

    agencies = list(Agency.objects.all())
    dmx = Agency.objects.get(abbr="DMX")
    statuses = [s for s in Case.Status.values if s != Case.Status.CLOSED]
    start = dt.date(2016, 1, 1)
    n_persons = n_digests = 0
    for first in range(0, n_cases, BATCH):  # a batch of cases, then their persons and digests
        cases = [
            Case(
                code=f"BN-{i:06d}",
                agency=dmx if i % 3 == 0 else agencies[i % len(agencies)],
                status=statuses[i % len(statuses)] if i % 7 else Case.Status.CLOSED,
                channel=Channel.values[i % len(Channel.values)],
                registered_on=start + dt.timedelta(days=rng.randrange(3650)),
            )
            for i in range(first, min(n_cases, first + BATCH))
        ]
        Case.objects.bulk_create(cases)
        codes = [c.code for c in cases]
        made = Case.objects.filter(code__in=codes).order_by("pk").values_list("pk", "registered_on")
        ids = [cid for cid, _day in made]
        persons, names = [], []
        for cid, day in made:
            for k in range(1, PERSONS_PER_CASE + 1):
                given, surname = rng.choice(GIVEN), rng.choice(SURNAMES) + str(rng.randrange(5000))
                person = _person(Person, cid, k, given, surname, rng.choice(Sex.values), rng)
                person.registered_on = day
                persons.append(person)
                names.append((given, surname))
        _batches(persons, Person)
        pids = Person.objects.filter(case_id__in=list(ids)).order_by("case_id", "number")
        index = [
            NameIndex(person_id=pid, digest=d)
            for pid, (given, surname) in zip(pids.values_list("pk", flat=True), names, strict=True)
            for d in name_digests(given, surname)
        ]
        _batches(index, NameIndex)
        n_persons, n_digests = n_persons + len(persons), n_digests + len(index)
        if (first // BATCH) % 4 == 3:
            out(f"  {first + len(cases):,} cases")
    out(f"{n_cases:,} cases, {n_persons:,} persons, {n_digests:,} blind-index digests")


def _person(model, case_id: int, number: int, given: str, surname: str, sex: str, rng):
    return model(
        case_id=case_id,
        number=number,
        given_name=given,
        surname=surname,
        sex=sex,
        citizenship="AZ",
        age_at_registration=rng.randrange(14, 60),
        documents=[],
        contacts=[],
    )


def _audit(rng, n_entries: int, out) -> None:
    """A valid keyed chain appended after the head, so that ctip keeps chaining on it."""
    from django.db import transaction
    from django.utils import timezone

    from ctip.audit import chain
    from ctip.audit.models import AuditEntry
    from ctip.audit.services import _locked_head, _move_head

    key = chain.audit_key()
    actions = [
        "cases.case.view",
        "cases.person.view",
        "records.document.create",
        "plan.report.edit",
    ]
    with transaction.atomic():
        head = _locked_head()
        seq, prev, now = head.seq, head.last_hash, timezone.now()
        rows, last = [], None
        for i in range(n_entries):
            seq += 1
            entry = AuditEntry(
                seq=seq,
                at=now - dt.timedelta(seconds=n_entries - i),
                actor_name="bench",
                action=actions[i % len(actions)],
                object_type="cases.case",
                object_id=str(i % 100_000),
                purpose="bench",
                details={},
                prev_hash=prev,
            )
            entry.hash = prev = entry.compute_hash(key)
            rows.append(entry)
            last = entry
            if len(rows) >= BATCH:
                AuditEntry.objects.bulk_create(rows)
                rows = []
        AuditEntry.objects.bulk_create(rows)
        _move_head(head, key, last)
    out(f"{n_entries:,} audit entries")


def _registry(rng, n_docs: int, n_activities: int, out) -> None:
    from ctip.plan.models import Agency
    from ctip.records.models import Activity, Document

    agencies = list(Agency.objects.all())
    start = dt.date(2016, 1, 1)
    for first in range(0, n_docs, BATCH):
        docs = []
        for i in range(first, min(n_docs, first + BATCH)):
            date = start + dt.timedelta(days=rng.randrange(3650))
            owner = agencies[i % len(agencies)]
            due = date + dt.timedelta(days=30) if i % 10 == 0 else None
            doc = Document(
                kind=Document.Kind.values[i % len(Document.Kind.values)],
                number=f"{i % 97}/{i}",
                date=date,
                agency=owner,
                issuer=owner,
                subject=f"{rng.choice(SUBJECTS)} №{i}",
                due_date=due,
                completed_on=due if due and i % 20 == 0 else None,
            )
            doc.search_text = doc.make_search_text()  # bulk_create skips save(), which sets it
            docs.append(doc)
        Document.objects.bulk_create(docs)
        if (first // BATCH) % 20 == 19:
            out(f"  {first + len(docs):,} documents")
    acts = [
        Activity(
            agency=agencies[i % len(agencies)],
            title=f"Sınaq tədbiri {i}",
            kind=Activity.Kind.values[i % len(Activity.Kind.values)],
            start=start + dt.timedelta(days=rng.randrange(3650)),
        )
        for i in range(n_activities)
    ]
    for a in acts:
        a.search_text = a.make_search_text()
    _batches(acts, Activity)
    out(f"{n_docs:,} documents, {n_activities:,} activities")


def _client(user):
    from django.test import Client
    from django_otp.plugins.otp_static.models import StaticDevice

    client = Client()
    client.force_login(user)
    if user.needs_otp:
        device, _ = StaticDevice.objects.get_or_create(user=user, name="bench")
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client


class Marker:
    """Where a finished generation says so: a JSON file beside the SQLite database, or the
    PostgreSQL database's comment. A data set without it is half-written and is made again."""

    def __init__(self, backend: str, data_dir: Path, sqlite_name: str, pg_url: str):
        self.backend, self.pg_url = backend, pg_url
        self.sqlite = data_dir / sqlite_name
        self.file = data_dir / (sqlite_name + ".done")

    def read(self, scale: float) -> dict | None:
        """The counts a finished generation at this scale recorded, or None."""
        try:
            text = self._pg_comment() if self.backend == "pg" else self.file.read_text()
            mark = json.loads(text or "")
        except (OSError, ValueError):
            return None
        return mark["counts"] if mark.get("scale") == scale else None

    def write(self, scale: float, counts: dict, seconds: float) -> None:
        text = json.dumps({"scale": scale, "counts": counts, "seconds": round(seconds)})
        if self.backend == "sqlite":
            self.file.write_text(text)
            return
        from django.db import connection
        from psycopg import sql

        name = connection.settings_dict["NAME"]
        with connection.cursor() as c:
            c.execute(sql.SQL("COMMENT ON DATABASE {} IS %s").format(sql.Identifier(name)), [text])

    def discard_partial(self) -> None:
        """Remove a data set that has no marker (a generation that stopped half-way)."""
        if self.backend == "sqlite":
            for path in (self.sqlite, self.file):
                path.unlink(missing_ok=True)
            return
        import psycopg
        from psycopg import sql

        base, _, name = self.pg_url.rpartition("/")
        with psycopg.connect(base + "/postgres", autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))

    def _pg_comment(self) -> str | None:
        import psycopg

        base, _, name = self.pg_url.rpartition("/")
        with psycopg.connect(base + "/postgres", autocommit=True) as conn:
            row = conn.execute(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
                (name,),
            ).fetchone()
        return row[0] if row else None


def run_backend(
    backend: str, scale: float, keep: str | None, rounds: int, mode: str, export: bool = True
) -> int:
    from bench_plan import migrated_installation

    data_dir = Path(keep or tempfile.mkdtemp(prefix="ctip-bench-modules-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    name = "ctip_bench_modules_" + f"{scale:g}".replace(".", "_")
    pg_url = os.environ.get("CTIP_BENCH_PG", "").rsplit("/", 1)[0] + "/" + name
    sqlite_name = f"modules-{scale:g}.sqlite3"
    marker = Marker(backend, data_dir, sqlite_name, pg_url)
    n = marker.read(scale)
    if n is None and mode == "measure":
        print(f"  no finished {backend} data set at scale {scale:g}: generate it first", flush=True)
        return 2
    if n is None:
        marker.discard_partial()
    migrated_installation(backend, data_dir, pg_url=pg_url, sqlite_name=sqlite_name)
    from django.db import connection

    if n is None:
        from ctip.plan.services import sync_agencies

        sync_agencies()
        t = time.perf_counter()
        n = generate(scale, out=lambda s: print("  " + s, flush=True))
        _analyse(connection)
        took = time.perf_counter() - t
        marker.write(scale, n, took)
        print(f"  data set ready in {took:.0f} s", flush=True)
    else:  # a migration since the generation may have added indexes the planner must know
        _analyse(connection)
    if mode == "generate":
        return 0
    return _measure(n, rounds, data_dir, export)


def _analyse(connection) -> None:
    """Statistics for the planner; on PostgreSQL also the visibility map a bulk load leaves
    unset (VACUUM, as autovacuum would do in service), so index-only scans stay index-only."""
    with connection.cursor() as c:
        c.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def _measure(n: dict, rounds: int, data_dir: Path, export: bool = True) -> int:
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import F
    from django.test import Client

    from ctip.accounts.models import User
    from ctip.cases.models import Case
    from ctip.plan.models import Agency

    dmx = Agency.objects.get(abbr="DMX")
    users = {}
    for name, role in [("bench_isci", "case_worker"), ("bench_koord", "coordinator")]:
        users[name], _ = User.objects.get_or_create(
            username=name, defaults={"role": role, "agency": dmx}
        )
    worker, coord = _client(users["bench_isci"]), _client(users["bench_koord"])
    anon = Client()
    names = [f"{s}{k}" for s in ("Quliyeva", "Babayev", "Nəsirli") for k in (17, 256, 4011)]
    busiest = _busiest_agency()  # the due list of the agency with the most open tasks
    text = ["reabilitasiya", "monitorinq", "məktub", "sorğu", "təlim"]
    # words and numbers few or no documents have: a scan reads the whole registry for them
    rare = ["xəzərnəqliyyat", "Sığınacaq", "/4011"]

    def requests(i):
        yield "floor /health", anon, "get", "/health", None
        yield "case list", worker, "get", f"/cases/?page={1 + i % 5}", None
        yield (
            "person search (blind index)",
            worker,
            "post",
            "/cases/search/",
            {"query": names[i % len(names)], "purpose": "bench: finding a returning person"},
        )
        yield "registry search", coord, "get", f"/records/documents/?q={text[i % 5]}", None
        yield (
            "registry search (rare word)",
            coord,
            "get",
            f"/records/documents/?q={rare[i % 3]}",
            None,
        )
        yield (
            "registry filters",
            coord,
            "get",
            f"/records/documents/?kind=letter&agency=DMX&period={2016 + i % 10}",
            None,
        )
        yield "due list", coord, "get", f"/records/due/?agency={busiest}", None
        yield "case statistics", coord, "get", f"/cases/stats/?year={2016 + i % 10}", None
        yield "records statistics", coord, "get", f"/records/stats/?period={2016 + i % 10}", None
        yield "activities list", coord, "get", f"/records/activities/?page={1 + i % 5}", None
        yield "registry home", coord, "get", "/records/", None
        yield "start page (case worker)", worker, "get", "/", None
        yield "case statistics, all years", coord, "get", "/cases/stats/", None
        # a case of the latest month edited first: that month is counted again (cases.tallies)
        yield "... after a change this year", coord, "get", "/cases/stats/", None
        yield (
            "activities timeline",
            coord,
            "get",
            f"/records/timeline/?period={2016 + i % 10}",
            None,
        )
        yield "activity form (new)", coord, "get", "/records/activities/new/", None

    timings: dict[str, list[float]] = {k: [] for k in TARGETS}
    from bench_plan import like_a_worker

    like_a_worker()
    latest = list(Case.objects.order_by("-registered_on").values_list("pk", flat=True)[:1])
    before = {
        "... after a change this year": lambda: Case.objects.filter(pk__in=latest).update(
            status=F("status")
        )
    }
    for i in range(rounds + 2):
        for name, client, method, url, data in requests(i):
            if name in before:
                before[name]()
            t = time.perf_counter()
            resp = client.post(url, data) if method == "post" else client.get(url)
            ms = (time.perf_counter() - t) * 1000
            if resp.status_code != 200:
                print(f"  {name}: HTTP {resp.status_code} for {url}", flush=True)
                return 1
            if i >= 2:  # warm-up
                timings[name].append(ms)
    export_s = None
    if export:
        t = time.perf_counter()
        call_command("export-cases", "--output", str(data_dir / "export.csv"))
        export_s = time.perf_counter() - t
    _report(connection.vendor, n, rounds, timings, export_s)
    return 0


def _busiest_agency() -> str:
    from django.db.models import Count

    from ctip.records.models import Document

    open_tasks = Document.objects.filter(due_date__isnull=False, completed_on__isnull=True)
    top = open_tasks.order_by().values("agency__abbr").annotate(n=Count("id")).order_by("-n")
    return top[0]["agency__abbr"] if top else "DMX"


def _report(vendor: str, n: dict, rounds: int, timings: dict, export_s: float | None) -> None:
    print(
        f"\n  {vendor}: {n['cases']:,} cases, {n['cases'] * PERSONS_PER_CASE:,} persons, "
        f"{n['audit']:,} audit entries, {n['documents']:,} documents, "
        f"{n['activities']:,} activities; {rounds} requests each",
        flush=True,
    )
    print(f"  {'page':<30}{'p50 ms':>9}{'p95 ms':>9}{'target':>9}{'p95/floor':>11}  verdict")
    floor95 = _pct(timings["floor /health"], 95)
    for name, values in timings.items():
        p50, p95 = statistics.median(values), _pct(values, 95)
        target = TARGETS[name]
        verdict = "floor"
        if target is not None:
            verdict = ("ok" if p95 <= target else "SLOW") + (
                ", within 5x" if p95 <= 5 * floor95 else ", over 5x"
            )
        print(
            f"  {name:<30}{p50:>9.1f}{p95:>9.1f}{target or '-':>9}{p95 / floor95:>10.1f}x  {verdict}"
        )
    if export_s is None:
        return
    per_100k = export_s * 100_000 / n["cases"]
    print(
        f"  anonymised export: {export_s:.1f} s for {n['cases']:,} cases "
        f"(≈ {per_100k:.1f} s per 100,000; goal ≤ 30 s)",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description="cases, registry and activities benchmark")
    parser.add_argument(
        "--scale", type=float, default=float(os.environ.get("CTIP_BENCH_MODULES_SCALE", "0.05"))
    )
    parser.add_argument("--full", action="store_true", help="the national scale (scale 1)")
    parser.add_argument("--keep", help="directory for the SQLite file (reused between runs)")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--backend", choices=["sqlite", "pg"])
    parser.add_argument("--no-export", action="store_true", help="pages only, not the export")
    once = parser.add_mutually_exclusive_group()
    once.add_argument(
        "--generate-only", action="store_true", help="write the data, measure nothing"
    )
    once.add_argument(
        "--measure-only", action="store_true", help="measure kept data (needs --keep DIR)"
    )
    args, _unknown = parser.parse_known_args()
    scale = 1.0 if args.full else args.scale
    mode = "generate" if args.generate_only else "measure" if args.measure_only else "both"
    if mode == "measure" and not args.keep:
        parser.error("--measure-only needs --keep DIR (where the data set and its marker are)")
    if args.backend:
        return run_backend(args.backend, scale, args.keep, args.rounds, mode, not args.no_export)
    status = 0
    for backend in ["sqlite"] + (["pg"] if os.environ.get("CTIP_BENCH_PG") else []):
        print(f"--- {backend} (scale {scale:g}) ---", flush=True)
        cmd = [sys.executable, __file__, "--backend", backend, "--scale", str(scale)]
        cmd += ["--rounds", str(args.rounds)] + (["--keep", args.keep] if args.keep else [])
        cmd += {"generate": ["--generate-only"], "measure": ["--measure-only"]}.get(mode, [])
        cmd += ["--no-export"] if args.no_export else []
        status |= subprocess.call(cmd)
    return status


if __name__ == "__main__":
    sys.exit(main())
