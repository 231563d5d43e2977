"""Reminders before a step falls due, and a notice on the day it becomes overdue."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from apps.core.jalali import today
from apps.core.workdays import WorkCalendar
from apps.notifications.services import notify_users

from .models import StepRecord
from .services import step_actors


def reminders_send() -> int:
    """Sends each open step's reminder and overdue notice at most once; returns how many went out."""
    calendar = WorkCalendar()
    now, day = timezone.now(), today()
    sent = 0
    open_steps = StepRecord.objects.filter(finished_at__isnull=True, due_date__isnull=False).select_related(
        "case"
    )
    for record in open_steps.iterator(chunk_size=500):
        case = record.case
        left = calendar.working_days_between(day, record.due_date)
        if record.overdue_notified_at is None and record.due_date < day:
            field, subject = "overdue_notified_at", f"مهلت پرونده {case.tracking_code} گذشته است"
        elif record.reminded_at is None and 0 <= left <= settings.KHEDMAT_REMINDER_DAYS_BEFORE:
            field, subject = "reminded_at", f"یادآوری: مهلت پرونده {case.tracking_code} نزدیک است"
        else:
            continue
        with transaction.atomic():
            # The conditional update makes two overlapping runs send each reminder once.
            claimed = StepRecord.objects.filter(pk=record.pk, **{f"{field}__isnull": True}).update(
                **{field: now}
            )
            if claimed:
                notify_users(users=step_actors(case), subject=subject, body=case.title, case=case)
                sent += 1
    return sent
