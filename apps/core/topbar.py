"""The signed-in top bar's slots: an app puts its own piece in the bar (a link, a box) by registering a
template from its AppConfig.ready(), as it registers menu entries with `navigation`, so the layout names
no app above core.

`bar` pieces are list items beside the person's menu; `row` pieces take a row of their own under the bar
where it is narrow (the search box on a phone).

The bar is rendered once per process for each person's name, menu, page and the values its pieces read
(`{% top_bar %}`, templatetags/desk.py), so a piece sees only what it declares: `reads` names the page
context's values it shows (hashable ones, such as a count), besides `csrf_token`."""

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Slot:
    order: int
    template: str


_SLOTS: dict[str, list[Slot]] = {"bar": [], "row": []}
_READS: list[str] = []


def register(template: str, *, place: str = "bar", order: int = 100, reads: tuple[str, ...] = ()) -> None:
    slot = Slot(order, template)
    if slot not in _SLOTS[place]:
        _SLOTS[place].append(slot)
        _SLOTS[place].sort()
    _READS.extend(name for name in reads if name not in _READS)


def slots() -> dict[str, list[str]]:
    """The templates of each place, in order, for the layout."""
    return {place: [s.template for s in entries] for place, entries in _SLOTS.items()}


def reads() -> tuple[str, ...]:
    """The page context's values the pieces show, by name."""
    return tuple(_READS)
