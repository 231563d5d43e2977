"""An index of the rows by (updated_at, id), which the search reads backwards to look at the newest rows first.

Adding an index is a CREATE INDEX on SQLite too (no copy of the table): the full-text triggers of 0002 stay
(`test_the_full_text_index_survives_the_migrations` checks).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_places"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["updated_at", "id"], name="search_entry_newest"),
        ),
    ]
