from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0005_on_behalf_of"),
        # Data migrations that read the trail where it was.
        ("evaluation", "0006_cycle_nomination_cases"),
        ("recruitment", "0006_round_case"),
    ]

    # The trail moves to its own app (apps/audit) with its tables as they are: only Django's idea of which
    # app owns them changes.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="AuditChainHead"),
                migrations.DeleteModel(name="AuditEntry"),
            ],
        ),
    ]
