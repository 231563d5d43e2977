"""Existing cases take their owner's province, a range of ids at a time, each range its own transaction: at
the nation's volume one UPDATE of every case would hold its locks, and its undo, for minutes. The index is
built afterwards, once, rather than kept up through every batch."""

from django.db import migrations, models, transaction
from django.db.models import Max, Min, OuterRef, Subquery

BATCH = 10_000


def fill(apps, schema_editor):
    Case = apps.get_model("workflow", "Case")
    Organization = apps.get_model("accounts", "Organization")
    db = schema_editor.connection.alias
    cases = Case.objects.using(db)
    bounds = cases.aggregate(low=Min("id"), high=Max("id"))
    if bounds["low"] is None:
        return
    owners_province = Subquery(
        Organization.objects.using(db).filter(pk=OuterRef("owner_id")).values("province_id")[:1]
    )
    for start in range(bounds["low"], bounds["high"] + 1, BATCH):
        with transaction.atomic(using=db):
            cases.filter(id__gte=start, id__lt=start + BATCH, province__isnull=True).update(
                province_id=owners_province
            )


class Migration(migrations.Migration):
    # Each batch commits on its own (see above).
    atomic = False

    dependencies = [
        ("workflow", "0007_case_province"),
        # The data migrations that gave existing records their cases (apps.workflow.record_migrations): theirs
        # are filled here too.
        ("training", "0005_session_case"),
        ("managers", "0004_decree_case"),
        ("evaluation", "0007_record_cases_pointed"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["province", "-id"], name="case_province_idx"),
        ),
    ]
