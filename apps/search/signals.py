"""The index follows every saved or deleted row of a source, once its transaction has committed.

Indexing is not a business rule: it changes nothing a person acts on and writes no audit row, and every
service would otherwise have to remember to call it. So a signal is the right tool here, against the house
rule for business logic. The refresh runs after the commit (a rolled-back change leaves no trace in the
index) and `robust`: a failure is logged and `search_reindex` mends it, while the person's action stands.
"""

import functools

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from .registry import sources, sources_of
from .services import entry_refresh


def _changed(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: the rows are indexed by `search_reindex` afterwards
        return
    for source in sources_of(sender):
        transaction.on_commit(
            functools.partial(entry_refresh, source=source, object_id=instance.pk), robust=True
        )


def connect() -> None:
    for model in {source.model_class for source in sources()}:
        post_save.connect(_changed, sender=model, dispatch_uid=f"search:save:{model._meta.label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"search:delete:{model._meta.label}")
