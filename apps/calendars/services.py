"""Writes of the calendars: making and regenerating a person's private feed address."""

from django.db import transaction

from apps.audit.trail import audit_append

from .models import FeedToken, new_feed_token


@transaction.atomic
def feed_token_issue(*, user, ip: str | None = None) -> FeedToken:
    """The person's feed address: a new one when they had none, else a new token in place of the old,
    which stops working at once. The audit records that it changed, never the token itself."""
    feed = FeedToken.objects.select_for_update(no_key=True).filter(user=user).first()
    if feed is None:
        feed = FeedToken.objects.create(user=user)
        action = "calendars.feed.issued"
    else:
        feed.token = new_feed_token()
        feed.save(update_fields=["token", "renewed_at"])
        action = "calendars.feed.regenerated"
    audit_append(action=action, actor=user, ip=ip, subject=feed)
    return feed
