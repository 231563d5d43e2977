"""Existing requests take their requesting organization's province, a range of ids at a time, each range its
own transaction: at the nation's volume one UPDATE of every request would hold its locks, and its undo, for
minutes. The index is built afterwards, once, rather than kept up through every batch."""

from django.db import migrations, models, transaction
from django.db.models import Max, Min, OuterRef, Subquery

BATCH = 10_000


def fill(apps, schema_editor):
    TrainingRequest = apps.get_model("training", "TrainingRequest")
    Organization = apps.get_model("accounts", "Organization")
    db = schema_editor.connection.alias
    requests = TrainingRequest.objects.using(db)
    bounds = requests.aggregate(low=Min("id"), high=Max("id"))
    if bounds["low"] is None:
        return
    organizations_province = Subquery(
        Organization.objects.using(db).filter(pk=OuterRef("organization_id")).values("province_id")[:1]
    )
    for start in range(bounds["low"], bounds["high"] + 1, BATCH):
        with transaction.atomic(using=db):
            requests.filter(id__gte=start, id__lt=start + BATCH, province__isnull=True).update(
                province_id=organizations_province
            )


class Migration(migrations.Migration):
    # Each batch commits on its own (see above).
    atomic = False

    dependencies = [
        ("training", "0006_request_province"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="trainingrequest",
            index=models.Index(fields=["province", "-id"], name="training_request_province_idx"),
        ),
    ]
