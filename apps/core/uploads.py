"""Uploaded files are checked by their content, not their name, and by their size; a file chosen on a form
that came back with an error is held on the server so the person need not choose it again."""

import logging
import secrets
import zipfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

logger = logging.getLogger(__name__)

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


# Long enough to correct a form and send it again, short enough that nothing chosen and abandoned stays.
HELD_UPLOAD_MAX_AGE = timedelta(days=1)


@dataclass(frozen=True)
class HeldFile:
    """A file held for a form: what the form shows ("already chosen: name.pdf") and the token it sends back."""

    token: str
    name: str
    size: int
    content_type: str = ""

    def open(self) -> UploadedFile | None:
        """The held file as a fresh upload, read by the form and the services as if chosen again."""
        held = _held_row(self.token)
        if held is None:
            return None
        return UploadedFile(
            file=held.file.open("rb"), name=held.name, content_type=held.content_type, size=held.size
        )


def upload_hold(uploaded) -> HeldFile | None:
    """Keeps a copy of a chosen file and returns its token, or None for a file no service would take
    (an unknown kind, empty or too large: the person must choose another anyway, as the error says)."""
    held = getattr(uploaded, "_khedmat_held", None)
    if held is not None:
        return held
    try:
        validate_upload(uploaded, kinds=tuple(SIGNATURES))
    except ValidationError:
        return None
    from .models import HeldUpload

    name = PurePath(uploaded.name or "file").name[:255]
    row = HeldUpload(
        token=secrets.token_urlsafe(32),
        name=name,
        size=uploaded.size,
        content_type=(getattr(uploaded, "content_type", "") or "")[:120],
    )
    uploaded.seek(0)
    # Stored under a random name: the person's file name is only shown, never used as a path.
    row.file.save(f"{secrets.token_hex(16)}{PurePath(name).suffix[:10]}", uploaded, save=False)
    row.save()
    uploaded.seek(0)
    held = HeldFile(token=row.token, name=row.name, size=row.size, content_type=row.content_type)
    uploaded._khedmat_held = held
    return held


def held_file_get(token: str) -> HeldFile | None:
    row = _held_row(token)
    if row is None:
        return None
    return HeldFile(token=row.token, name=row.name, size=row.size, content_type=row.content_type)


# A file chosen in a row's own form on a record's page (an attachment, a piece of evidence) is posted to a
# view that sends the person back to the page; the page's form is not the view's, so the held file's token
# waits in the session under the row's key until the page shows that row's file box again.
SESSION_HELD = "khedmat_held_files"


def row_key(*parts) -> str:
    """The key of one row's file box: its kind and what names the row (`row_key("evaluation.evidence", 12)`)."""
    return ":".join(str(part) for part in parts)


def hold_for_retry(request, key: str, name: str = "file") -> HeldFile | None:
    """Keeps the file posted as `name` (chosen now, or held from the last try) for the row `key`."""
    uploaded = request.FILES.get(name)
    held = upload_hold(uploaded) if uploaded else held_file_get(request.POST.get(f"{name}__held", ""))
    kept = dict(request.session.get(SESSION_HELD, {}))
    if held is None:
        kept.pop(key, None)
    else:
        kept[key] = held.token
    request.session[SESSION_HELD] = kept
    return held


def held_for(request, key: str) -> HeldFile | None:
    """The file waiting for the row `key`, if any and not yet expired."""
    session = getattr(request, "session", None)
    token = session.get(SESSION_HELD, {}).get(key) if session is not None else None
    return held_file_get(token) if token else None


def held_release(request, key: str) -> None:
    """The row's file was taken: nothing waits for it any more."""
    kept = dict(request.session.get(SESSION_HELD, {}))
    if kept.pop(key, None) is not None:
        request.session[SESSION_HELD] = kept


def _held_row(token: str):
    from .models import HeldUpload

    if not token or len(token) > 64:
        return None
    cutoff = timezone.now() - HELD_UPLOAD_MAX_AGE
    return HeldUpload.objects.filter(token=token, created_at__gte=cutoff).first()


def held_uploads_purge(*, now=None) -> int:
    """Deletes held files older than HELD_UPLOAD_MAX_AGE with their rows; returns how many went."""
    from .models import HeldUpload

    cutoff = (now or timezone.now()) - HELD_UPLOAD_MAX_AGE
    purged = 0
    for row in HeldUpload.objects.filter(created_at__lt=cutoff).iterator():
        # The file first: a row pointing at nothing is harmless, a file no row names would be kept forever.
        row.file.delete(save=False)
        row.delete()
        purged += 1
    if purged:
        logger.info("deleted %s held uploads", purged)
    return purged
