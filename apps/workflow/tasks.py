"""Background work of the workflow core: bulk actions and due-date reminders."""

from celery import shared_task


@shared_task(acks_late=True)
def bulk_run_task(job_id: int) -> None:
    from .services import bulk_run

    bulk_run(job_id=job_id)


@shared_task
def reminders_send_task() -> int:
    from .reminders import reminders_send

    return reminders_send()
