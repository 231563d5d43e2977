"""Factories for inbox and outbox rows."""

import factory
from django.utils import timezone

from apps.accounts.tests.factories import UserFactory
from apps.notifications.models import Message, OutboxMessage


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    recipient = factory.SubFactory(UserFactory)
    subject = factory.Sequence(lambda n: f"پیام آزمایشی شماره {n}")
    body = "متن پیام"


class OutboxMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutboxMessage

    channel = OutboxMessage.Channel.SMS
    recipient = factory.SubFactory(UserFactory)
    address = factory.LazyAttribute(lambda o: o.recipient.mobile)
    subject = "پرونده ۱۲۳ ثبت شد"
    body = "پرونده ۱۲۳ ثبت شد"
    next_attempt_at = factory.LazyFunction(timezone.now)
