"""The search index: one row per thing the search box finds, with its words normalised."""

from django.db import models


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
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "object_id"], name="search_entry_once_per_row"),
        ]
        verbose_name = "نشانی جست‌وجو"
        verbose_name_plural = "نمایه جست‌وجو"

    def __str__(self) -> str:
        return f"{self.source}:{self.object_id} {self.title}"
