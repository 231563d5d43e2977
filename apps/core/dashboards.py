"""The reports area's registry: each service registers its dashboard once, the reports pages show them
side by side with the same filters (agency, Jalali date range) and the same .xlsx/PDF export.

A dashboard is a function ``build(*, user, filters: ReportFilters) -> Dashboard`` that reads through the
service's scoped selectors, so an agency user sees only its own agency's figures.
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
    roles: frozenset[str] | None = None  # None: every signed-in user
    order: int = 100


_ENTRIES: dict[str, DashboardEntry] = {}


def register(service: str, label: str, build: Callable[..., Dashboard], *, roles=None, order: int = 100):
    _ENTRIES[service] = DashboardEntry(
        service, label, build, frozenset(roles) if roles is not None else None, order
    )


def entries_for(user) -> list[DashboardEntry]:
    held = set(getattr(user, "roles", ()) or ())
    visible = [e for e in _ENTRIES.values() if e.roles is None or e.roles & held]
    return sorted(visible, key=lambda e: e.order)


def entry(service: str) -> DashboardEntry | None:
    return _ENTRIES.get(service)
