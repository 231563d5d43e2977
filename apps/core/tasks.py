"""Background work of core: large spreadsheet imports."""

from celery import shared_task


@shared_task(acks_late=True)
def import_run_task(job_id: int) -> None:
    from .services import import_run

    import_run(job_id=job_id)
