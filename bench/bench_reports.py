"""Bench: the consolidated national report for a year (DOCX, PDF) and one agency's report.

Generates its own synthetic national year (bench/gen_national.py was absent): 50 agencies,
300 sub-items, each sub-item reported by 4 agencies (1,200 approved item reports with 2–4
paragraphs of synthetic Azerbaijani text), in a throw-away SQLite database. Each case runs in a
subprocess so its peak memory (ru_maxrss) is its own; the baseline is composing the document
tree and writing plain text, from the same data in the same run.

    python bench/bench_reports.py [--agencies 50] [--items 300] [--per-item 4] [--serial-pdf]
                                  [--compare-with REV] [--repeat N] [--only agency:pdf-warm]

`cpu` is user + system time of the case and its worker processes: on a shared machine the
wall time of the parallel PDF depends on what else runs, the CPU time much less. `pdf-warm`
is the agency PDF rendered twice in one process, the second timed (a warm job worker);
`workers` is the largest worker process's peak memory. --serial-pdf adds the national PDF laid
out in one process (CTIP_PDF_CHUNKS=1); --compare-with REV (a git revision, e.g. main) renders
the PDF cases again with that revision's ctip/ on the same data, as a same-run baseline;
--repeat N runs every PDF case N times, alternating with the baseline revision, and shows the
run of median CPU time with the range of CPU times (the machine's load moves single runs by
±10 % when quiet, far more when shared).
"""

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# --compare-with runs a case on another revision's code, unpacked here (see main()).
CODE = Path(os.environ.get("CTIP_BENCH_CODE") or ROOT)
sys.path.insert(0, str(CODE))

WORDS = (
    "hesabat dövrü ərzində xidmət tərəfindən insan alverinə qarşı mübarizə sahəsində "
    "maarifləndirici tədbirlər keçirilmiş əməkdaşların bilik və bacarıqlarının artırılması "
    "məqsədilə təlimlər təşkil edilmiş qurumlararası əməkdaşlıq gücləndirilmiş miqrantların "
    "hüquqları barədə məlumat yayılmış monitorinqlər aparılmış təkliflər hazırlanmışdır"
).split()


def setup_django(data_dir):
    os.environ["CTIP_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ctip.settings")
    import django

    django.setup()


def sentence(rng):
    n = rng.randint(12, 28)
    words = [rng.choice(WORDS) for _ in range(n)]
    date = f"{rng.randint(2022, 2022)}-ci il {rng.randint(1, 28)} {rng.choice(['mart', 'may', 'iyun', 'oktyabr'])}"
    return f"{date} tarixində " + " ".join(words) + "."


def generate_data(agencies, items, per_item):
    import datetime as dt

    from django.core.management import call_command

    from ctip.plan.models import ActionPlan, Agency, ItemReport, PlanItem, ReportingPeriod

    call_command("migrate", verbosity=0)
    rng = random.Random(2022)
    plan = ActionPlan.objects.create(
        code="NAP-BENCH", title="Milli Fəaliyyət Planı (sınaq)", start_year=2020, end_year=2024
    )
    period = ReportingPeriod.objects.create(
        plan=plan, code="2022", year=2022, start=dt.date(2022, 1, 1), end=dt.date(2022, 12, 31)
    )
    ags = Agency.objects.bulk_create(
        [
            Agency(abbr=f"A{i:02d}", name_az=f"Sınaq agentliyi {i}", responsible=True)
            for i in range(agencies)
        ]
    )
    plan_items = []
    for k in range(items):
        code = f"4.{k // 30 + 1}.{k % 30 + 1}"
        item = PlanItem(
            plan=plan, code=code, title_az=" ".join(rng.choice(WORDS) for _ in range(14))
        )
        item.sort_key, item.level = PlanItem.make_sort_key(code), 3
        plan_items.append(item)
    PlanItem.objects.bulk_create(plan_items)
    reports = []
    for item in plan_items:
        for ag in rng.sample(ags, per_item):
            paras = [
                "".join(sentence(rng) + " " for _ in range(rng.randint(2, 4))).strip()
                for _ in range(rng.randint(2, 4))
            ]
            reports.append(
                ItemReport(
                    item=item,
                    agency=ag,
                    period=period,
                    status="approved",
                    narrative="\n\n".join(paras),
                )
            )
    ItemReport.objects.bulk_create(reports, batch_size=1000)
    return len(reports)


def _cpu():
    """User + system time of this process and its finished children."""
    return sum(
        getattr(resource.getrusage(who), f)
        for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
        for f in ("ru_utime", "ru_stime")
    )


