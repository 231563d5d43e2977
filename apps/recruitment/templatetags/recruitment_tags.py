"""Template tags of service A: the hire file's document checklist, read where the case page includes it."""

from django import template

from .. import selectors
from ..services.hire_documents import can_attach

register = template.Library()


@register.simple_tag
def hire_checklist(hire, user) -> dict:
    """The file's required documents (attached or missing) and whether this user may attach them now."""
    rows = selectors.hire_document_checklist(hire=hire)
    return {
        "rows": rows,
        "missing": [row.requirement.title for row in rows if not row.attached],
        "can_attach": can_attach(user, hire),
    }
