"""The cases' events for the desk's calendars (apps.calendars): the due dates of the cases waiting on the
person (their cartable) and the dates of the requests they filed, read through each service's case kinds."""

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from apps.accounts.permissions import kinds_of, visible
from apps.calendars.registry import Event, register_source

from .models import Case
from .selectors import cartable_for_user


def case_events(user, start, end) -> list[Event]:
    events, waiting = [], set()
    for case in cartable_for_user(user=user).filter(due_date__range=(start, end)):
        events.append(
            Event(
                uid=f"workflow.due.{case.pk}.{case.state}",
                title=f"مهلت اقدام: {case.title}",
                starts_on=case.due_date,
                ends_on=case.due_date,
                url=reverse("workflow:case_detail", args=[case.tracking_code]),
                detail=f"کد رهگیری {case.tracking_code} — {case.owner.name}",
                mine=True,
            )
        )
        waiting.add(case.pk)
    # The requests they filed: the day they filed it, and while it is open, the due date of its step.
    # The filing day is read on Tehran's calendar (TIME_ZONE), as the person saw it.
    start_at = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    end_at = timezone.make_aware(dt.datetime.combine(end, dt.time.max))
    filed = visible(
        Case.objects.filter(created_by_id=user.pk).filter(
            Q(created_at__range=(start_at, end_at)) | Q(is_closed=False, due_date__range=(start, end))
        ),
        user,
    ).order_by("pk")
    for case in filed:
        url = reverse("workflow:case_detail", args=[case.tracking_code])
        filed_on = timezone.localdate(case.created_at)
        if start <= filed_on <= end:
            events.append(
                Event(
                    uid=f"workflow.filed.{case.pk}",
                    title=f"ثبت درخواست: {case.title}",
                    starts_on=filed_on,
                    ends_on=filed_on,
                    url=url,
                    detail=f"کد رهگیری {case.tracking_code}",
                    mine=True,
                )
            )
        # A filed case waiting on its own filer (a return to fix) is already there as a deadline.
        if not case.is_closed and case.due_date and start <= case.due_date <= end and case.pk not in waiting:
            events.append(
                Event(
                    uid=f"workflow.expected.{case.pk}.{case.state}",
                    title=f"موعد رسیدگی به درخواست شما: {case.title}",
                    starts_on=case.due_date,
                    ends_on=case.due_date,
                    url=url,
                    detail=f"کد رهگیری {case.tracking_code}",
                    mine=True,
                )
            )
    return events


register_source("workflow", "مهلت‌ها و درخواست‌های من", case_events, kinds=lambda: kinds_of(Case))
