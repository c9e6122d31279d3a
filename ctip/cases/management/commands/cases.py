"""`ctip cases permissions` prints the role × action matrix; `ctip cases reindex` rebuilds the
blind name index; `ctip cases indicators` loads indicator sets from ctip/reference/indicators."""

from django.core.management.base import BaseCommand

from ctip.cases import permissions, services


class Command(BaseCommand):
    help = "Cases utilities: permissions | reindex | indicators"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["permissions", "reindex", "indicators"])

    def handle(self, *args, action, **options):
        if action == "permissions":
            self.stdout.write(permissions.matrix_markdown())
        elif action == "reindex":
            self.stdout.write(f"reindexed {services.rebuild_name_index()} person(s)")
        else:
            for iset in services.sync_indicator_sets():
                self.stdout.write(f"{iset} ({iset.indicators.count()} indicators)")
