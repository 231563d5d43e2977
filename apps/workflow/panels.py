"""Cartable panels: a service adds reminders of its own beside the cases waiting on the user.

A panel's `items(user)` reads through the service's scoped selectors (decrees expiring soon, say) and
runs a constant number of queries whatever the data size; the cartable shows the panels with items.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PanelItem:
    label: str
    url: str
    due: dt.date | None = None
    note: str = ""


@dataclass(frozen=True)
class Panel:
    key: str
    title: str
    items: Callable[..., list[PanelItem]]


_PANELS: dict[str, Panel] = {}


def register(key: str, title: str, items: Callable[..., list[PanelItem]]) -> None:
    _PANELS[key] = Panel(key, title, items)


def panels_for(user) -> list[tuple[Panel, list[PanelItem]]]:
    """The panels with items for this person: a panel reads through the permission table's selectors, so
    whoever may read none of its rows is shown no panel."""
    shown = []
    for panel in _PANELS.values():
        items = panel.items(user)
        if items:
            shown.append((panel, items))
    return shown
