"""Core services: spreadsheet imports, validated in full and written all at once or not at all."""

import logging
from datetime import timedelta

import openpyxl
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .background import task_start
from .errors import ForbiddenError, InvalidError, NotFoundError, ServiceError
from .field_history import recorded_as
from .models import ImportJob
from .spreadsheets import RowError, checked_rows, get_spec, parse_workbook, validate_rows
from .uploads import validate_upload

logger = logging.getLogger(__name__)

# Up to this many rows an import runs inside the upload request; above it, in a background task.
IMPORT_INLINE_ROWS = 2000
# The errors a job keeps for its page and its error workbook; the count keeps the true total.
IMPORT_ERRORS_KEPT = 1000
# A running job's progress stays in the cache at most this long (a lost worker's job then shows none).
PROGRESS_KEPT_SECONDS = 3600


def _sheet_rows(uploaded_file) -> int | None:
    """Data rows of the first sheet from the size the file declares; None when it declares none."""
    try:
        workbook = openpyxl.load_workbook(uploaded_file, read_only=True, data_only=True)
    except Exception as exc:
        raise InvalidError("فایل اکسل خوانا نیست؛ آن را با قالب .xlsx ذخیره کنید.") from exc
    try:
        declared = workbook.worksheets[0].max_row
        return None if declared is None else max(declared - 1, 0)
    finally:
        workbook.close()
        uploaded_file.seek(0)


def import_start(*, spec_name: str, uploaded_file, user, context: dict | None = None) -> ImportJob:
    """Checks the upload and the user's right, records the job, and runs it now or in the background."""

    spec = get_spec(spec_name)
    if spec is None:
        raise NotFoundError("چنین ورود اطلاعاتی وجود ندارد.")
    if not spec.allowed(user):
        raise ForbiddenError("شما اجازه این ورود اطلاعات را ندارید.")
    try:
        validate_upload(uploaded_file, kinds=("xlsx",))
    except ValidationError as exc:
        raise InvalidError(" ".join(exc.messages)) from exc
    rows = _sheet_rows(uploaded_file)
    # A file that does not declare its size is taken as large: counting it would mean reading it twice.
    inline = rows is not None and rows <= IMPORT_INLINE_ROWS
    with transaction.atomic():
        job = ImportJob.objects.create(
            spec_name=spec_name,
            file=uploaded_file,
            user_id=user.pk,
            organization_id=getattr(user, "organization_id", None),
            context=context or {},
            total=rows or 0,
        )
        if not inline:
            transaction.on_commit(lambda: task_start("apps.core.tasks.import_run_task", job.pk))
    if inline:
        import_run(job_id=job.pk)
    job.refresh_from_db()
    return job


def _finish(job: ImportJob, **fields) -> None:
    ImportJob.objects.filter(pk=job.pk).update(finished_at=timezone.now(), **fields)


def import_run(*, job_id: int) -> ImportJob:
    """Parses and validates every row; writes them in one transaction only when none is refused.

    Idempotent: a finished job is left as it is, and a job restarted after a lost worker starts
    over, since nothing of it was written unless it had finished.
    """
    job = ImportJob.objects.get(pk=job_id)
    if job.is_finished:
        return job
    spec = get_spec(job.spec_name)
    if spec is None:
        _finish(job, status=ImportJob.Status.FAILED, message="این نوع ورود اطلاعات دیگر وجود ندارد.")
        job.refresh_from_db()
        return job
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING, processed=0)
    context = {
        **job.context,
        "user_id": job.user_id,
        "organization_id": job.organization_id,
        "job_id": job.pk,
    }

    def progress(done: int, total: int) -> None:
        # The job's page polls it every second; the cache carries it (no write of the job's row per block,
        # and a write a streaming import's open transaction would hide until the end).
        cache.set(job.progress_key, (done, total), PROGRESS_KEPT_SECONDS)

    errors: list[RowError] = []
    actor = get_user_model().objects.filter(pk=job.user_id).first()
    try:
        with job.file.open("rb") as handle:
            if spec.streams:
                _save_streaming(job, spec, handle, context, errors, progress, actor)
            else:
                rows, errors = parse_workbook(handle, spec, progress=progress)
                errors += validate_rows(spec, rows, context)
                if not errors:
                    _save(job, spec, rows, context, actor)
    except ServiceError as exc:
        _finish(job, status=ImportJob.Status.FAILED, message=exc.message)
    except _Refused:
        pass
    except Exception:
        # The transaction rolled back, so the database holds none of the rows; say so plainly.
        logger.exception("import %s failed while saving", job.pk)
        _finish(
            job, status=ImportJob.Status.FAILED, message="ثبت ردیف‌ها با خطا روبه‌رو شد و هیچ ردیفی ثبت نشد."
        )
    if errors:
        errors.sort(key=lambda e: e.row_number)
        _finish(
            job,
            status=ImportJob.Status.FAILED,
            error_count=len(errors),
            errors=[e.as_dict() for e in errors[:IMPORT_ERRORS_KEPT]],
            message="هیچ ردیفی ثبت نشد؛ خطاهای فایل را برطرف کنید و دوباره بارگذاری کنید.",
        )
    cache.delete(job.progress_key)
    job.refresh_from_db()
    return job


class _Refused(Exception):
    """Rolls a streaming import back: a row was refused after the rows before it were written."""


def _save(job: ImportJob, spec, rows: list, context: dict, actor) -> None:
    # The uploader's import, run by a worker: the fields it changes are recorded under their name. The job
    # is marked done in the same transaction, so a worker lost after it never writes the rows twice.
    with transaction.atomic(), recorded_as(actor):
        written = spec.save(rows, context)
        written = written if written is not None else len(rows)
        _finish(job, status=ImportJob.Status.DONE, imported=written, processed=written)


def _save_streaming(job: ImportJob, spec, handle, context: dict, errors: list, progress, actor) -> None:
    """Reads, checks and writes in one pass inside one transaction: the database takes the rows while the
    file's next ones are read. A refusal anywhere undoes everything (`_Refused`), with `errors` filled."""
    with transaction.atomic(), recorded_as(actor):
        rows = checked_rows(handle, spec, context, errors, progress=progress)
        written = spec.save(rows, context)
        # The rest of the file, if the save stopped early, for its errors.
        for _row in rows:
            pass
        if errors:
            raise _Refused
        _finish(job, status=ImportJob.Status.DONE, imported=written, processed=written)


def import_failed_files_purge(*, now=None) -> int:
    """Deletes the uploaded files of imports that failed more than `KHEDMAT_IMPORT_FAILED_FILE_DAYS` days
    ago; returns how many went.

    A failed import wrote nothing, but its file (often a list of people with national IDs and mobiles)
    stays on disk; after the retention period, long enough for its uploader to read the errors and
    upload a corrected copy, it goes. The job's row stays, with its row errors and message, as the record
    that the upload happened; its page then offers no file.
    """
    cutoff = (now or timezone.now()) - timedelta(days=settings.KHEDMAT_IMPORT_FAILED_FILE_DAYS)
    jobs = ImportJob.objects.filter(status=ImportJob.Status.FAILED, finished_at__lt=cutoff).exclude(file="")
    purged = 0
    for job in jobs.iterator():
        # The file first: a row pointing at nothing is harmless, a file no row names would be kept forever.
        job.file.delete(save=False)
        ImportJob.objects.filter(pk=job.pk).update(file="")
        purged += 1
    if purged:
        logger.info("deleted the files of %s failed imports", purged)
    return purged
