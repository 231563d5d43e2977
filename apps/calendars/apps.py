"""Calendars of sessions, exams and cycles, and each person's iCal feed."""

from django.apps import AppConfig


class CalendarsConfig(AppConfig):
    name = "apps.calendars"
    verbose_name = "تقویم‌ها"
