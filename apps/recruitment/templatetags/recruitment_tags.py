"""Template tags of service A: the hire file's document checklist, read where the case page includes it."""

from django import template

from .. import permissions, selectors
from ..services.hire_documents import can_attach

register = template.Library()


@register.simple_tag
def hire_checklist(hire, user) -> dict:
    """The file's required documents (attached or missing), and whether this user may attach them now, edit
    the file or give its employee number."""
    rows = selectors.hire_document_checklist(hire=hire)
    return {
        "rows": rows,
        "missing": [row.requirement.title for row in rows if not row.attached],
        "can_attach": can_attach(user, hire),
        # The edit link and the employee number's form, as the permission table answers this person.
        "can_edit": permissions.may(user, permissions.HIRE, "edit", hire),
        "can_finalize": permissions.may(user, permissions.EMPLOYEE_NUMBER, "act", hire),
    }
