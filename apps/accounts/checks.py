"""A system check of the permission table: every granted scope must be one its kind can find."""

from django.core import checks

from .permissions import declaration_errors


@checks.register(checks.Tags.security)
def permission_table_check(app_configs, **kwargs):
    return [checks.Error(error, id="khedmat.E020") for error in declaration_errors()]
