"""Service A: supervising the recruitment of the province's agencies (seeds 000 and 001)."""

from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "apps.recruitment"
    verbose_name = "نظارت بر استخدام"