def run_case(case, agency):
    from ctip.reports.compose import compose_report, plain_text
    from ctip.reports.generate import render

    t0 = time.perf_counter()
    doc = compose_report("NAP-BENCH", "2022", agency)
    cpu0 = 0.0
    if case == "pdf-warm":  # a warm worker: WeasyPrint loaded and one PDF made already
        render(doc, "pdf")
        case, cpu0, t0 = "pdf", _cpu(), time.perf_counter()
    if case == "pdf-steady":  # a worker in service: the median of 5 renders after 3
        return _steady(doc)
    if case == "pdf-serial":  # the same PDF laid out in one process, for comparison
        os.environ["CTIP_PDF_CHUNKS"] = "1"
        case = "pdf"
    if case == "baseline":
        data = plain_text(doc).encode()
    else:
        data = render(doc, case)
    seconds = time.perf_counter() - t0
    extra = {"cpu": _cpu() - cpu0}
    if case == "pdf":
        import io

        import pypdf

        extra["pages"] = len(pypdf.PdfReader(io.BytesIO(data)).pages)
        if agency is None:  # the national PDF's chunks are laid out in worker processes
            extra["workers_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "bytes": len(data), **extra}))


def _steady(doc):
    from ctip.reports.generate import render

    for _ in range(3):
        render(doc, "pdf")
    runs = []
    for _ in range(5):
        cpu0, t0 = _cpu(), time.perf_counter()
        data = render(doc, "pdf")
        runs.append((time.perf_counter() - t0, _cpu() - cpu0))
    seconds, cpu = sorted(runs)[2]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": peak_mb, "bytes": len(data)}))


def unpack(rev, into):
    """`rev`'s ctip/ package unpacked into the folder `into` (for --compare-with)."""
    archive = subprocess.run(
        ["git", "archive", rev, "ctip"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", into], input=archive, check=True)


GOALS = {
    ("national", "docx"): "≤ 10 s",
    ("national", "pdf"): "≤ 15 s wall on 2 cores, peak ≤ 1 GB",
    ("agency", "docx"): "≤ 1 s",
    ("agency", "pdf"): "≤ 1 s cold",
    ("agency", "pdf-warm"): "≤ 0.5 s",
    ("agency", "pdf-steady"): "≤ 0.5 s",
    ("agency", "html"): "≤ 1 s",
}


def run_one(case, data_dir, agency, code=None):
    cmd = [sys.executable, __file__, "--case", case, "--data-dir", data_dir]
    if agency:
        cmd += ["--agency", agency]
    env = {**os.environ, "CTIP_BENCH_CODE": code} if code else None
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=code or ROOT, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def show(scope, case, r, note):
    pages = f", {r['pages']} pages" if "pages" in r else ""
    workers = f" (workers {r['workers_mb']:4.0f})" if r.get("workers_mb") else ""
    spread = f" [{r['cpu_min']:.2f}–{r['cpu_max']:.2f}, {r['runs']} runs]" if r.get("runs") else ""
    print(
        f"{scope:8} {case:10} {r['seconds']:7.2f} s  cpu {r['cpu']:6.2f} s{spread}  "
        f"peak {r['peak_mb']:6.0f} MB{workers}  {r['bytes'] / 1e6:6.2f} MB{pages}   {note}"
    )


def median_run(runs):
    """The run of median CPU time, with the range of CPU times of all `runs`."""
    if len(runs) == 1:
        return runs[0]
    cpus = [r["cpu"] for r in runs]
    mid = min(runs, key=lambda r: abs(r["cpu"] - statistics.median(cpus)))
    return {**mid, "cpu_min": min(cpus), "cpu_max": max(cpus), "runs": len(runs)}


def run_pair(case, data_dir, agency, old_code, repeat):
    """`case` on this code and (with old_code) on the baseline's, alternating `repeat` times."""
    new, old = [], []
    for _ in range(repeat):
        new.append(run_one(case, data_dir, agency))
        if old_code:
            old.append(run_one(case, data_dir, agency, old_code))
    return median_run(new), (median_run(old) if old else None)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--agencies", type=int, default=50)
    ap.add_argument("--items", type=int, default=300)
    ap.add_argument("--per-item", type=int, default=4)
    ap.add_argument("--case", help="run one case in this process (internal: the runs use it)")
    ap.add_argument(
        "--only",
        metavar="SCOPE:CASE,...",
        help="run only these cases, e.g. agency:pdf-warm,national:pdf (default: all)",
    )
    ap.add_argument("--agency")
    ap.add_argument("--data-dir")
    ap.add_argument(
        "--serial-pdf",
        action="store_true",
        help="also lay out the national PDF in one process (the pre-chunking way)",
    )
    ap.add_argument("--repeat", type=int, default=1, help="runs of each PDF case (median shown)")
    ap.add_argument(
        "--compare-with",
        metavar="REV",
        help="also render the PDF cases with this git revision's ctip/ (same data, same run)",
    )
    args = ap.parse_args()
    if args.case:
        setup_django(args.data_dir)
        run_case(args.case, args.agency)
        return
    with (
        tempfile.TemporaryDirectory(prefix="ctip-bench-reports-") as data_dir,
        tempfile.TemporaryDirectory(prefix="ctip-bench-code-") as old_code,
    ):
        if args.compare_with:
            unpack(args.compare_with, old_code)
        setup_django(data_dir)
        t0 = time.perf_counter()
        n = generate_data(args.agencies, args.items, args.per_item)
        print(
            f"data: {args.agencies} agencies, {args.items} sub-items, {n} approved item reports "
            f"({time.perf_counter() - t0:.1f} s to generate)"
        )
        for scope, agency in (("national", None), ("agency", "A07")):
            cases = ["baseline", "html", "docx", "pdf"]
            if args.serial_pdf and scope == "national":
                cases.append("pdf-serial")
            if scope == "agency":
                cases += ["pdf-warm", "pdf-steady"]
            for case in cases:
                if args.only and f"{scope}:{case}" not in args.only.split(","):
                    continue
                compare = args.compare_with and case.startswith("pdf") and case != "pdf-serial"
                repeat = args.repeat if case.startswith("pdf") else 1
                r, old = run_pair(case, data_dir, agency, compare and old_code, repeat)
                goal = GOALS.get((scope, case))
                show(
                    scope,
                    case,
                    r,
                    f"(goal {goal})"
                    if goal
                    else {
                        "pdf-serial": "(one process, for comparison)",
                        "baseline": "(baseline: compose + plain text)",
                    }.get(case, ""),
                )
                if old:
                    show(scope, case, old, f"({args.compare_with}: the same case before)")


if __name__ == "__main__":
    main()
