"""Calendars of sessions, exams and cycles, and each person's iCal feed."""

from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CalendarsConfig(AppConfig):
    name = "apps.calendars"
    verbose_name = "تقویم‌ها"

    def ready(self):
        from apps.core import demo, navigation

        from . import registry
        from .demo import build as demo_build
        from .permissions import register_calendar_table

        # Each service declares its events in its own `calendar.py`; this app names none of them.
        autodiscover_modules("calendar")
        register_calendar_table(
            [name for source in registry.sources() for name in source.kind_names()]
            + [name for timeline in registry.timeline_sources() for name in timeline.kinds]
        )
        navigation.register("تقویم", "calendars:month", order=15)
        demo.register("calendars.feeds", demo_build, order=200)
