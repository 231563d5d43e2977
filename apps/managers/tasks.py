"""Service C's background work: the daily reminder of decrees entering the expiry window."""

from celery import shared_task


@shared_task
def decrees_expiry_remind_task() -> int:
    from .reminders import decrees_expiry_remind

    return decrees_expiry_remind()
