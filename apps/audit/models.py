"""The append-only, hash-chained audit trail: one row per change anyone or the desk makes."""

from django.conf import settings
from django.db import models


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("the audit trail is append-only")

    def delete(self):
        raise PermissionError("the audit trail is append-only")


class AuditEntry(models.Model):
    """One line of the append-only, hash-chained audit trail."""

    case = models.ForeignKey(
        "workflow.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="audit"
    )
    action = models.CharField("رویداد", max_length=80, db_index=True)
    from_state = models.CharField(max_length=40, blank=True)
    to_state = models.CharField(max_length=40, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_name = models.CharField(max_length=200, blank=True)
    # The absent person the actor stood in for (a substitute's action), named as at the time; in the hash.
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    on_behalf_of_name = models.CharField(max_length=200, blank=True)
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.PROTECT, null=True, related_name="+"
    )
    ip = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(db_index=True)
    reason = models.TextField(blank=True)
    changes = models.JSONField(default=dict, blank=True)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        # The table it has had since the trail was the workflow core's: moving the model moved no row.
        db_table = "workflow_auditentry"
        ordering = ["id"]
        verbose_name = "رویداد ممیزی"
        verbose_name_plural = "رد ممیزی"

    def __str__(self) -> str:
        return f"{self.id} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None or not kwargs.get("force_insert", False):
            raise PermissionError("audit entries are written once, through audit_append()")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("the audit trail is append-only")


class AuditChainHead(models.Model):
    """A single row whose lock orders writers of the chain and which holds its last hash."""

    last_hash = models.CharField(max_length=64)

    class Meta:
        db_table = "workflow_auditchainhead"

    def __str__(self) -> str:
        return self.last_hash
