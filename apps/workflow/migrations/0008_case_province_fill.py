"""Existing cases take their owner's province, a range of ids at a time (`apps.accounts.province_fill`);
the index is built afterwards."""

from django.db import migrations, models

from apps.accounts.province_fill import province_from_organization

BATCH = 10_000


def fill(apps, schema_editor):
    province_from_organization(apps, schema_editor, "workflow.Case", "owner", batch=BATCH)


class Migration(migrations.Migration):
    # Each batch commits on its own (apps.accounts.province_fill).
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
