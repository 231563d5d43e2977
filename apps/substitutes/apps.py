"""Acting substitutes (جانشین): who acts for whom, for which dates."""

from django.apps import AppConfig


class SubstitutesConfig(AppConfig):
    name = "apps.substitutes"
    verbose_name = "جانشین‌ها"
