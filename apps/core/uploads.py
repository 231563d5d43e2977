"""Uploaded files are checked by their content, not their name, and by their size."""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError

# The first bytes of each kind the desk accepts.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "xlsx": (b"PK\x03\x04",),
}
KIND_LABELS = {"pdf": "PDF", "png": "PNG", "jpg": "JPEG", "xlsx": "اکسل (.xlsx)"}
DOCUMENT_KINDS = ("pdf", "png", "jpg")
IMAGE_KINDS = ("png", "jpg")


def detect_kind(uploaded) -> str | None:
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    for kind, signatures in SIGNATURES.items():
        if any(head.startswith(sig) for sig in signatures):
            if kind == "xlsx" and not _is_xlsx(uploaded):
                return None
            return kind
    return None


def _is_xlsx(uploaded) -> bool:
    try:
        with zipfile.ZipFile(uploaded) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False
    finally:
        uploaded.seek(0)


def validate_upload(uploaded, *, kinds=DOCUMENT_KINDS, max_bytes: int | None = None) -> str:
    """Returns the detected kind, or raises a Persian ValidationError naming what is accepted."""
    limit = max_bytes or settings.KHEDMAT_MAX_UPLOAD_BYTES
    if uploaded.size > limit:
        raise ValidationError(f"حجم فایل بیش از حد مجاز ({limit // (1024 * 1024)} مگابایت) است.")
    if uploaded.size == 0:
        raise ValidationError("فایل خالی است.")
    kind = detect_kind(uploaded)
    if kind not in kinds:
        accepted = "، ".join(KIND_LABELS[k] for k in kinds)
        raise ValidationError(f"نوع فایل پذیرفته نیست؛ فقط {accepted} بارگذاری کنید.")
    return kind
