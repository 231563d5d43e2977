"""Periodic work of issue 7: escalating overdue complaints and sampling the desk's health."""

from celery import shared_task


@shared_task
def complaints_escalate_overdue_task() -> list[str]:
    from .services import complaints_escalate_overdue

    return complaints_escalate_overdue()


@shared_task
def health_sample_record_task() -> None:
    from .services import health_sample_record

    health_sample_record()
