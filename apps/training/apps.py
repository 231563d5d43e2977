"""Service B: training courses for government employees (seed 002)."""

from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "apps.training"
    verbose_name = "آموزش کارکنان دولت"
