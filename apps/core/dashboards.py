"""The reports area's registry: each service registers its dashboard once, the reports pages show them
side by side with the same filters (agency, Jalali date range) and the same .xlsx/PDF export.

A dashboard is a function ``build(*, user, filters: ReportFilters) -> Dashboard`` that reads through the
service's scoped selectors, so an agency user sees only its own agency's figures. Which dashboards a person
is shown is the permission table's to say (`apps.complaints.selectors.dashboards_for`).
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ReportFilters:
    start: dt.date | None = None
    end: dt.date | None = None
    organization_id: int | None = None


@dataclass
class Chart:
    """One Chart.js chart: `kind` is bar, line, pie or doughnut; each dataset is {"label", "data"}."""

    title: str
    kind: str
    labels: list[str]
    datasets: list[dict]


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list]


@dataclass
class Dashboard:
    title: str
    figures: list[tuple[str, object]] = field(default_factory=list)  # (label, value) headline numbers
    charts: list[Chart] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


@dataclass(frozen=True)
class DashboardEntry:
    service: str  # the catalog slug: recruitment, training, managers, evaluation, …
    label: str
    build: Callable[..., Dashboard]
    order: int = 100


_ENTRIES: dict[str, DashboardEntry] = {}


def register(service: str, label: str, build: Callable[..., Dashboard], *, order: int = 100):
    _ENTRIES[service] = DashboardEntry(service, label, build, order)


def entries() -> list[DashboardEntry]:
    return sorted(_ENTRIES.values(), key=lambda e: e.order)


def entry(service: str) -> DashboardEntry | None:
    return _ENTRIES.get(service)
