"""Background work of the search: indexing the rows an import wrote in bulk, and re-dating the rows whose time
is read through a row a step saved, once they have committed."""

from celery import shared_task


# acks_late: a worker lost mid-way leaves the message to be handed out again; `entries_index` writes each
# range afresh, so a second run leaves the index as one would.
@shared_task(acks_late=True)
def entries_index_task(ranges: list) -> None:
    from .services import entries_index

    entries_index(ranges=ranges)


# Re-dating is idempotent: a second run finds every time as it should be and writes nothing.
@shared_task(acks_late=True)
def entry_times_task(source_name: str, path: str, object_id: int) -> None:
    from .registry import source
    from .services import entry_times_refresh

    entry_times_refresh(source=source(source_name), path=path, object_id=object_id)
