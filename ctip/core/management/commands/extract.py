"""`ctip extract FILE [--format json|text]`: sections and facts of a legacy report."""

import sys

from django.core.management.base import BaseCommand, CommandError

from ctip.extraction import ExtractionError
from ctip.extraction.cli import run


class Command(BaseCommand):
    help = "Extract sub-item sections and facts (dates, documents, quantities, organisations, countries, persons) from a txt/docx/pdf report."

    requires_system_checks = []

    def run_from_argv(self, argv):
        """As Django's, but the error line reads `ctip extract: error: …` (exit status 2)."""
        self._called_from_command_line = True
        parser = self.create_parser(argv[0], argv[1])
        options = vars(parser.parse_args(argv[2:]))
        args = options.pop("args", ())
        try:
            self.execute(*args, **options)
        except CommandError as exc:
            if options.get("traceback"):
                raise
            self.stderr.write(f"ctip extract: error: {exc}")
            sys.exit(exc.returncode)

    def add_arguments(self, parser):
        parser.add_argument("file", help="the report: plain text, DOCX or PDF (judged by content)")
        parser.add_argument("--format", choices=("json", "text"), default="json")

    def handle(self, *args, **options):
        try:
            output = run(options["file"], options["format"])
        except ExtractionError as exc:
            raise CommandError(str(exc), returncode=2) from None
        self.stdout.write(output, ending="")
