"""Request helpers shared by views and API routes."""

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.functional import SimpleLazyObject

from .errors import ServiceError
from .pagination import CappedPaginator


def client_ip(request) -> str | None:
    """The caller's address; behind a trusted proxy, the first X-Forwarded-For hop."""
    if getattr(settings, "KHEDMAT_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR") or None


PAGE_SIZE = 50


def paginate(request, queryset, *, per_page: int = PAGE_SIZE):
    """One page of any list: a COUNT (of at most `pagination.COUNT_CAP` + 1 rows) and one slice, whatever the
    data size, read when the page is first used,
    so a list kept whole (`{% listing %}`) is not read at all. `queryset` may also be a function that builds
    it, so that such a list is not even built."""
    number = request.GET.get("page")
    build = queryset if callable(queryset) else lambda: queryset
    return SimpleLazyObject(lambda: CappedPaginator(build(), per_page).get_page(number))


def file_download(
    stored_file, *, filename: str = "", content_type: str | None = None, as_attachment: bool = True
) -> FileResponse:
    """A stored file (a FileField's value) as a download, under `filename` or the name it was stored with;
    a file lost from the disk (a restore without its media, say) is «not found», not a server error."""
    try:
        opened = stored_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("فایل یافت نشد.") from exc
    return FileResponse(
        opened,
        as_attachment=as_attachment,
        filename=filename or Path(stored_file.name).name,
        content_type=content_type,
    )


def attempt(request, call, success="", *, form=None, field=None):
    """The one shell of a page's write: runs `call` (a service) and says `success` (a sentence, or a function
    of what the call returned; nothing when empty); a service's refusal (`apps.core.errors`) becomes the
    form's error (on `field`, or the whole form's) when there is a form, else the page's message. With a form,
    nothing runs unless it was posted and is valid. Returns what the call returned (True for nothing), or None
    when it did not run or was refused."""
    if form is not None and (request.method != "POST" or not form.is_valid()):
        return None
    try:
        result = call()
    except ServiceError as exc:
        if form is not None:
            form.add_error(field, exc.message)
            # A refused spreadsheet lists every bad row (`errors`), for the page to show beside the form.
            form.row_errors = getattr(exc, "errors", [])
        else:
            messages.error(request, exc.message)
        return None
    said = success(result) if callable(success) else success
    if said:
        messages.success(request, said)
    return True if result is None else result


def attempt_and_return(request, call, success, to: str, *args):
    """`attempt`, then back to the page `to` names, whichever way it went (a button's post)."""
    attempt(request, call, success)
    return redirect(to, *args)
