"""The audit trail: append-only, and any tampering is named by `audit_verify`."""

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from apps.audit.models import AuditEntry
from apps.audit.trail import audit_verify
from apps.workflow.services import perform


def test_an_entry_cannot_be_changed_or_deleted_through_the_orm(open_case):
    entry = AuditEntry.objects.filter(case=open_case()).first()
    entry.reason = "دستکاری"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="x")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()


def test_the_database_refuses_an_update_even_in_raw_sql(open_case):
    entry = AuditEntry.objects.filter(case=open_case()).first()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE workflow_auditentry SET reason = 'x' WHERE id = %s", [entry.pk])


def test_verify_names_the_first_tampered_entry(open_case, org_expert):
    case = perform(open_case(), "approve", actor=org_expert)
    perform(open_case(title="دوم"), "reject", actor=org_expert, reason="ناقص")
    call_command("audit_verify")
    assert audit_verify() is None
    target = AuditEntry.objects.filter(case=case).order_by("id").last()
    _drop_triggers()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE workflow_auditentry SET reason = 'جعلی' WHERE id = %s", [target.pk])
    assert audit_verify().pk == target.pk
    with pytest.raises(CommandError, match=str(target.pk)):
        call_command("audit_verify")


def test_verify_notices_a_removed_entry(open_case, org_expert):
    perform(open_case(), "approve", actor=org_expert)
    first = AuditEntry.objects.order_by("id").first()
    _drop_triggers()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM workflow_auditentry WHERE id = %s", [first.pk])
    assert audit_verify() is not None


def _drop_triggers():
    """Plays the attacker with database access: the chain must still tell."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER workflow_auditentry_append_only ON workflow_auditentry")
        else:
            cursor.execute("DROP TRIGGER workflow_auditentry_no_update")
