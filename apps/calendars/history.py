"""What the audit history says of a person's private calendar address (never the address itself)."""

from apps.workflow.history import register_label

register_label("calendars.feed.issued", "نشانی خصوصی تقویم خود را ساخت")
register_label("calendars.feed.regenerated", "نشانی خصوصی تقویم خود را عوض کرد و نشانی پیشین از کار افتاد")
