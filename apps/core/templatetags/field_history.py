"""`{% field_history record %}`: the record's field history, for a page whose view belongs to another app
(a case's page, where the service's partial names its record)."""

from django import template

from apps.core.field_history import field_history as history_of

register = template.Library()


@register.inclusion_tag("core/_field_history.html")
def field_history(*targets):
    return {"rows": history_of(*targets)}
