"""The search index: one row per thing the search box finds, with its words normalised."""

from django.db import models
from django.utils import timezone


class SearchEntry(models.Model):
    """One findable row of a source (a case, a learner, a document…): what a result shows and its words.

    The words are matched by the database's own full-text index, which migration 0002 adds beside this
    table: on PostgreSQL a generated `tsvector` column with a GIN index, on SQLite an FTS5 table kept by
    triggers. Neither is a field here, so the model migrates the same on both. A later migration that alters
    this table on SQLite makes Django copy it into a new one, which drops the triggers: it must add them again.
    """

    # The source's name (`apps.search.registry`), which also says which permission kinds hide its rows.
    source = models.CharField(max_length=40)
    object_id = models.BigIntegerField()
    title = models.CharField(max_length=300)
    detail = models.CharField(max_length=300, blank=True)
    url = models.CharField(max_length=300)
    text = models.TextField()
    # The row's own time, as its source says (`Source.changed`): when the case, the document… last changed,
    # not when it was indexed, so that the results are newest first by what a person did, whatever the
    # order `search_reindex` writes the sources in. A row written by hand, not from a source, is dated then.
    updated_at = models.DateTimeField(default=timezone.now)
    # Where the row is (its source's `agency` and `province` paths), so that an agency's or a province's
    # search keeps to its own rows before it stops looking; empty for a row no organization or province
    # owns. Plain ids, not foreign keys: the index is rebuilt from its sources, never joined or cascaded.
    agency_id = models.BigIntegerField(null=True, blank=True)
    province_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "object_id"], name="search_entry_once_per_row"),
        ]
        # Each leads with the source, as the search's parts do (`selectors._places`: one source in one place):
        # its first look reads a part's newest rows backwards from one of them, and its match reads a part's
        # rows beside the full-text index (on PostgreSQL a BitmapAnd of the two).
        indexes = [
            models.Index(fields=["source", "updated_at", "id"], name="search_entry_source_newest"),
            models.Index(
                fields=["source", "agency_id", "updated_at", "id"], name="search_entry_agency_newest"
            ),
            models.Index(
                fields=["source", "province_id", "updated_at", "id"], name="search_entry_province_newest"
            ),
        ]
        verbose_name = "نشانی جست‌وجو"
        verbose_name_plural = "نمایه جست‌وجو"

    def __str__(self) -> str:
        return f"{self.source}:{self.object_id} {self.title}"
