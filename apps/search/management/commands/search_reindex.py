"""Rebuilds the search index from every source's rows (after a bulk load, a restore or a new source)."""

from django.core.management.base import BaseCommand, CommandError

from apps.search.registry import sources
from apps.search.services import index_rebuild


class Command(BaseCommand):
    help = "Rebuild the search index (all sources, or those named)"

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="*", help="sources to rebuild (default all)")

    def handle(self, *args, **options):
        known = {s.name for s in sources()}
        unknown = set(options["sources"]) - known
        if unknown:
            raise CommandError(f"unknown sources {sorted(unknown)}; known: {sorted(known)}")
        for name, count in index_rebuild(only=options["sources"] or None).items():
            self.stdout.write(f"{name:<10} {count:>9} rows")
