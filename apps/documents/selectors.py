"""Reads of issued documents: scoped for signed-in users, and the public verification lookup."""

import re

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from apps.core.digits import to_latin_digits

from .models import CODE_LENGTH, IssuedDocument


def document_list_for_user(*, user) -> QuerySet[IssuedDocument]:
    return IssuedDocument.objects.visible_to(user).select_related("owner").order_by("-issued_at", "-id")


def document_get_for_user(*, user, pk: int) -> IssuedDocument:
    return get_object_or_404(IssuedDocument.objects.visible_to(user), pk=pk)


def normalize_code(code: str) -> str:
    """What a person types, with Persian digits, spaces, dashes or lower case, as it was printed."""
    return re.sub(r"[^0-9A-Z]", "", to_latin_digits(code or "").upper())


def document_verify(*, code: str) -> IssuedDocument | None:
    """Public and unscoped on purpose: anyone holding the paper may check it."""
    code = normalize_code(code)
    if len(code) != CODE_LENGTH:
        return None
    return IssuedDocument.objects.select_related("owner").filter(verification_code=code).first()


def mask_name(name: str) -> str:
    """«علی محمدی» → «ع*** م***»: enough to match the paper, too little to learn a name from."""
    return " ".join(f"{word[0]}***" for word in (name or "").split())


def verification_facts(document: IssuedDocument) -> dict:
    """The only facts the public page and API reveal about a document."""
    return {
        "code": document.verification_code,
        "kind": document.kind,
        "kind_label": document.kind_label,
        "title": document.title,
        "number": document.number,
        "issued_at": document.issued_at,
        "holder_name": mask_name(document.holder_name),
        "owner": document.owner.name,
        "sha256": document.sha256,
        "revoked": document.is_revoked,
        "revoked_at": document.revoked_at,
        "summary": document.summary,
    }
