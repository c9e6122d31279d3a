"""`ctip report --plan PLAN --period PERIOD [--agency AGENCY] [--lang az|en|ru] --format docx|pdf|html -o FILE`"""

import os
import sys
import tempfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from ctip.core.errors import one_line
from ctip.reports.document import LANGS
from ctip.reports.generate import FORMATS, generate


class Command(BaseCommand):
    help = (
        "Generate one agency's report, or the consolidated national report (no --agency), "
        "as DOCX, PDF or HTML. Approved item reports only unless --include-submitted."
    )
    # Reading and rendering only; the full system checks (URL conf, every app's views) cost
    # ~0.5 s of a ~2 s cold run and belong to `ctip check` / `runserver`.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True, help="plan code, e.g. NAP-2020-2024")
        parser.add_argument("--period", required=True, help="period code, e.g. 2022 or 2022-H1")
        parser.add_argument(
            "--agency", help="agency abbreviation; omit for the consolidated report"
        )
        parser.add_argument("--lang", default="az", choices=LANGS)
        parser.add_argument("--format", required=True, choices=sorted(FORMATS), dest="fmt")
        parser.add_argument("-o", "--output", required=True, help="file to write ('-' for stdout)")
        parser.add_argument(
            "--include-submitted",
            action="store_true",
            help="also include submitted (in review) reports, marked as drafts",
        )
        parser.add_argument(
            "--no-annex", action="store_true", help="leave out the statistics annex"
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, **o):
        try:
            doc, data = generate(
                o["plan"],
                o["period"],
                o["agency"],
                fmt=o["fmt"],
                lang=o["lang"],
                include_submitted=o["include_submitted"],
                annex=not o["no_annex"],
                progress=None if o["no_progress"] else _progress_bar,
            )
        except (ValidationError, ValueError) as exc:
            raise CommandError(one_line(exc), returncode=2) from exc
        if o["output"] == "-":
            sys.stdout.buffer.write(data)
            return
        out = Path(o["output"])
        _write_atomically(out, data)
        n = len(doc.sections)
        blocks = sum(len(s.blocks) for s in doc.sections)
        self.stderr.write(f"{out}: {n} sub-items, {blocks} item reports, {len(data)} bytes")


def _progress_bar(it, total=None):
    """A progress bar on stderr over the reports being composed (none when it is not a terminal)."""
    from tqdm import tqdm  # loaded only when a bar is shown

    return tqdm(
        it,
        total=total,
        desc="composing",
        unit=" reports",
        file=sys.stderr,
        disable=None,
        leave=False,
    )


def _write_atomically(out: Path, data: bytes) -> None:
    """Write `data` to `out` through a temporary file: never leave a half-written report behind."""
    if not out.parent.exists():
        raise CommandError(f"{out.parent}: no such directory", returncode=2)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
