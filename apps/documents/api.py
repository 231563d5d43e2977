"""API: public verification of a document by its code, and the caller's documents with their PDFs."""

import datetime as dt

from django.core.exceptions import ValidationError
from ninja import Field, File, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import paginate

from apps.accounts.permissions import permission, public
from apps.core.errors import InvalidError, NotFoundError
from apps.core.jalali import format_date
from apps.core.uploads import validate_upload

from . import selectors
from .views import pdf_response

router = Router(tags=["documents"])


class SummaryItem(Schema):
    label: str
    value: str


class VerificationOut(Schema):
    code: str
    kind: str
    kind_label: str
    title: str
    number: str
    issued_at: dt.datetime
    issued_on_jalali: str
    holder_name: str = Field(description="Partly masked, e.g. «ع*** م***»")
    owner: str
    sha256: str
    revoked: bool
    revoked_at: dt.datetime | None
    summary: list[SummaryItem]

    @staticmethod
    def resolve_issued_on_jalali(facts: dict) -> str:
        return format_date(facts["issued_at"], persian_digits=False)


class DocumentOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    verification_code: str
    holder_name: str
    owner: str = Field(alias="owner.name")
    case_id: int | None
    issued_at: dt.datetime
    revoked: bool = Field(alias="is_revoked")
    sha256: str


@router.get("/documents/verify/{code}", auth=None, response=VerificationOut, summary="Verify a document")
@public
def document_verify(request, code: str):
    document = selectors.document_verify(code=code)
    if document is None:
        raise NotFoundError("سندی با این کد صحت‌سنجی یافت نشد.")
    return selectors.verification_facts(document)


class FileVerificationOut(Schema):
    signature: str = Field(description="valid, tampered (changed after signing), untrusted or unsigned")
    signature_valid: bool = Field(description="Signed by the desk's certificate and unchanged since")
    intact: bool
    signed_by: str
    sha256: str
    known: bool = Field(description="The file is, byte for byte, a document the desk issued")
    revoked: bool
    document: VerificationOut | None


@router.post(
    "/documents/verify", auth=None, response=FileVerificationOut, summary="Verify an uploaded document's PDF"
)
@public
def document_verify_file(request, file: File[UploadedFile]):
    try:
        validate_upload(file, kinds=("pdf",))
    except ValidationError as exc:
        raise InvalidError(exc.messages[0]) from exc
    return selectors.document_check_file(data=file.read())


@router.get("/documents", response=list[DocumentOut], summary="Documents the caller may see")
@permission(model="documents.IssuedDocument")
@paginate
def document_list(request):
    return selectors.document_list_for_user(user=request.user)


@router.get("/documents/{int:document_id}/pdf", summary="The document's PDF")
@permission(model="documents.IssuedDocument", action="download", lookup="document_id")
def document_pdf(request, document_id: int):
    return pdf_response(selectors.document_get_for_user(user=request.user, pk=document_id, action="download"))
