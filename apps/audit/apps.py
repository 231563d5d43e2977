"""The audit trail at the bottom of the house: the workflow core, the messages and every service write to it,
and it imports none of them."""

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "apps.audit"
    verbose_name = "رد ممیزی"
