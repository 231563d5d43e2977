"""What the search box finds of the issued documents: a document by its verification code or title."""

from django.db.models.functions import Coalesce
from django.urls import reverse

from apps.core.jalali import format_date
from apps.search.registry import Found, Source, register


def _document(document) -> Found:
    return Found(
        title=document.title,
        url=reverse("documents:verify", kwargs={"code": document.verification_code}),
        detail=f"{document.kind_label} — کد صحت‌سنجی {document.verification_code} — "
        f"{format_date(document.issued_at)}",
        words=(document.verification_code, document.holder_name, document.kind_label),
    )


# Every document kind decides together, as on the list of documents (`kind` left empty).
register(
    Source(
        name="document",
        label="اسناد صادرشده",
        model="documents.IssuedDocument",
        read=_document,
        # Its revocation, the one change an issued document has; else its issue.
        changed=Coalesce("revoked_at", "issued_at"),
        order=50,
        agency="owner",
    )
)
