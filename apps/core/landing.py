"""The landing page's registry: each app registers the panels it offers a person after sign-in, and the page
shows those whose builder returns one for this person.

A builder is ``build(user) -> Panel | None``. It reads through its own app's scoped selectors and asks the
permission model (`apps.accounts.permissions.may`, `visible`), and returns None when the person has nothing
to see there, so an employee's page holds their courses and certificates and the head of the Organization's
the province's summary, from the same table that guards the pages the panels link to. A builder reads a
fixed number of queries whatever the data (a panel's list is a few rows; its counts come from one
aggregate), so the page is constant in queries.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse

from . import dashboards, navigation


@dataclass
class Chart(dashboards.Chart):
    """A dashboard chart with the landing page's two options: bars drawn across, bars stacked."""

    horizontal: bool = False
    stacked: bool = False


@dataclass
class Item:
    """One row of a panel's list: what, where it leads, a line under it, and its deadline."""

    label: str
    url: str = ""
    detail: str = ""
    due: dt.date | None = None
    overdue: bool = False
    badge: str = ""


@dataclass
class Group:
    """A titled part of a panel's list (the cases of one service, say), with its count."""

    title: str
    items: list[Item] = field(default_factory=list)
    count: int | None = None  # None: not a count of cases (a group of links)
    overdue: int = 0
    url: str = ""


@dataclass
class Panel:
    title: str
    # The next thing to do: a sentence and the page it is done on.
    next_label: str = ""
    next_url: str = ""
    figures: list[tuple[str, object]] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    empty: str = "موردی نیست."
    more_url: str = ""
    more_label: str = ""
    # A panel with charts takes the page's width; the others sit two to a row on a wide screen.
    wide: bool = False
    name: str = ""

    @property
    def chart_payloads(self) -> list[tuple[Chart, dict]]:
        """Each chart with what its canvas's script reads (json_script)."""
        return [
            (
                c,
                {
                    "kind": c.kind,
                    "labels": c.labels,
                    "datasets": c.datasets,
                    "horizontal": getattr(c, "horizontal", False),
                    "stacked": getattr(c, "stacked", False),
                },
            )
            for c in self.charts
        ]


@dataclass(frozen=True)
class PanelEntry:
    name: str
    build: Callable
    order: int = 100


_ENTRIES: dict[str, PanelEntry] = {}


def register(name: str, build: Callable, *, order: int = 100) -> None:
    _ENTRIES[name] = PanelEntry(name, build, order)


def entries() -> list[PanelEntry]:
    return sorted(_ENTRIES.values(), key=lambda e: (e.order, e.name))


def panels_for(user) -> list[Panel]:
    """The panels this person's landing page shows, in their registered order."""
    found = []
    for entry in entries():
        panel = entry.build(user)
        if panel is not None:
            panel.name = entry.name
            found.append(panel)
    return found


def shortcuts(user) -> Panel | None:
    """Every service page the menu offers this person, one click away (the menu's own gate decides)."""
    groups = [g for g in navigation.menu_for(user) if g.entries[0].group]
    if not groups:
        return None
    return Panel(
        title="دسترسی سریع",
        groups=[
            Group(title=g.label, items=[Item(e.label, reverse(e.url_name)) for e in g.entries])
            for g in groups
        ],
    )
