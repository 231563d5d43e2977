"""The sources of the search box: each service app says, in its own `search.py`, what of its rows is findable.

A source names a model, the permission kind (or kinds) that decide who sees its rows, and how one row reads
in the results: a title, a line of detail, the words it is found by and the page it opens. The search app
indexes and queries every source the same way and never imports a service.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from django.apps import apps as django_apps
from django.core.exceptions import ImproperlyConfigured
from django.db.models import F, Model, QuerySet
from django.db.models.constants import LOOKUP_SEP
from django.db.models.expressions import Combinable

from apps.accounts.permissions import province_path


@dataclass(frozen=True)
class Found:
    """How one row reads in the results. `words` are what it is found by (the title is always among them)."""

    title: str
    url: str
    detail: str = ""
    words: Iterable[str] = ()


@dataclass(frozen=True)
class Source:
    """A findable kind of row.

    `kind` is the permission kind whose `view` rule hides rows from the search as from the pages ("" for
    every kind of the model, as the platform's lists of cases and documents ask them). `related` names what
    `read` follows, so that indexing many rows costs one query; `rows` narrows the model when only some of
    its rows are findable.

    `agency` and `province` say where a row is, as the permission kinds say it (the path to the owning
    organization; the path to the Province, by default the organization's): the index keeps both beside the
    row's words, so that an agency's or a province's search looks at its own rows first. They only choose
    which matches are looked at; the permission model still decides which are shown. A kind whose paths are
    not these (a certificate's agency is its learner's, not the document's owner) leaves the source's
    matches unnarrowed for whoever that kind's grants reach.

    `changed` says where the row's own time is: the path to the moment it last changed as a person sees it
    (a case's last step), or an expression over the model when that is the first of several (a document's
    revocation, else its issue). A row with no time of its own takes its case's or its closest parent's. The
    index keeps it beside the row, and the results are newest first by it, not by when the row was indexed.
    It is never empty for a findable row: the index has no place for a row without a time.

    A time read through another row (a hire file's, through its case) follows that row: `followed` finds,
    from `changed`, each model the time is read through, and the index brings the time of the rows that
    point at a saved one up to date (`search.signals`). `follows` says, per path of `followed`, which of
    that model's saved rows can concern the source at all, tested on the saved row: a Case is saved on every
    step of every service, and a step of a case of another process then costs nothing here.
    """

    name: str
    label: str
    model: str
    read: Callable[[Model], Found]
    changed: str | Combinable
    kind: str = ""
    related: tuple[str, ...] = ()
    order: int = 100
    rows: Callable[[QuerySet], QuerySet] = field(default=lambda queryset: queryset)
    agency: str | None = None
    province: str | None = None
    follows: Mapping[str, Callable[[Model], bool]] = field(default_factory=dict)

    @property
    def model_class(self) -> type[Model]:
        return django_apps.get_model(self.model)

    @property
    def province_path(self) -> str | None:
        """The path to the row's Province (id), read as a permission kind's is."""
        return province_path(self.agency, self.province)

    def queryset(self) -> QuerySet:
        return self.rows(self.model_class._default_manager.select_related(*self.related))

    @cached_property
    def followed(self) -> tuple["Followed", ...]:
        """The other models `changed` reads the time through, each with its path from the source's model."""
        read: dict[str, tuple[type[Model], set[str]]] = {}
        for reference in _references(self.changed):
            parts = reference.split(LOOKUP_SEP)
            model = self.model_class
            for depth, part in enumerate(parts[:-1], start=1):
                model = model._meta.get_field(part).related_model
                # What of the followed row the time reads: the next field, by name and by column (a save's
                # `update_fields` names either).
                following = model._meta.get_field(parts[depth])
                path = LOOKUP_SEP.join(parts[:depth])
                read.setdefault(path, (model, set()))[1].update({following.name, following.attname})
        unknown = set(self.follows) - set(read)
        if unknown:
            raise ImproperlyConfigured(
                f"{self.name}: `follows` names no path of `changed`: {sorted(unknown)}"
            )
        return tuple(
            Followed(model=model, path=path, fields=frozenset(fields), concerns=self.follows.get(path))
            for path, (model, fields) in read.items()
        )


@dataclass(frozen=True)
class Followed:
    """A model a source's time is read through: the source's rows at `path` from it (`case`, `round__case`)
    read its `fields`; `concerns`, when the source gives it, says which of its saved rows may matter."""

    model: type[Model]
    path: str
    fields: frozenset[str]
    concerns: Callable[[Model], bool] | None = None


def _references(expression) -> list[str]:
    """The field paths an expression of `changed` reads (a plain path is one)."""
    if expression is None:
        return []
    if isinstance(expression, str):
        return [expression]
    if isinstance(expression, F):
        return [expression.name]
    return [name for part in expression.get_source_expressions() for name in _references(part)]


_SOURCES: dict[str, Source] = {}


def register(source: Source) -> None:
    _SOURCES[source.name] = source


def sources() -> list[Source]:
    return sorted(_SOURCES.values(), key=lambda s: (s.order, s.name))


def source(name: str) -> Source:
    return _SOURCES[name]


def sources_of(model: type[Model]) -> list[Source]:
    return [s for s in sources() if s.model_class is model]


def followers_of(model: type[Model]) -> list[tuple[Source, Followed]]:
    """The sources whose time is read through `model`'s rows, each with how."""
    return [(s, f) for s in sources() for f in s.followed if f.model is model]
