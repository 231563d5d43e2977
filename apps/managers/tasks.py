"""Service C's background work: the daily reminder of decrees entering the expiry window, and the daily end
of those whose four years have passed."""

from celery import shared_task


@shared_task
def decrees_expiry_remind_task() -> int:
    from .reminders import decrees_expiry_remind

    return decrees_expiry_remind()


@shared_task
def decrees_expire_task() -> list[int]:
    from .services.decrees import decrees_expire

    return decrees_expire()
