"""Issuing and revoking documents, and the official letter built on them."""

import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from apps.accounts import permissions
from apps.accounts.models import Organization, User
from apps.audit.trail import audit_append
from apps.core.errors import ConflictError, ForbiddenError, InvalidError
from apps.workflow.models import Case

from .kinds import LETTER, is_registered, kind_label
from .models import IssuedDocument, new_verification_code
from .render import qr_data_uri, render_pdf
from .signing import sign_pdf


def verify_url(code: str) -> str:
    """The public address printed under the QR code."""
    return settings.KHEDMAT_SITE_URL.rstrip("/") + reverse("documents:verify", kwargs={"code": code})


def _unused_code() -> str:
    # ~49 bits per code: a collision is a curiosity, but the unique index must never be what catches it.
    while True:
        code = new_verification_code()
        if not IssuedDocument.objects.filter(verification_code=code).exists():
            return code


def document_issue(
    *,
    kind: str,
    template_name: str,
    context: dict,
    title: str,
    owner: Organization,
    holder_name: str,
    actor: User,
    case: Case | None = None,
    holder_national_id: str = "",
    summary: dict | None = None,
    ip: str | None = None,
) -> IssuedDocument:
    """Renders `template_name` to PDF, stores it with its hash and verification code, and audits it.

    `summary` holds the facts (label → value) the public verification page may show; nothing personal.
    """
    if not is_registered(kind):
        raise InvalidError("نوع سند تعریف نشده است.")
    title, holder_name = (title or "").strip(), (holder_name or "").strip()
    if not title or not holder_name:
        raise InvalidError("عنوان سند و نام دارنده آن لازم است.")
    with transaction.atomic():
        # The row comes first: the PDF prints its number and code.
        document = IssuedDocument.objects.create(
            kind=kind,
            title=title,
            verification_code=_unused_code(),
            holder_name=holder_name,
            holder_national_id=holder_national_id,
            owner=owner,
            case=case,
            summary=[{"label": label, "value": str(value)} for label, value in (summary or {}).items()],
            issued_by=actor,
        )
        url = verify_url(document.verification_code)
        pdf = render_pdf(
            template_name,
            {
                # The signature block names whoever issues it, unless the document names its own official.
                "signer_name": actor.get_full_name() or actor.username,
                "signer_title": actor.title or "، ".join(actor.role_labels),
                **context,
                "document": document,
                "issuer": actor.organization,
                "issuer_unit": actor.unit.name if actor.unit_id else "",
                "verify_url": url,
                "qr_data_uri": qr_data_uri(url),
            },
        )
        # Signed where it is rendered (the issuing job); the stored hash is the signed file's, which is
        # what a holder uploads to the verification page.
        pdf = sign_pdf(pdf, reason=f"{kind_label(kind)} {document.number}", location=actor.organization.name)
        document.sha256 = hashlib.sha256(pdf).hexdigest()
        document.file.save(document.filename, ContentFile(pdf), save=False)
        document.save(update_fields=["file", "sha256"])
        audit_append(
            action=f"documents.{kind}.issued",
            actor=actor,
            case=case,
            subject=document,
            changes={
                "title": title,
                "verification_code": document.verification_code,
                "sha256": document.sha256,
            },
            ip=ip,
        )
    return document


def can_revoke(user: User, document: IssuedDocument) -> bool:
    """Only the organization that issued a document may withdraw it."""
    return user.is_superuser or (
        user.organization_id is not None and user.organization_id == document.issued_by.organization_id
    )


@transaction.atomic
def document_revoke(
    *, document: IssuedDocument, actor: User, reason: str, ip: str | None = None
) -> IssuedDocument:
    document = (
        IssuedDocument.objects.select_for_update(no_key=True).select_related("issued_by").get(pk=document.pk)
    )
    if not can_revoke(actor, document):
        raise ForbiddenError("فقط سازمان صادرکننده می‌تواند این سند را باطل کند.")
    if document.is_revoked:
        raise ConflictError("این سند پیش‌تر باطل شده است.")
    reason = (reason or "").strip()
    if not reason:
        raise InvalidError("دلیل ابطال سند را بنویسید.")
    document.revoked_at = timezone.now()
    document.revoke_reason = reason
    document.save(update_fields=["revoked_at", "revoke_reason"])
    audit_append(
        action=f"documents.{document.kind}.revoked",
        actor=actor,
        case=document.case,
        subject=document,
        reason=reason,
        changes={"verification_code": document.verification_code},
        ip=ip,
    )
    return document


def can_issue_letter(user: User) -> bool:
    """Official letters go out from the Organization to the agencies: the table's "create" of letters."""
    return permissions.may(user, f"document.{LETTER}", "create")


def letter_paragraphs(body: str) -> list[str]:
    return [line.strip() for line in (body or "").splitlines() if line.strip()]


def letter_issue(
    *, case: Case, actor: User, subject: str, body: str, ip: str | None = None
) -> IssuedDocument:
    """Issues an official letter (نامه رسمی) from the Organization to the agency that owns `case`."""
    if not can_issue_letter(actor):
        raise ForbiddenError("فقط کارکنان سازمان می‌توانند نامه رسمی صادر کنند.")
    subject, paragraphs = (subject or "").strip(), letter_paragraphs(body)
    if not subject or not paragraphs:
        raise InvalidError("موضوع و متن نامه لازم است.")
    return document_issue(
        kind=LETTER,
        template_name="documents/letter.html",
        context={
            "case": case,
            "recipient": case.owner.name,
            "subject": subject,
            "paragraphs": paragraphs,
            "signer_name": actor.get_full_name() or actor.username,
            "signer_title": actor.title or "، ".join(actor.role_labels),
        },
        title=subject,
        owner=case.owner,
        holder_name=case.owner.name,
        actor=actor,
        case=case,
        summary={"صادرکننده": actor.organization.name},
        ip=ip,
    )
