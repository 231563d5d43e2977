import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_existing_province"),
        ("workflow", "0006_audit_moves_to_its_app"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="province",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="accounts.province",
                verbose_name="استان",
            ),
        ),
    ]
