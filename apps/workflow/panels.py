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
    roles: frozenset[str] | None = None  # None: every signed-in user


_PANELS: dict[str, Panel] = {}


def register(key: str, title: str, items: Callable[..., list[PanelItem]], *, roles=None) -> None:
    _PANELS[key] = Panel(key, title, items, frozenset(roles) if roles is not None else None)


def panels_for(user) -> list[tuple[Panel, list[PanelItem]]]:
    held = set(user.roles or ())
    shown = []
    for panel in _PANELS.values():
        if panel.roles is None or panel.roles & held:
            items = panel.items(user)
            if items:
                shown.append((panel, items))
    return shown
