"""The index follows every saved or deleted row of a source, once its transaction has committed.

Indexing is not a business rule: it changes nothing a person acts on and writes no audit row, and every
service would otherwise have to remember to call it. So a signal is the right tool here, against the house
rule for business logic. The refresh runs after the commit (a rolled-back change leaves no trace in the
index) and `robust`: a failure is logged and `search_reindex` mends it, while the person's action stands.

A source's time read through another row (a hire file's, through its case: `Source.followed`) follows
that row's saves too. Its deletion needs nothing: the rows that read through it go with it (their own
deletions are followed) or keep it (a protected foreign key).

An import's rows, inserted in bulk, send no signal: the import framework hands them over once written
(`spreadsheets.import_watch`), and they are indexed together after its commit (`services.import_follow`).
"""

import functools

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from apps.core.background import task_start
from apps.core.spreadsheets import import_watch

from .registry import followers_of, sources, sources_of
from .services import entry_refresh, import_follow


def _changed(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: the rows are indexed by `search_reindex` afterwards
        return
    for source in sources_of(sender):
        transaction.on_commit(
            functools.partial(entry_refresh, source=source, object_id=instance.pk), robust=True
        )


def _followed_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    for source, followed in followers_of(sender):
        # Every step saves its case: a save that writes none of what the time reads, or of a row the source
        # says cannot concern it (a case of another process), costs no statement. Otherwise one, however
        # many rows read through this one.
        if update_fields is not None and followed.fields.isdisjoint(update_fields):
            continue
        if followed.concerns is not None and not followed.concerns(instance):
            continue
        # In the background: a round's step re-dates all its candidates (21,450 in a round at the nation's
        # volume: 1.1 s), which the person taking the step should not wait for.
        transaction.on_commit(
            functools.partial(
                task_start, "apps.search.tasks.entry_times_task", source.name, followed.path, instance.pk
            ),
            robust=True,
        )


def connect() -> None:
    for model in {source.model_class for source in sources()}:
        post_save.connect(_changed, sender=model, dispatch_uid=f"search:save:{model._meta.label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"search:delete:{model._meta.label}")
    for model in {followed.model for source in sources() for followed in source.followed}:
        post_save.connect(_followed_saved, sender=model, dispatch_uid=f"search:follow:{model._meta.label}")
    import_watch(import_follow)
