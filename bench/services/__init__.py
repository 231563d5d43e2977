"""One module per service: its generator, its bare views and the pages the page benchmark measures.

A module here registers its generator with `@bench.generate.generator("<service>")`, and may declare

    PAGES = [Page(...)]        # its busiest list pages, measured against their bare views
    urlpatterns = [path(...)]  # those bare views, mounted under /bench/bare/ by bench.urls

Modules load in name order (`platform` first, then the services alphabetically), so generators run in
that order and a service's generator finds the platform's agencies and people already there.
"""

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass

ORDER = ["platform"]


@dataclass(frozen=True)
class Page:
    """A list page and its bare twin: both must show `marker` (no spaces); `service` names the generator it
    reads; `postgres` says that generator writes with PostgreSQL's own statements (COPY, sequences).

    `shown` counts the rows the page shows from its template context (a list page's paginator when None),
    which must grow `growth` times when the data grows tenfold (shares are rounded per agency);
    `prepare(fresh)` brings what the page reads in step with rows written in bulk, which send no signal
    (the search index): always after a fresh generation, and only when missing when data is reused."""

    name: str
    page: str
    bare: str
    username: str
    service: str
    marker: str = 'data-testid="case-table"'
    postgres: bool = False
    shown: Callable[[dict], int] | None = None
    growth: int = 9
    prepare: Callable[[bool], None] | None = None

    def rows(self, context) -> int:
        return self.shown(context) if self.shown else context["page"].paginator.count


def modules() -> list:
    names = [info.name for info in pkgutil.iter_modules(__path__)]
    names.sort(key=lambda name: (name not in ORDER, ORDER.index(name) if name in ORDER else 0, name))
    return [importlib.import_module(f"{__name__}.{name}") for name in names]


def pages() -> list[Page]:
    return [page for module in modules() for page in getattr(module, "PAGES", [])]


def bare_urlpatterns() -> list:
    return [pattern for module in modules() for pattern in getattr(module, "urlpatterns", [])]
