"""One search box over cases, people, documents, courses and managers' profiles."""

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "apps.search"
    verbose_name = "جست‌وجو"
