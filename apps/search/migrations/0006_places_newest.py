"""The index's place and time indexes lead with the source and end with the row's time: each part of a
person's places (one source in one place: `selectors._places`) is one range of one of them, read backwards
for its newest rows, so the search's first look reads its places' newest rows, not the whole index's.

They replace the single-column agency and province indexes (a part's match uses the new ones the same way)
and the whole index's (updated_at, id). Adding and dropping an index is a CREATE or DROP INDEX on SQLite too
(no copy of the table): the full-text triggers of 0002 stay (`test_the_full_text_index_survives_the_migrations`
checks).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0005_own_time"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["source", "updated_at", "id"], name="search_entry_source_newest"),
        ),
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(
                fields=["source", "agency_id", "updated_at", "id"], name="search_entry_agency_newest"
            ),
        ),
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(
                fields=["source", "province_id", "updated_at", "id"], name="search_entry_province_newest"
            ),
        ),
        migrations.RemoveIndex(model_name="searchentry", name="search_entry_newest"),
        migrations.RemoveIndex(model_name="searchentry", name="search_entry_agency"),
        migrations.RemoveIndex(model_name="searchentry", name="search_entry_province"),
    ]
