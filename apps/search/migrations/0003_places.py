"""Where each index row is: its agency and province ids, each with an index.

Both columns may be empty, so SQLite adds them with ALTER TABLE (no copy of the table): the full-text
triggers of 0002 stay (`test_the_full_text_index_survives_the_migrations` checks). Existing rows stay empty
until `manage.py search_reindex` fills them; meanwhile the search looks at an empty row as it did before
(the narrowing keeps rows with no place), so nothing is lost, only not yet narrowed.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0002_full_text'),
    ]

    operations = [
        migrations.AddField(
            model_name='searchentry',
            name='agency_id',
            field=models.BigIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='searchentry',
            name='province_id',
            field=models.BigIntegerField(blank=True, null=True),
        ),
        migrations.AddIndex(
            model_name='searchentry',
            index=models.Index(fields=['agency_id'], name='search_entry_agency'),
        ),
        migrations.AddIndex(
            model_name='searchentry',
            index=models.Index(fields=['province_id'], name='search_entry_province'),
        ),
    ]
