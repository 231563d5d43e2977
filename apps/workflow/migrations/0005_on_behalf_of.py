"""Whom a substitute acted for, on the audit trail and on a finished step (issue 24)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# SQLite adds a foreign key by rebuilding the table, which drops the trigger of 0002: it is put back.
SQLITE_TRIGGER = [
    "DROP TRIGGER IF EXISTS workflow_auditentry_no_update;",
    "CREATE TRIGGER workflow_auditentry_no_update BEFORE UPDATE ON workflow_auditentry "
    "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;",
]


def sqlite_trigger_back(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_TRIGGER:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0004_case_step_key"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="on_behalf_of",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="on_behalf_of_name",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AddField(
            model_name="steprecord",
            name="on_behalf_of",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(sqlite_trigger_back, migrations.RunPython.noop),
    ]
