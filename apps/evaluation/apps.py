"""Service D: yearly performance evaluation of the province's agencies (seed 004)."""

from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "apps.evaluation"
    verbose_name = "ارزیابی عملکرد دستگاه‌ها"
