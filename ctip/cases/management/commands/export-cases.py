"""`ctip export-cases --format csv|json [-o FILE] [--k 11]`: k-anonymous public data (CTDC style)."""

import csv
import io
import json
import sys
from operator import itemgetter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ctip.cases.export import COLUMNS, k_anonymize, person_rows
from ctip.cases.models import Person


class Command(BaseCommand):
    help = "Export persons' case data k-anonymously (generalization, then suppression)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["csv", "json"], default="csv")
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")
        parser.add_argument("--k", type=int, default=11)
        parser.add_argument("--year", type=int, help="only cases registered in this year")

    def handle(self, *args, format, output, k, year, **options):
        if k < 2:
            raise CommandError("--k must be at least 2", returncode=2)
        persons = Person.objects.filter(case__isnull=False)
        if year:
            persons = persons.filter(case__registered_on__year=year)
        rows, report = k_anonymize(person_rows(persons), k)
        buf = io.StringIO()
        if format == "csv":
            writer = csv.writer(buf, lineterminator="\n")
            writer.writerow(COLUMNS)
            writer.writerows(map(itemgetter(*COLUMNS), rows))  # what DictWriter did, faster
        else:
            json.dump(rows, buf, ensure_ascii=False, indent=1)
            buf.write("\n")
        if output:
            try:
                Path(output).write_text(buf.getvalue(), encoding="utf-8")
            except OSError as exc:
                raise CommandError(f"cannot write {output}: {exc.strerror}", returncode=2) from exc
        else:
            self.stdout.write(buf.getvalue(), ending="")
        gen = "; ".join(report["generalizations"]) or "none"
        (self.stderr if not output else self.stdout).write(
            f"exported {report['output']} of {report['input']} record(s), k={k}; "
            f"suppressed {report['suppressed']}; generalizations: {gen}"
        )
        sys.stdout.flush()
