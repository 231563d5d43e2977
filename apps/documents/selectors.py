"""Reads of issued documents: scoped for signed-in users, and the public verification lookup."""

import hashlib
import re

from django.db.models import QuerySet

from apps.accounts.permissions import get_or_refuse
from apps.core.digits import to_latin_digits

from .models import CODE_LENGTH, IssuedDocument
from .signing import check_pdf


def document_list_for_user(*, user) -> QuerySet[IssuedDocument]:
    return IssuedDocument.objects.visible_to(user).select_related("owner").order_by("-issued_at", "-id")


def document_get_for_user(*, user, pk: int, action: str = "view") -> IssuedDocument:
    """One document of any kind this person may `action`: 404 out of their reach, 403 for the action."""
    return get_or_refuse(IssuedDocument.objects.select_related("owner"), user, action, pk=pk)


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


_SPACES = re.compile(r"[\s\u200c]+")
# What is left at either end of a title once a name is taken out of it: dashes, colons, commas.
_LOOSE_ENDS = " \t-–—:،,"


def _name_pattern(name: str) -> re.Pattern | None:
    """The person's name however its words are spaced (a space, several, or a zero-width non-joiner)."""
    words = [re.escape(w) for w in _SPACES.split((name or "").strip()) if w]
    return re.compile(r"[\s\u200c]*".join(words)) if words else None


def without_name(text: str, name: str) -> str:
    """`text` with the person's `name` taken out, tidied.

    A title such as «اعلام کتبی تغییر علی محمدی از سمت …» names the holder in full; the public page
    shows the kind and this title, and the name only masked (DESIGN.md, Documents).
    """
    found = _name_pattern(name)
    if found is None or not text or not found.search(text):
        return text or ""
    cleaned = re.sub(r"\s+", " ", found.sub(" ", text)).strip(_LOOSE_ENDS)
    return re.sub(r"\s+([،,:])", r"\1", cleaned)


def _public_summary(document: IssuedDocument) -> list:
    """The summary's facts, with the holder's name masked wherever a fact holds it."""
    found = _name_pattern(document.holder_name)
    if found is None:
        return list(document.summary or [])
    masked = mask_name(document.holder_name)
    return [
        {**item, "value": found.sub(masked, str(item.get("value", "")))} if isinstance(item, dict) else item
        for item in document.summary or []
    ]


def verification_facts(document: IssuedDocument) -> dict:
    """The only facts the public page and API reveal about a document: nothing names the holder in full."""
    return {
        "code": document.verification_code,
        "kind": document.kind,
        "kind_label": document.kind_label,
        "title": without_name(document.title, document.holder_name) or document.kind_label,
        "number": document.number,
        "issued_at": document.issued_at,
        "holder_name": mask_name(document.holder_name),
        "owner": document.owner.name,
        "sha256": document.sha256,
        "revoked": document.is_revoked,
        "revoked_at": document.revoked_at,
        "summary": _public_summary(document),
    }


# What the signature of an uploaded file says, in the words of the page and the API.
SIGNATURE_VALID = "valid"
SIGNATURE_TAMPERED = "tampered"
SIGNATURE_UNTRUSTED = "untrusted"
SIGNATURE_NONE = "unsigned"


def document_check_file(*, data: bytes) -> dict:
    """Public: whether an uploaded PDF carries the desk's intact signature, which issued document it is
    (the same bytes as the one the desk stored: matched by SHA-256) and whether that one was revoked."""
    check = check_pdf(data)
    if not check.signed:
        signature = SIGNATURE_NONE
    elif not (check.intact and check.whole_file):
        signature = SIGNATURE_TAMPERED
    elif not (check.valid and check.trusted):
        signature = SIGNATURE_UNTRUSTED
    else:
        signature = SIGNATURE_VALID
    sha256 = hashlib.sha256(data).hexdigest()
    document = IssuedDocument.objects.select_related("owner").filter(sha256=sha256).first()
    facts = verification_facts(document) if document else None
    return {
        "signature": signature,
        "signature_valid": signature == SIGNATURE_VALID,
        "intact": check.intact and check.whole_file,
        "signed_by": check.signer,
        "sha256": sha256,
        "known": document is not None,
        "revoked": bool(document and document.is_revoked),
        "document": facts,
    }
