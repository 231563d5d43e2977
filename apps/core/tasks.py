"""Background work of core: large spreadsheet imports, failed imports' and held uploads' files, the holiday
table's look ahead."""

from celery import shared_task


@shared_task(acks_late=True)
def import_run_task(job_id: int) -> None:
    from .services import import_run

    import_run(job_id=job_id)


@shared_task
def holidays_coverage_check_task() -> None:
    from .holiday_calendar import holidays_coverage_check

    holidays_coverage_check()


@shared_task
def import_failed_files_purge_task() -> None:
    from .services import import_failed_files_purge

    import_failed_files_purge()


@shared_task
def held_uploads_purge_task() -> None:
    from .uploads import held_uploads_purge

    held_uploads_purge()
