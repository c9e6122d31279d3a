"""Bench: background jobs — agency reports per minute through the queue with one and two
`ctip worker` processes, one agency's PDF as a job in a warm worker, and the national PDF as a
job in a fresh worker (its time and peak memory).

Uses bench_reports' synthetic national year (50 agencies, 300 sub-items, 1,200 approved item
reports) in a throw-away SQLite database. The baseline is the same agency PDFs rendered one after
the other in one warm process without the queue (what a single worker could do at best).

    python bench/bench_jobs.py [--jobs 20] [--format pdf]

Throughput: `--jobs` agency reports are enqueued, then the workers start (`--batch`: each exits
when the queue is empty); the wall time runs from their start to the last one's exit, start-up
(Django, WeasyPrint's import) included.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_reports import generate_data, setup_django  # noqa: E402

CTIP = str(Path(sys.executable).with_name("ctip"))


def owner():
    from ctip.accounts.models import User

    user, _ = User.objects.get_or_create(
        username="bench-coordinator", defaults={"role": "coordinator"}
    )
    return user


def enqueue(n: int, fmt: str) -> list:
    from ctip.plan.models import ActionPlan, Agency
    from ctip.reports.jobs import start_report_job

    plan = ActionPlan.objects.get(code="NAP-BENCH")
    period = plan.periods.get(code="2022")
    agencies = list(Agency.objects.filter(abbr__startswith="A").order_by("abbr"))
    return [
        start_report_job(
            owner(), plan=plan, period=period, agency=agencies[i % len(agencies)], fmt=fmt,
            lang="az", include_submitted=False, annex=True,
        ).pk
        for i in range(n)
    ]  # fmt: skip


def throughput(data_dir: str, workers: int, n: int, fmt: str) -> float:
    """Reports per minute: n jobs enqueued, `workers` batch workers until the queue is empty."""
    from ctip.jobs.models import Job

    ids = enqueue(n, fmt)
    env = {**os.environ, "CTIP_DATA_DIR": data_dir}
    cmd = [CTIP, "worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0.2"]
    t0 = time.perf_counter()
    procs = [
        subprocess.Popen(
            [*cmd, "--worker-id", f"bench-{w}"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for w in range(workers)
    ]
    for p in procs:
        p.wait()
    seconds = time.perf_counter() - t0
    done = Job.objects.filter(pk__in=ids, status=Job.Status.DONE).count()
    if done != n:
        raise SystemExit(f"only {done} of {n} jobs done")
    return n / seconds * 60


def baseline(n: int, fmt: str) -> float:
    """Reports per minute rendered in this (warmed) process, without the queue."""
    from ctip.plan.models import Agency
    from ctip.reports.generate import generate

    agencies = list(Agency.objects.filter(abbr__startswith="A").order_by("abbr"))
    generate("NAP-BENCH", "2022", agencies[0], fmt=fmt)  # warm: imports, fonts
    t0 = time.perf_counter()
    for i in range(n):
        generate("NAP-BENCH", "2022", agencies[i % len(agencies)], fmt=fmt, user=owner())
    return n / (time.perf_counter() - t0) * 60


def warm_job_seconds(fmt: str, repeat: int = 5) -> float:
    """One agency's report as a job (compose, render, store, rows written) in a warm worker:
    the median of `repeat` after one to warm up."""
    from ctip.jobs.execution import execute

    ids = enqueue(repeat + 1, fmt)
    execute(ids[0])
    times = []
    for pk in ids[1:]:
        t0 = time.perf_counter()
        execute(pk)
        times.append(time.perf_counter() - t0)
    return sorted(times)[len(times) // 2]


def national_job(fmt: str) -> dict:
    """The national report (every agency, with the annex) as one job in a fresh worker process:
    its time and the process's peak memory (Django and WeasyPrint included)."""
    import resource

    from ctip.jobs.execution import execute
    from ctip.jobs.models import Job
    from ctip.plan.models import ActionPlan
    from ctip.reports.jobs import start_report_job

    plan = ActionPlan.objects.get(code="NAP-BENCH")
    job = start_report_job(
        owner(), plan=plan, period=plan.periods.get(code="2022"), agency=None, fmt=fmt,
        lang="az", include_submitted=False, annex=True,
    )  # fmt: skip
    t0 = time.perf_counter()
    execute(job.pk)
    seconds = time.perf_counter() - t0
    job = Job.objects.get(pk=job.pk)
    if job.status != Job.Status.DONE:
        raise SystemExit(f"national job {job.status}: {job.error}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # The chunks are laid out in child processes, which RUSAGE_SELF does not count; Linux gives
    # the largest child's peak, and up to CTIP_PDF_WORKERS of them run beside the parent.
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    from ctip.reports.pdf_engine import chunks, workers

    together = peak_mb + min(chunks(), workers()) * child_mb
    return {
        "seconds": seconds,
        "peak_mb": peak_mb,
        "child_mb": child_mb,
        "together_mb": together,
        "size": job.result_size,
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", type=int, default=20)
    ap.add_argument("--format", default="pdf", choices=["pdf", "docx", "html"])
    ap.add_argument("--case")
    ap.add_argument("--data-dir")
    args = ap.parse_args()
    if args.case == "warm":
        setup_django(args.data_dir)
        print(json.dumps({"seconds": warm_job_seconds(args.format)}))
        return
    if args.case == "national":
        setup_django(args.data_dir)
        print(json.dumps(national_job(args.format)))
        return
    with tempfile.TemporaryDirectory(prefix="ctip-bench-jobs-") as data_dir:
        setup_django(data_dir)
        n_reports = generate_data(50, 300, 4)
        from ctip.core import keys

        keys.ensure_all()
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"machine: {os.cpu_count()} CPUs, load average {load} (figures scale with it)")
        print(f"data: 50 agencies, 300 sub-items, {n_reports} approved item reports; "
              f"{args.jobs} agency {args.format.upper()} reports per run")  # fmt: skip
        base = baseline(args.jobs, args.format)
        print(f"baseline  in-process, no queue   {base:7.1f} reports/min")
        for workers in (1, 2):
            rate = throughput(data_dir, workers, args.jobs, args.format)
            print(f"jobs      {workers} worker{'s' if workers > 1 else ' '}               "
                  f"{rate:7.1f} reports/min  ({rate / base:.2f}× baseline)")  # fmt: skip
        out = subprocess.run(
            [sys.executable, __file__, "--case", "warm", "--data-dir", data_dir,
             "--format", args.format],
            capture_output=True, text=True, check=True, cwd=ROOT,
        )  # fmt: skip
        seconds = json.loads(out.stdout.strip().splitlines()[-1])["seconds"]
        print(
            f"agency {args.format.upper()} as a job, warm worker  {seconds:6.2f} s  (goal ≤ 0.5 s)"
        )
        out = subprocess.run(
            [sys.executable, __file__, "--case", "national", "--data-dir", data_dir,
             "--format", args.format],
            capture_output=True, text=True, check=True, cwd=ROOT,
        )  # fmt: skip
        nat = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"national {args.format.upper()} as a job, fresh worker {nat['seconds']:6.2f} s "
            f"(goal ≤ 15 s), {nat['size'] / 1024:.0f} KB; peak memory: worker "
            f"{nat['peak_mb']:.0f} MB, largest chunk process {nat['child_mb']:.0f} MB, "
            f"at most {nat['together_mb']:.0f} MB together (goal ≤ 1024 MB)"
        )


if __name__ == "__main__":
    main()
