"""What the case history says for issued and revoked documents."""

from apps.workflow.history import fields, register_label

from .kinds import kind_label


def _issued(entry) -> str:
    kind = entry.action.split(".")[1]
    title = fields(entry)["title"]
    return f"{kind_label(kind)} «{title}» را صادر کرد" if title else f"{kind_label(kind)} را صادر کرد"


def _revoked(entry) -> str:
    return f"{kind_label(entry.action.split('.')[1])} را باطل کرد"


register_label("documents.*.issued", _issued)
register_label("documents.*.revoked", _revoked)
