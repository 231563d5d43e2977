"""The menu: each app registers its entries once, under its service's group; the layout shows the groups
with the entries a user's roles (and the permission model) allow, and hides a group left empty."""

from dataclasses import dataclass


@dataclass(frozen=True)
class NavEntry:
    label: str
    url_name: str
    roles: frozenset[str] | None = None  # None: every signed-in user
    order: int = 100
    # The service's dropdown it sits in ("" for a link of its own on the bar, such as the cartable).
    group: str = ""


@dataclass(frozen=True)
class NavGroup:
    label: str
    entries: tuple[NavEntry, ...]

    @property
    def order(self) -> int:
        return min(e.order for e in self.entries)

    @property
    def slug(self) -> str:
        # Stable ids for aria-labelledby and tests: the first entry's route.
        return "nav-" + self.entries[0].url_name.replace(":", "-").replace("_", "-")


_ENTRIES: list[NavEntry] = []


def register(label: str, url_name: str, *, group: str = "", roles=None, order: int = 100) -> None:
    entry = NavEntry(label, url_name, frozenset(roles) if roles is not None else None, order, group)
    if entry not in _ENTRIES:
        _ENTRIES.append(entry)
        _ENTRIES.sort(key=lambda e: e.order)
        _MENUS.clear()


# Whether a person may open the page an entry leads to: set by the permission model
# (`apps.accounts.permissions.route_open_to`), so a menu shows exactly the pages a role opens; with it, what
# its answers for a person depend on (`route_key`: their principals and those of whom they stand in for).
_gate = None
_gate_key = None
# Each menu built once per process for each roles and gate key: asking the gate of every entry on every
# page was some 2.3 of the 19 million instructions of a kept list's page. Bounded: emptied when full.
_MENUS: dict[tuple, tuple["NavGroup", ...]] = {}
_MENUS_HELD = 512


def use_gate(gate, key) -> None:
    global _gate, _gate_key
    _gate, _gate_key = gate, key
    _MENUS.clear()


def entries_for(user) -> list[NavEntry]:
    held = set(user.roles)
    return [
        e
        for e in _ENTRIES
        if (e.roles is None or e.roles & held) and (_gate is None or _gate(user, e.url_name))
    ]


def menu_for(user) -> tuple[NavGroup, ...]:
    """The bar as this person sees it: one group per service with at least one entry they may open (an entry
    without a group is a group of its own, drawn as a plain link), in the order of their first entries.

    The same for everyone with the same roles and gate key, so it is built once per process for each."""
    key = (frozenset(user.roles), _gate_key(user) if _gate_key is not None else None)
    menu = _MENUS.get(key)
    if menu is None:
        if len(_MENUS) >= _MENUS_HELD:
            _MENUS.clear()
        menu = _MENUS[key] = _groups(entries_for(user))
    return menu


def _groups(entries: list[NavEntry]) -> tuple[NavGroup, ...]:
    groups: dict[str, tuple[str, list[NavEntry]]] = {}
    for entry in entries:
        key = entry.group or f"\0{entry.url_name}"
        groups.setdefault(key, (entry.group or entry.label, []))[1].append(entry)
    found = (NavGroup(label, tuple(members)) for label, members in groups.values())
    return tuple(sorted(found, key=lambda g: g.order))
