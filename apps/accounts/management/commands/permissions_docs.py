"""Writes docs/permissions.md from the permission table every app declares."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from apps.accounts.permissions import matrix_markdown


class Command(BaseCommand):
    help = "Write docs/permissions.md: who may do what, from each app's permissions.py"

    def handle(self, *args, **options):
        path = Path(settings.BASE_DIR) / "docs" / "permissions.md"
        path.write_text(matrix_markdown() + "\n", encoding="utf-8")
        self.stdout.write(f"wrote {path}")
