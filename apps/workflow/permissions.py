"""The workflow core's own rows of the permission table: a person's bulk jobs.

Cases and their attachments are the services' kinds (`kinds.case_kinds`), declared and granted by each
service in its own `permissions` module; the platform's pages over every service's cases
(`@permission(model="workflow.Case", ...)`) ask all of them.
"""

from django.db.models import Q

from apps.accounts.permissions import OWN, Kind, Principal, register_kinds, register_table

register_kinds(
    Kind(
        name="workflow.bulk_job",
        label="اقدام‌های گروهی",
        model="workflow.BulkJob",
        own=lambda user: Q(user_id=user.pk),
    )
)

register_table(
    "workflow",
    {
        # A bulk job is the progress of one's own action over many cases: only who started it reads it.
        "workflow.bulk_job": {
            "view": {p: OWN for p in Principal},
        },
    },
)
