"""Background work of the search: indexing the rows an import wrote in bulk, once it has committed."""

from celery import shared_task


# acks_late: a worker lost mid-way leaves the message to be handed out again; `entries_index` writes each
# range afresh, so a second run leaves the index as one would.
@shared_task(acks_late=True)
def entries_index_task(ranges: list) -> None:
    from .services import entries_index

    entries_index(ranges=ranges)
