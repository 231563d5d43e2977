"""Background sending of the outbox: right after a commit, and every minute for whatever is due."""

from celery import shared_task


@shared_task
def outbox_send_task(ids: list[int]) -> int:
    from .services import outbox_send

    return outbox_send(ids=ids)


@shared_task
def outbox_flush_task() -> int:
    from .services import outbox_flush

    return outbox_flush()
