"""The menu: each app registers its entries once, the layout shows those a user's roles allow."""

from dataclasses import dataclass


@dataclass(frozen=True)
class NavEntry:
    label: str
    url_name: str
    roles: frozenset[str] | None = None  # None: every signed-in user
    order: int = 100


_ENTRIES: list[NavEntry] = []


def register(label: str, url_name: str, *, roles=None, order: int = 100) -> None:
    entry = NavEntry(label, url_name, frozenset(roles) if roles is not None else None, order)
    if entry not in _ENTRIES:
        _ENTRIES.append(entry)
        _ENTRIES.sort(key=lambda e: e.order)


# Whether a person may open the page an entry leads to: set by the permission model
# (`apps.accounts.permissions.route_open_to`), so a menu shows exactly the pages a role opens.
_gate = None


def use_gate(gate) -> None:
    global _gate
    _gate = gate


def entries_for(user) -> list[NavEntry]:
    held = set(user.roles)
    return [
        e
        for e in _ENTRIES
        if (e.roles is None or e.roles & held) and (_gate is None or _gate(user, e.url_name))
    ]
