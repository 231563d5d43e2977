"""Background work of core: large spreadsheet imports and the holiday table's daily look ahead."""

from celery import shared_task


@shared_task(acks_late=True)
def import_run_task(job_id: int) -> None:
    from .services import import_run

    import_run(job_id=job_id)


@shared_task
def holidays_coverage_check_task() -> None:
    from .holiday_calendar import holidays_coverage_check

    holidays_coverage_check()
