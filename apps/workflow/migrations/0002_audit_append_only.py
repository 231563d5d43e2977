"""The database itself refuses to change or remove audit entries."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION workflow_audit_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER workflow_auditentry_append_only
    BEFORE UPDATE OR DELETE ON workflow_auditentry
    FOR EACH ROW EXECUTE FUNCTION workflow_audit_refuse_change();
"""
# SQLite (the embedded mode) refuses updates only: its `flush`, which the test server's reset uses, is
# a DELETE that a delete trigger would block. PostgreSQL's flush is a TRUNCATE, which row triggers let be.
SQLITE_CREATE = [
    "CREATE TRIGGER workflow_auditentry_no_update BEFORE UPDATE ON workflow_auditentry "
    "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;",
]
SQLITE_DROP = ["DROP TRIGGER IF EXISTS workflow_auditentry_no_update;"]
DROP = """
DROP TRIGGER IF EXISTS workflow_auditentry_append_only ON workflow_auditentry;
DROP FUNCTION IF EXISTS workflow_audit_refuse_change();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_CREATE:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("workflow", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
