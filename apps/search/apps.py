"""One search box over cases, people, documents, courses and managers' profiles."""

from importlib import import_module

from django.apps import AppConfig, apps
from django.utils.module_loading import module_has_submodule


class SearchConfig(AppConfig):
    name = "apps.search"
    verbose_name = "جست‌وجو"

    def ready(self):
        from apps.core import demo, topbar

        from . import signals
        from .demo import build

        # Each of the desk's apps declares its own sources in `search.py`; a library's `search` module
        # (django.contrib.postgres has one) is none of ours.
        for config in apps.get_app_configs():
            if config.name.startswith("apps.") and module_has_submodule(config.module, "search"):
                import_module(f"{config.name}.search")
        signals.connect()
        topbar.register("search/_topbar_box.html", order=20)
        topbar.register("search/_topbar_row.html", place="row")
        # Last: the other builders write many rows in bulk, which send no signal.
        demo.register("search.index", build, order=10_000)
