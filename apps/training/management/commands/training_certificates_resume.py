"""Queues again the certificates still missing from certified sessions (after a worker was lost)."""

import datetime as dt

from django.core.management.base import BaseCommand

from apps.training.documents import RESUME_AFTER, certificates_resume


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument(
            "--minutes",
            type=float,
            default=RESUME_AFTER.total_seconds() / 60,
            help="only sessions certified at least this many minutes ago (0: all)",
        )

    def handle(self, *args, minutes: float, **options):
        queued = certificates_resume(older_than=dt.timedelta(minutes=minutes))
        self.stdout.write(f"{queued} certificates queued")
