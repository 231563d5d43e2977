from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "apps.core"
    verbose_name = "هسته"

    def ready(self):
        from . import freshness, holiday_calendar  # noqa: F401  (the holiday table's system check)

        freshness.watch_writes()

        from . import landing

        landing.register("shortcuts", landing.shortcuts, order=900)
