"""The superior is told once when a decree enters the expiry window; nobody else, and not before."""

import datetime as dt

import pytest

from apps.core.jalali import today
from apps.managers.models import Decree
from apps.managers.rules import EXPIRY_WARNING_DAYS
from apps.managers.tasks import decrees_expiry_remind_task
from apps.notifications.models import Message

pytestmark = pytest.mark.django_db


def _reminders(user):
    return Message.objects.filter(recipient=user, subject__startswith="یادآوری: حکم")


def test_the_superior_is_reminded_once_when_the_decree_enters_the_window(drive, head, hr, other_head):
    decree = Decree.objects.get(nomination__case=drive("appointed"))
    Decree.objects.filter(pk=decree.pk).update(
        valid_until=today() + dt.timedelta(days=EXPIRY_WARNING_DAYS + 1)
    )
    assert decrees_expiry_remind_task() == 0
    assert not _reminders(head).exists()

    Decree.objects.filter(pk=decree.pk).update(valid_until=today() + dt.timedelta(days=EXPIRY_WARNING_DAYS))
    assert decrees_expiry_remind_task() == 1
    assert decrees_expiry_remind_task() == 0
    message = _reminders(head).get()
    assert decree.profile.full_name in message.body and decree.post.title in message.body
    assert not _reminders(other_head).exists() and not _reminders(hr).exists()
    assert Decree.objects.get(pk=decree.pk).expiry_notified_at is not None


def test_an_ended_decree_sends_no_reminder(drive, head):
    decree = Decree.objects.get(nomination__case=drive("appointed"))
    Decree.objects.filter(pk=decree.pk).update(valid_until=today(), status=Decree.Status.CHANGED)
    assert decrees_expiry_remind_task() == 0
    assert not _reminders(head).exists()
