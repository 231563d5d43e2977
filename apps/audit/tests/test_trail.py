"""The audit trail: append-only, and any tampering is named by `audit_verify`."""

import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from apps.audit.models import AuditChainHead, AuditEntry
from apps.audit.trail import audit_append, audit_verify
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
    _remove(AuditEntry.objects.order_by("id").first())
    assert audit_verify() is not None


def test_verify_notices_the_last_entries_removed(open_case, org_expert):
    perform(open_case(), "approve", actor=org_expert)
    _remove(AuditEntry.objects.order_by("id").last())
    assert audit_verify().action == "chain-head"


def _remove(entry):
    _drop_triggers()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM workflow_auditentry WHERE id = %s", [entry.pk])


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("table", [AuditChainHead._meta.db_table, AuditEntry._meta.db_table])
def test_an_entry_written_while_the_chain_is_walked_is_no_tampering(open_case, org_expert, table):
    """The nightly check runs beside the desk: another connection appends just before the check reads the
    chain's head, or just before it reads the entries."""
    perform(open_case(), "approve", actor=org_expert)
    appended = []

    def append_first(execute, sql, params, many, context):
        if table in sql and not appended:
            appended.append(_append_elsewhere())
        return execute(sql, params, many, context)

    with connection.execute_wrapper(append_first):
        assert audit_verify() is None
    assert appended and AuditEntry.objects.order_by("id").last().reason == "نوشته در میانه‌ی بررسی"


def _append_elsewhere():
    def append():
        try:
            with transaction.atomic():
                audit_append(action="note", reason="نوشته در میانه‌ی بررسی")
        finally:
            connection.close()

    other = threading.Thread(target=append)
    other.start()
    other.join()
    return True


def _drop_triggers():
    """Plays the attacker with database access: the chain must still tell."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER workflow_auditentry_append_only ON workflow_auditentry")
        else:
            cursor.execute("DROP TRIGGER workflow_auditentry_no_update")
