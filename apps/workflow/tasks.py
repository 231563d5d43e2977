"""Background work of the workflow core: bulk actions and due-date reminders."""

from celery import shared_task


@shared_task(acks_late=True)
def bulk_run_task(job_id: int) -> None:
    from apps.core.field_history import recorded_as

    from .models import BulkJob
    from .services import bulk_run

    # A person's bulk action: the fields it changes are recorded under their name, not the desk's.
    job = BulkJob.objects.select_related("user").filter(pk=job_id).first()
    with recorded_as(job.user if job else None):
        bulk_run(job_id=job_id)


@shared_task
def reminders_send_task() -> int:
    from .reminders import reminders_send

    return reminders_send()
