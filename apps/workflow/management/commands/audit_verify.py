"""Walks the audit chain and names the first entry that was changed, removed or inserted."""

from django.core.management.base import BaseCommand, CommandError

from apps.workflow.audit import audit_verify
from apps.workflow.models import AuditEntry


class Command(BaseCommand):
    help = "Verify the hash chain of the audit trail"

    def handle(self, *args, **options):
        broken = audit_verify()
        if broken is not None:
            raise CommandError(
                f"audit chain broken at entry {broken.id} ({broken.action}): it or an entry before it was altered"
            )
        self.stdout.write(f"audit chain intact: {AuditEntry.objects.count()} entries")
