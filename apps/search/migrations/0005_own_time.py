"""`updated_at` is the row's own time (its source's `changed`), no longer the moment the index wrote the row.

Neither `auto_now` nor a Python `default` is in the database: the column, its NOT NULL and its index
(`search_entry_newest`) stay as they are, so only Django's state changes. An AlterField would not leave the
table alone on SQLite: Django rebuilds the table for any altered field, and the rebuild drops the full-text
triggers of 0002 (`test_the_full_text_index_survives_the_migrations` checks). The rows already indexed keep
the time they were indexed at until `manage.py search_reindex` writes their sources' own.
"""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_newest"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="searchentry",
                    name="updated_at",
                    field=models.DateTimeField(default=django.utils.timezone.now),
                ),
            ],
        ),
    ]
