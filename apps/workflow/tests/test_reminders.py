"""Reminders before a step falls due, and the notice on the day it is overdue — each sent once."""

import datetime as dt

from apps.core.jalali import today
from apps.notifications.models import Message
from apps.workflow.models import StepRecord
from apps.workflow.reminders import reminders_send


def test_a_step_due_tomorrow_reminds_its_actors_once(open_case, org_expert, settings):
    settings.KHEDMAT_REMINDER_DAYS_BEFORE = 1
    case = open_case()
    StepRecord.objects.filter(case=case).update(due_date=_next_working_day())
    assert reminders_send() == 1
    assert reminders_send() == 0
    assert Message.objects.filter(recipient=org_expert, subject__startswith="یادآوری").count() == 1


def test_an_overdue_step_is_announced_once(open_case, org_expert):
    case = open_case()
    StepRecord.objects.filter(case=case).update(due_date=dt.date(2020, 3, 1), reminded_at=None)
    assert reminders_send() == 1
    assert reminders_send() == 0
    assert Message.objects.filter(recipient=org_expert, subject__contains="گذشته است").count() == 1


def test_a_step_far_from_its_due_date_sends_nothing(open_case, settings):
    settings.KHEDMAT_REMINDER_DAYS_BEFORE = 1
    case = open_case()
    StepRecord.objects.filter(case=case).update(due_date=today() + dt.timedelta(days=30))
    assert reminders_send() == 0


def _next_working_day():
    from apps.core.workdays import WorkCalendar

    return WorkCalendar().add_working_days(today(), 1)
