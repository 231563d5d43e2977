"""The once-only reminder to a post's superior when its decree enters the expiry window (issue 5, item 7)."""

import datetime as dt
from contextlib import nullcontext

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from apps.accounts.roles import OrgKind
from apps.core import freshness
from apps.core.jalali import format_date, today
from apps.notifications.services import notify_users

from .models import Decree
from .rules import EXPIRY_WARNING_DAYS


def decrees_expiry_remind() -> int:
    """Tells the superior of each active decree ending within the window, once; returns how many went out."""
    now = timezone.now()
    due = Decree.objects.filter(
        status=Decree.Status.ACTIVE,
        expiry_notified_at__isnull=True,
        valid_until__lte=today() + dt.timedelta(days=EXPIRY_WARNING_DAYS),
    ).select_related("post__superior", "profile", "organization")
    sent = 0
    for decree in due.iterator(chunk_size=500):
        # The claim is a statement no signal names, from a task: it writes this decree's row alone, its
        # agency's (apps/core/freshness.py), so it moves that agency's kept lists, not every agency's. A
        # decree of an organization that is no agency stays everyone's.
        ours = decree.organization.kind == OrgKind.AGENCY
        covered = freshness.rows_of(Decree, agencies={decree.organization_id}) if ours else nullcontext()
        with transaction.atomic(), covered:
            # The conditional update makes two overlapping runs send each reminder once.
            claimed = Decree.objects.filter(pk=decree.pk, expiry_notified_at__isnull=True).update(
                expiry_notified_at=now
            )
            if claimed:
                notify_users(
                    users=[decree.post.superior],
                    subject=f"یادآوری: حکم {decree.profile.full_name} رو به پایان است",
                    body=(
                        f"اعتبار چهارساله حکم {decree.profile.full_name} در پست {decree.post.title} "
                        f"در {format_date(decree.valid_until)} پایان می‌یابد؛ "
                        "فرایند انتصاب پیش از پایان آن آغاز شود."
                    ),
                    url=reverse("managers:decree_detail", args=[decree.pk]),
                )
                sent += 1
    return sent
