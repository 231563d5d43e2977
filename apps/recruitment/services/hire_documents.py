"""A hire file is complete before the Deputy sees it: the agency attaches each required document while it
holds the file (its draft, or after a return), and sending, resending and forwarding ask for all of them."""

import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction

from apps.accounts.models import User
from apps.audit.trail import audit_append
from apps.core.errors import ConflictError, InvalidError
from apps.core.uploads import DOCUMENT_KINDS, validate_upload
from apps.workflow.models import Case, CaseAttachment

from .. import permissions, selectors
from ..models import Hire, HireDocument
from .common import require_may

# The steps at which the agency holds the file; once sent, what the Deputy reviews no longer changes.
ATTACHABLE_STATES = ("draft", "returned")


def hire_missing_documents(*, hire: Hire) -> list[str]:
    """The titles of the required documents the file does not carry yet, in the checklist's order."""
    return [row.requirement.title for row in selectors.hire_document_checklist(hire=hire) if not row.attached]


def hire_documents_refusal(*, hire: Hire) -> str:
    """A Persian refusal naming every missing document, or "" when the file is complete."""
    missing = hire_missing_documents(hire=hire)
    if not missing:
        return ""
    return "مدارک لازم پرونده کامل نیست؛ این مدارک پیوست نشده است: " + "، ".join(missing) + "."


def can_attach(user: User, hire: Hire) -> bool:
    """Whether the page offers this user the upload next to each document (the service decides anyway)."""
    return hire.case.state in ATTACHABLE_STATES and permissions.may(user, permissions.HIRE, "attach", hire)


def hire_document_attach(
    *, actor: User, hire: Hire, requirement: str, uploaded_file, ip: str | None = None
) -> HireDocument:
    """Attaches (or replaces) the file that answers one required document; the older upload stays on the
    case, so the history shows what the Deputy was first sent."""
    require_may(actor, permissions.HIRE, "attach", hire, "مدارک پرونده را کارگزینی همان دستگاه پیوست می‌کند.")
    wanted = {r.code: r for r in selectors.round_requirements(round_=hire.round)}
    required = wanted.get((requirement or "").strip())
    if required is None:
        raise InvalidError("این مدرک در فهرست مدارک لازم این پرونده نیست.")
    # Checked by its content (PDF, PNG or JPEG, not by its name) and its size before anything is locked.
    try:
        kind = validate_upload(uploaded_file, kinds=DOCUMENT_KINDS)
    except ValidationError as exc:
        raise InvalidError(exc.messages[0]) from exc
    digest = hashlib.sha256()
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)
    with transaction.atomic():
        # Locked as perform() locks it: a file is never sent while one of its documents is being swapped.
        case = Case.objects.select_for_update(no_key=True).get(pk=hire.case_id)
        if case.state not in ATTACHABLE_STATES:
            raise ConflictError(
                "مدارک پرونده فقط پیش از ارسال به معاونت یا پس از بازگشت به دستگاه پیوست می‌شود."
            )
        # Kept as the case's attachment, so the case page lists it with the others and its download is the
        # core's; who may attach is this service's rule above, not the core's "anyone who sees the case".
        attachment = CaseAttachment.objects.create(
            case=case,
            title=required.title,
            file=uploaded_file,
            kind=kind,
            size=uploaded_file.size,
            sha256=digest.hexdigest(),
            uploaded_by=actor,
        )
        document = HireDocument.objects.filter(hire=hire, requirement=required.code).first()
        replaced = document is not None
        if replaced:
            document.attachment = attachment
            document.save(update_fields=["attachment"])
        else:
            document = HireDocument.objects.create(
                hire=hire, requirement=required.code, attachment=attachment
            )
        audit_append(
            action="recruitment.hire.document",
            actor=actor,
            case=case,
            subject=hire,
            changes={
                "requirement": required.code,
                "title": required.title,
                "sha256": attachment.sha256,
                "replaced": replaced,
            },
            ip=ip,
        )
    return document
