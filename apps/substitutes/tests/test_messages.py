"""Messages and reminders meant for the absent person reach the substitute during the range, not after."""

import pytest

from apps.notifications.models import Message, OutboxMessage
from apps.notifications.services import notify_users
from apps.substitutes.tests.conftest import fresh
from apps.workflow.models import StepRecord
from apps.workflow.reminders import reminders_send

pytestmark = pytest.mark.django_db


def test_a_message_for_the_absent_person_goes_to_the_substitute_during_the_range(
    expert, head, name_substitute
):
    name_substitute(expert)
    Message.objects.all().delete()
    notify_users(users=[fresh(head)], subject="پیام آزمایشی", body="متن")
    message = Message.objects.get(subject="پیام آزمایشی")
    assert message.recipient == expert
    assert "برای مریم احمدی" in message.body and "به جانشینی" in message.body
    assert not OutboxMessage.objects.filter(recipient=head, subject="پیام آزمایشی").exists()
    assert OutboxMessage.objects.filter(
        recipient=expert, subject="پیام آزمایشی", address=expert.mobile
    ).exists()


def test_a_message_for_the_absent_person_goes_to_them_after_the_range(expert, head, name_substitute, ended):
    ended(name_substitute(expert))
    notify_users(users=[fresh(head)], subject="پیام پس از جانشینی", body="متن")
    assert list(Message.objects.filter(subject="پیام پس از جانشینی").values_list("recipient", flat=True)) == [
        head.pk
    ]


def test_a_message_for_both_reaches_the_substitute_once(expert, head, name_substitute):
    name_substitute(expert)
    notify_users(users=[fresh(head), fresh(expert)], subject="پیام به هر دو", body="متن")
    assert Message.objects.filter(subject="پیام به هر دو").count() == 1


def test_a_reminder_of_the_absent_persons_step_reaches_the_substitute(
    escalated, expert, head, name_substitute
):
    from apps.core.jalali import today

    name_substitute(expert)
    StepRecord.objects.filter(case=escalated, finished_at__isnull=True).update(due_date=today())
    Message.objects.all().delete()
    assert reminders_send() == 1
    assert list(Message.objects.values_list("recipient", flat=True)) == [expert.pk]


def test_the_substitute_is_told_when_named_and_when_cancelled(expert, head, name_substitute):
    from apps.substitutes.services import substitution_cancel

    substitution = name_substitute(expert)
    assert Message.objects.filter(recipient=expert, subject__startswith="شما جانشین مریم احمدی شدید").exists()
    substitution_cancel(actor=head, substitution=substitution)
    assert Message.objects.filter(recipient=expert, subject__contains="لغو شد").exists()


def test_a_substitute_who_moved_to_another_organization_receives_nothing(
    expert, head, name_substitute, agency
):
    name_substitute(expert)
    expert.organization, expert.unit = agency, None
    expert.save()
    notify_users(users=[fresh(head)], subject="پیام پس از جابه‌جایی", body="متن")
    assert Message.objects.get(subject="پیام پس از جابه‌جایی").recipient == head
