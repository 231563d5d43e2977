import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_existing_province"),
        ("training", "0005_session_case"),
        ("workflow", "0008_case_province_fill"),
    ]

    operations = [
        migrations.AddField(
            model_name="trainingrequest",
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
