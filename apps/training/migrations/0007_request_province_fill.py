"""Existing requests take their requesting organization's province, a range of ids at a time
(`apps.accounts.province_fill`); the index is built afterwards."""

from django.db import migrations, models

from apps.accounts.province_fill import province_from_organization

BATCH = 10_000


def fill(apps, schema_editor):
    province_from_organization(apps, schema_editor, "training.TrainingRequest", "organization", batch=BATCH)


class Migration(migrations.Migration):
    # Each batch commits on its own (apps.accounts.province_fill).
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
