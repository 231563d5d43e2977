"""Keeping the search index current: one row when it changes, everything on demand."""

from django.db import transaction
from django.db.models import F, QuerySet, Value
from django.db.models.fields import BigIntegerField

from apps.accounts.permissions import EVERY_PROVINCE

from .models import SearchEntry
from .normalise import normalise
from .registry import Found, Source, sources

BATCH = 2000


def _placed(source: Source) -> QuerySet:
    """The source's rows, each with its agency and province ids (`_search_agency`, `_search_province`; a row
    every province shares has none) and its own time (`_search_changed`), read in the same query."""
    places = {}
    for name, path in (("_search_agency", source.agency), ("_search_province", source.province_path)):
        places[name] = F(path) if path and path != EVERY_PROVINCE else Value(None, BigIntegerField())
    changed = F(source.changed) if isinstance(source.changed, str) else source.changed
    return source.queryset().annotate(**places, _search_changed=changed)


def _entry(source: Source, obj) -> SearchEntry:
    found: Found = source.read(obj)
    words = " ".join(str(w) for w in (found.title, *found.words) if w)
    return SearchEntry(
        source=source.name,
        object_id=obj.pk,
        title=found.title[:300],
        detail=found.detail[:300],
        url=found.url[:300],
        text=normalise(words),
        agency_id=obj._search_agency,
        province_id=obj._search_province,
        updated_at=obj._search_changed,
    )


def entry_refresh(*, source: Source, object_id: int) -> None:
    """Indexes one row of `source` as it is now, or forgets it when it is gone or no longer findable."""
    obj = _placed(source).filter(pk=object_id).first()
    with transaction.atomic():
        if obj is None:
            SearchEntry.objects.filter(source=source.name, object_id=object_id).delete()
            return
        entry = _entry(source, obj)
        SearchEntry.objects.update_or_create(
            source=source.name,
            object_id=object_id,
            defaults={
                field: getattr(entry, field)
                for field in ("title", "detail", "url", "text", "agency_id", "province_id", "updated_at")
            },
        )


def index_rebuild(*, only: list[str] | None = None) -> dict[str, int]:
    """Indexes every row of every source (or of the sources named in `only`) afresh; returns the counts.

    For rows written in bulk, which send no signal: the demo, the benchmark's data, an import.
    """
    counts = {}
    for source in sources():
        if only and source.name not in only:
            continue
        with transaction.atomic():
            SearchEntry.objects.filter(source=source.name).delete()
            batch, count = [], 0
            for obj in _placed(source).order_by("pk").iterator(chunk_size=BATCH):
                batch.append(_entry(source, obj))
                if len(batch) >= BATCH:
                    SearchEntry.objects.bulk_create(batch)
                    count += len(batch)
                    batch = []
            SearchEntry.objects.bulk_create(batch)
            counts[source.name] = count + len(batch)
    return counts
