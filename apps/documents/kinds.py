"""The registry of document kinds: each app that issues a document declares its kind once.

`document_kind(code, label)` is the permission model's kind of the same documents
(`apps.accounts.permissions`), which the issuing app registers and grants in its own `permissions` module.
"""

from django.db.models import Q

from apps.accounts.permissions import Kind

_KINDS: dict[str, str] = {}

LETTER = "letter"


def register_kind(code: str, label: str) -> str:
    """Declares a kind (e.g. "certificate", "گواهی") so documents of it can be issued and shown."""
    _KINDS[code] = label
    return code


def kind_label(code: str) -> str:
    return _KINDS.get(code, code)


def is_registered(code: str) -> bool:
    return code in _KINDS


def kind_choices() -> list[tuple[str, str]]:
    # A callable, so a kind registered by another app never needs a migration here.
    return list(_KINDS.items())


def _held_by(user) -> Q:
    # A person is a document's holder by national ID; a person without one holds nothing.
    national_id = getattr(user, "national_id", None)
    return Q(holder_national_id=national_id) if national_id else Q(pk__in=[])


def document_kind(code: str, label: str) -> Kind:
    """The kind `document.<code>` of issued documents: own = held by the person (their national ID),
    agency = issued to their organization's file (the document's owner)."""
    return Kind(
        name=f"document.{code}",
        label=label,
        model="documents.IssuedDocument",
        agency="owner",
        own=_held_by,
        rows=Q(kind=code),
    )


register_kind(LETTER, "نامه رسمی")
