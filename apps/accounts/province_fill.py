"""Giving a table its own copy of its organization's province, for the data migrations that add one.

The rows are filled a range of ids at a time, each range its own transaction: at the nation's volume one
UPDATE of every row would hold its locks, and its undo, for minutes. A migration calling this is not atomic,
and builds its index afterwards, once, rather than keeping it up through every batch.
"""

from django.db import transaction
from django.db.models import Max, Min, OuterRef, Subquery


def province_from_organization(apps, schema_editor, model: str, organization: str, *, batch: int) -> None:
    """Sets `province` on the rows of `model` that have none, from the organization its `organization` names."""
    rows = apps.get_model(model).objects.using(db := schema_editor.connection.alias)
    bounds = rows.aggregate(low=Min("id"), high=Max("id"))
    if bounds["low"] is None:
        return
    organizations = apps.get_model("accounts", "Organization").objects.using(db)
    province = Subquery(organizations.filter(pk=OuterRef(f"{organization}_id")).values("province_id")[:1])
    for start in range(bounds["low"], bounds["high"] + 1, batch):
        with transaction.atomic(using=db):
            rows.filter(id__gte=start, id__lt=start + batch, province__isnull=True).update(
                province_id=province
            )
