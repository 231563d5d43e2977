"""On PostgreSQL the database itself refuses to change or remove audit entries."""

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
DROP = """
DROP TRIGGER IF EXISTS workflow_auditentry_append_only ON workflow_auditentry;
DROP FUNCTION IF EXISTS workflow_audit_refuse_change();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("workflow", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
