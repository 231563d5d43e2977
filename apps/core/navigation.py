"""The menu: each app registers its entries once, under its service's group; the layout shows the groups
with the entries a user's roles (and the permission model) allow, and hides a group left empty."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class NavEntry:
    label: str
    url_name: str
    roles: frozenset[str] | None = None  # None: every signed-in user
    order: int = 100
    # The service's dropdown it sits in ("" for a link of its own on the bar, such as the cartable).
    group: str = ""


@dataclass
class NavGroup:
    label: str
    entries: list[NavEntry] = field(default_factory=list)

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


def menu_for(user) -> list[NavGroup]:
    """The bar as this person sees it: one group per service with at least one entry they may open (an entry
    without a group is a group of its own, drawn as a plain link), in the order of their first entries."""
    groups: dict[str, NavGroup] = {}
    for entry in entries_for(user):
        key = entry.group or f"\0{entry.url_name}"
        groups.setdefault(key, NavGroup(entry.group or entry.label)).entries.append(entry)
    return sorted(groups.values(), key=lambda g: g.order)
