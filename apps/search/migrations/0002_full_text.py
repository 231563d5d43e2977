"""The full-text index beside the search table, in each database's own way.

PostgreSQL: a `tsvector` column the database computes from `text` (config "simple": the words are already
normalised, and no stemming suits Persian better than a wrong one), with a GIN index. SQLite: an FTS5 table
over `text`, with triggers that keep it in step with every insert, update and delete.
"""

from django.db import migrations

POSTGRES = [
    "ALTER TABLE search_searchentry ADD COLUMN vector tsvector"
    " GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, text)) STORED",
    "CREATE INDEX search_entry_vector_gin ON search_searchentry USING gin (vector)",
]
POSTGRES_REVERSE = ["ALTER TABLE search_searchentry DROP COLUMN vector"]

SQLITE = [
    "CREATE VIRTUAL TABLE search_entry_fts USING fts5("
    "text, content='search_searchentry', content_rowid='id', tokenize='unicode61')",
    "CREATE TRIGGER search_entry_fts_insert AFTER INSERT ON search_searchentry BEGIN"
    " INSERT INTO search_entry_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER search_entry_fts_delete AFTER DELETE ON search_searchentry BEGIN"
    " INSERT INTO search_entry_fts(search_entry_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER search_entry_fts_update AFTER UPDATE ON search_searchentry BEGIN"
    " INSERT INTO search_entry_fts(search_entry_fts, rowid, text) VALUES ('delete', old.id, old.text);"
    " INSERT INTO search_entry_fts(rowid, text) VALUES (new.id, new.text); END",
]
SQLITE_REVERSE = [
    "DROP TRIGGER search_entry_fts_update",
    "DROP TRIGGER search_entry_fts_delete",
    "DROP TRIGGER search_entry_fts_insert",
    "DROP TABLE search_entry_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}),
        )
    ]
