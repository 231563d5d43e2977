"""Walks the audit chain and names the first entry that was changed, removed or inserted."""

from django.core.management.base import BaseCommand, CommandError

from apps.audit.models import AuditEntry
from apps.audit.trail import audit_verify


class Command(BaseCommand):
    help = "Verify the hash chain of the audit trail"

    def handle(self, *args, **options):
        broken = audit_verify()
        if broken is not None:
            raise CommandError(
                f"audit chain broken at entry {broken.id} ({broken.action}): it or an entry before it was altered"
            )
        self.stdout.write(f"audit chain intact: {AuditEntry.objects.count()} entries")
