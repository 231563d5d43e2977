"""The desk's permission model: may this person do this action to this record, and which rows may they reach.

Three things are declared, and everything else asks them:

* **Principals**: what a person is to the desk, from their roles, their organization and their group
  (an expert of the training group is a `training_expert`; the same role in the management group is a
  `management_expert`). `principals_of(user)`.
* **Kinds** of object, each registered by the app that owns its model, saying how to find the rows of
  each scope: the person's own, those assigned to them, their group's, their agency's, the province's,
  the nation's. `register_kinds(...)`.
* **The table**: kind × action → principal → scope, registered by each app as one dict that reads like
  a table (`register_table(...)`), printed whole by `manage.py permissions_docs` in docs/permissions.md
  and on the administrators' page. Whatever is not in the table is refused: deny by default.

From them come `visible(queryset, user, action)` for every list and fetch, `may(user, kind, action,
obj)` for buttons, menus and services, and `@permission(kind, action, lookup=...)` on every page and API
operation (`@public` on the few that anyone may open). A refusal raises `Refused`: another scope's record
answers 404 as if it did not exist, a refused action on a record the person may see answers 403, and
both are written down as security events (`apps.accounts.security`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from enum import IntEnum, StrEnum

from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.db.models.query import ModelIterable

from .roles import OrgKind, Role


class Scope(IntEnum):
    """How far a grant reaches, narrowest first."""

    OWN = 1  # records about the person themself: their certificates, their card, their requests
    ASSIGNED = 2  # records given to them: a case waiting on them, a council's agenda, an evaluator's agencies
    UNIT = 3  # their group of the Organization
    AGENCY = 4  # their own organization's records
    PROVINCE = 5  # every record of the province
    NATION = 6  # every record of the desk

    @property
    def label(self) -> str:
        return SCOPE_LABELS[self]


SCOPE_LABELS = {
    Scope.OWN: "خود",
    Scope.ASSIGNED: "ارجاع‌شده",
    Scope.UNIT: "گروه",
    Scope.AGENCY: "دستگاه",
    Scope.PROVINCE: "استان",
    Scope.NATION: "کشور",
}
OWN, ASSIGNED, UNIT, AGENCY, PROVINCE, NATION = Scope


class Action(StrEnum):
    VIEW = "view"  # list and open (a list shows exactly the rows the person may open)
    CREATE = "create"
    EDIT = "edit"
    ACT = "act"  # move a lifecycle on: approve, return, send, score…
    ATTACH = "attach"
    DOWNLOAD = "download"
    EXPORT = "export"  # a list as .xlsx
    BULK = "bulk"
    MANAGE = "manage"  # define what others work on: rounds, cycles, courses, indices


ACTION_LABELS = {
    Action.VIEW: "دیدن",
    Action.CREATE: "ثبت",
    Action.EDIT: "ویرایش",
    Action.ACT: "اقدام",
    Action.ATTACH: "پیوست",
    Action.DOWNLOAD: "دریافت فایل",
    Action.EXPORT: "خروجی اکسل",
    Action.BULK: "اقدام گروهی",
    Action.MANAGE: "تعریف و مدیریت",
}


class Principal(StrEnum):
    """What a person is to the desk. A user may be several (an officer who also attends courses)."""

    EMPLOYEE = "employee"
    AGENCY_OFFICER = "agency_officer"
    AGENCY_HEAD = "agency_head"
    AGENCY_HR = "agency_hr"
    COUNCIL_SECRETARY = "council_secretary"
    COUNCIL_MEMBER = "council_member"
    SUPERVISOR = "supervisor"
    TRAINING_EXPERT = "training_expert"
    TRAINING_HEAD = "training_head"
    MANAGEMENT_EXPERT = "management_expert"
    MANAGEMENT_HEAD = "management_head"
    DEPUTY = "deputy"
    ORG_HEAD = "org_head"
    EVALUATOR = "evaluator"
    NATIONAL_OFFICER = "national_officer"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return PRINCIPAL_LABELS[self]


PRINCIPAL_LABELS = {
    Principal.EMPLOYEE: "کارمند (فراگیر)",
    Principal.AGENCY_OFFICER: "کارشناس رابط دستگاه",
    Principal.AGENCY_HEAD: "بالاترین مقام دستگاه",
    Principal.AGENCY_HR: "کارگزینی دستگاه",
    Principal.COUNCIL_SECRETARY: "دبیر شورای دستگاه",
    Principal.COUNCIL_MEMBER: "عضو شورا",
    Principal.SUPERVISOR: "ناظر آزمون",
    Principal.TRAINING_EXPERT: "کارشناس گروه آموزش",
    Principal.TRAINING_HEAD: "رئیس گروه آموزش",
    Principal.MANAGEMENT_EXPERT: "کارشناس گروه توسعه مدیریت",
    Principal.MANAGEMENT_HEAD: "رئیس گروه توسعه مدیریت",
    Principal.DEPUTY: "معاون توسعه مدیریت",
    Principal.ORG_HEAD: "رئیس سازمان",
    Principal.EVALUATOR: "ارزیاب",
    Principal.NATIONAL_OFFICER: "کارشناس سازمان اداری و استخدامی",
    Principal.ADMIN: "مدیر سامانه",
}

# The Deputy's groups (OrgUnit.code) and what their experts and heads are to the desk. The budget group
# has no service on the desk, so its members are given nothing.
TRAINING_UNIT = "training"
MANAGEMENT_UNIT = "management"
_GROUP_PRINCIPALS = {
    (Role.ORG_EXPERT, TRAINING_UNIT): Principal.TRAINING_EXPERT,
    (Role.ORG_GROUP_HEAD, TRAINING_UNIT): Principal.TRAINING_HEAD,
    (Role.ORG_EXPERT, MANAGEMENT_UNIT): Principal.MANAGEMENT_EXPERT,
    (Role.ORG_GROUP_HEAD, MANAGEMENT_UNIT): Principal.MANAGEMENT_HEAD,
}
# Roles that mean the same whichever group the person sits in, with the kind of organization they need.
_ROLE_PRINCIPALS = {
    Role.ORG_DEPUTY: (OrgKind.PROVINCE, Principal.DEPUTY),
    Role.ORG_HEAD: (OrgKind.PROVINCE, Principal.ORG_HEAD),
    Role.EVALUATOR: (OrgKind.PROVINCE, Principal.EVALUATOR),
    Role.AGENCY_OFFICER: (OrgKind.AGENCY, Principal.AGENCY_OFFICER),
    Role.AGENCY_HEAD: (OrgKind.AGENCY, Principal.AGENCY_HEAD),
    Role.AGENCY_HR: (OrgKind.AGENCY, Principal.AGENCY_HR),
    Role.AGENCY_COUNCIL_SECRETARY: (OrgKind.AGENCY, Principal.COUNCIL_SECRETARY),
    Role.COUNCIL_MEMBER: (OrgKind.AGENCY, Principal.COUNCIL_MEMBER),
    Role.SUPERVISOR: (None, Principal.SUPERVISOR),
    Role.LEARNER: (OrgKind.AGENCY, Principal.EMPLOYEE),
    Role.NATIONAL_OFFICER: (OrgKind.NATIONAL, Principal.NATIONAL_OFFICER),
}


def province_path(agency: str | None, province: str | None) -> str | None:
    """Where a row's Province is, from the declared paths to its agency and (when shorter) its province."""
    if province:
        return province
    if agency == "pk":
        return "province"
    return f"{agency}__province" if agency else None


def principals_of(user) -> frozenset[Principal]:
    """What this person is to the desk; nothing for an anonymous or deactivated user."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_desk_principals", None)
    if cached is not None:
        return cached
    found: set[Principal] = set()
    if user.is_superuser:
        found.add(Principal.ADMIN)
    kind = user.organization.kind if user.organization_id else None
    unit = user.unit.code if user.unit_id else None
    for role in user.roles:
        if (role, unit) in _GROUP_PRINCIPALS and kind == OrgKind.PROVINCE:
            found.add(_GROUP_PRINCIPALS[(role, unit)])
        elif role in _ROLE_PRINCIPALS:
            needs, principal = _ROLE_PRINCIPALS[role]
            if needs is None or needs == kind:
                found.add(principal)
    user._desk_principals = frozenset(found)
    return user._desk_principals


# Kinds of object.


# A kind's `province` for rows every province shares (the roster of people who supervise exams).
EVERY_PROVINCE = "*"


def province_of(user) -> int | None:
    """The id of the person's province: their organization's; None for the national body's people."""
    if not getattr(user, "organization_id", None):
        return None
    return user.organization.province_id


def no_rows() -> Q:
    """A filter no row matches: a scope that finds nothing for this person (no national ID, say)."""
    return Q(pk__in=[])


@dataclass(frozen=True)
class Kind:
    """A kind of object the table speaks of, and how to find each scope's rows of it.

    `agency` is the path from the model to the organization that owns the row. `province` is the path to
    the row's Province: by default the owning organization's (every organization but the national body
    is in one province); a kind whose rows no organization owns (a course, a round, a cycle the
    Organization defines) names its own, and `EVERY_PROVINCE` says its rows are shared by every province.
    `own`, `assigned` and `unit` build the rows of those scopes for a user; a kind without one cannot be
    granted that scope (the table is checked when the desk starts). `rows` narrows the model to this kind
    when one model carries several kinds (cases: one kind per service): a Q, or a function returning one
    when what it reads is registered later.
    """

    name: str
    label: str
    model: str  # "app_label.ModelName"
    agency: str | None = None
    province: str | None = None
    own: Callable | None = None
    assigned: Callable | None = None
    unit: Callable | None = None
    rows: Q | Callable | None = None
    # The field its pages and API operations name a row by.
    lookup: str = "pk"
    # A scope that walks a many-valued relation (a request's learners) can repeat a row.
    distinct: bool = False

    @property
    def model_class(self) -> type[Model]:
        return django_apps.get_model(self.model)

    @property
    def province_path(self) -> str | None:
        """The path from the model to its row's Province (id), or None when the kind cannot find it."""
        return province_path(self.agency, self.province)

    def rows_q(self) -> Q:
        """The kind's `rows` (the model's rows it covers at all) as a filter; every row when it names none."""
        if self.rows is None:
            return Q()
        return self.rows() if callable(self.rows) else self.rows

    def scope_q(self, user, scope: Scope) -> Q:
        if scope == Scope.NATION:
            return Q()
        if scope == Scope.PROVINCE:
            path = self.province_path
            if path == EVERY_PROVINCE:
                return Q()
            province_id = province_of(user)
            if not path or province_id is None:
                return no_rows()
            return Q(**{path: province_id})
        if scope == Scope.AGENCY:
            if not self.agency or not user.organization_id:
                return no_rows()
            return Q(**{self.agency: user.organization_id})
        build = {Scope.OWN: self.own, Scope.ASSIGNED: self.assigned, Scope.UNIT: self.unit}[scope]
        return build(user) if build else no_rows()


_KINDS: dict[str, Kind] = {}
# kind -> action -> principal -> scopes
_TABLE: dict[str, dict[str, dict[Principal, frozenset[Scope]]]] = {}
# The app that registered each kind's rows, for the generated page.
_TABLE_OWNER: dict[str, str] = {}


def register_kinds(*kinds: Kind) -> None:
    for found in kinds:
        _KINDS[found.name] = found
    _kinds_by_model.cache_clear()


def register_table(app: str, table: dict) -> None:
    """One app's rows of the table: {kind: {action: {principal: scope or (scopes…)}}}."""
    for kind_name, actions in table.items():
        _TABLE_OWNER[kind_name] = app
        rows = _TABLE.setdefault(kind_name, {})
        for action, grants in actions.items():
            rows[str(Action(action))] = {
                Principal(p): frozenset(s if isinstance(s, tuple | list | set | frozenset) else (s,))
                for p, s in grants.items()
            }


def kind(name: str) -> Kind:
    return _KINDS[name]


def kinds() -> dict[str, Kind]:
    return dict(_KINDS)


def table() -> dict[str, dict[str, dict[Principal, frozenset[Scope]]]]:
    return _TABLE


def table_owner(kind_name: str) -> str:
    return _TABLE_OWNER.get(kind_name, "")


def declaration_errors() -> list[str]:
    """What is wrong with the declaration: a kind without rows, a scope its kind cannot find."""
    errors = []
    for kind_name, actions in _TABLE.items():
        found = _KINDS.get(kind_name)
        if found is None:
            errors.append(f"{kind_name}: granted in the table but never registered as a kind")
            continue
        for action, grants in actions.items():
            for principal, scopes in grants.items():
                for scope in scopes:
                    missing = {
                        Scope.OWN: found.own,
                        Scope.ASSIGNED: found.assigned,
                        Scope.UNIT: found.unit,
                        Scope.AGENCY: found.agency,
                    }
                    if scope == Scope.PROVINCE:
                        missing[scope] = found.province_path
                    if scope in missing and not missing[scope]:
                        errors.append(
                            f"{kind_name}.{action}: {principal} gets {scope.name}, which it cannot find"
                        )
    return errors


# Questions.


def scopes_for(user, kind_name: str, action: str) -> frozenset[Scope]:
    grants = _TABLE.get(kind_name, {}).get(str(action), {})
    found: set[Scope] = set()
    for principal in principals_of(user):
        found |= grants.get(principal, frozenset())
    return frozenset(found)


def may_at_all(user, kind_name: str, action: str) -> bool:
    """Whether any row of this kind is open to this action for this person (menus, create buttons)."""
    if scopes_for(user, kind_name, action):
        return True
    lent = _lent(kind_name)
    return lent is not None and any(scopes_for(a, kind_name, action) for a in absentees_of(user))


def condition(user, kind_name: str, action: str) -> Q | None:
    """The rows of `kind_name` this person may `action`, as a filter; None when none are."""
    scopes = scopes_for(user, kind_name, action)
    if not scopes:
        return None
    found = kind(kind_name)
    if Scope.NATION in scopes:
        q = Q()
    else:
        parts = [found.scope_q(user, scope) for scope in sorted(scopes)]
        if any(not part for part in parts):
            q = Q()
        else:
            q = parts[0]
            for part in parts[1:]:
                q |= part
    return q & found.rows_q()


# Acting for someone else (a substitute, `apps.substitutes`): on the dates the person stands in for an absent
# colleague, they borrow that colleague's rows of the table, narrowed to the colleague's work. The app that
# keeps substitutions registers how to find both; without one, nobody acts for anybody.


@dataclass(frozen=True)
class Delegation:
    absentees: Callable  # absentees(user) -> the people `user` stands in for today
    stand_ins: Callable  # stand_ins(users) -> {an absent person's id: their substitute today}
    # work(kind) -> None when nothing of this kind is lent, else work_of(absentee) -> the absentee's rows (a Q)
    work: Callable


_DELEGATION: list[Delegation] = []


def register_delegation(delegation: Delegation) -> None:
    _DELEGATION[:] = [delegation]


def absentees_of(user) -> list:
    """The people this person stands in for today (none for the anonymous, the desk, a deactivated user)."""
    if not _DELEGATION or not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    return _DELEGATION[0].absentees(user)


def stand_ins_for(users) -> dict:
    """{id: substitute} of those of `users` who are away today and have someone standing in for them."""
    return _DELEGATION[0].stand_ins(users) if _DELEGATION else {}


def _lent(kind_name: str) -> Callable | None:
    """How to find an absent person's work among this kind's rows; None when no row of it is ever lent (so
    nobody's absences are even looked up)."""
    return _DELEGATION[0].work(kind(kind_name)) if _DELEGATION else None


def reach(user, kind_name: str, action: str) -> Q | None:
    """`condition()` with what the person borrows today, for those they stand in for, of the absent
    person's own rows of the table within their work; None when no row."""
    q = condition(user, kind_name, action)
    work_of = _lent(kind_name)
    if work_of is None or (q is not None and not q):
        return q  # nothing of this kind is lent, or the person reaches every row already (an empty Q)
    for absentee in absentees_of(user):
        theirs = condition(absentee, kind_name, action)
        if theirs is not None:
            borrowed = theirs & work_of(absentee)
            q = borrowed if q is None else q | borrowed
    return q


def visible(queryset: QuerySet, user, action: str = Action.VIEW, *, kind_name: str | None = None) -> QuerySet:
    """The rows of `queryset` this person may `action`: every kind of its model, or just `kind_name`."""
    names = [kind_name] if kind_name else kinds_of(queryset.model)
    reaches = _reaches(user, names, action)
    if reaches is None:
        return queryset.none()
    if reaches is True:
        return queryset
    rows = queryset.filter(reaches)
    return rows.distinct() if any(_KINDS[n].distinct for n in names) else rows


@functools.cache
def _kinds_by_model() -> dict[str, tuple[str, ...]]:
    by_model: dict[str, list[str]] = {}
    for found in _KINDS.values():
        by_model.setdefault(found.model.lower(), []).append(found.name)
    return {model: tuple(names) for model, names in by_model.items()}


def kinds_of(model: type[Model]) -> tuple[str, ...]:
    return _kinds_by_model().get(model._meta.label_lower, ())


def may(user, kind_name: str, action: str, obj: Model | None = None) -> bool:
    """May this person do `action` to `obj` (or to some row of the kind, without one)?"""
    if obj is None:
        return may_at_all(user, kind_name, action)
    q = reach(user, kind_name, action)
    if q is None:
        return False
    return type(obj)._default_manager.filter(q, pk=obj.pk).exists()


def may_as_any(user, action: str, obj: Model, kind_names=None) -> bool:
    """`may` as any of `kind_names` (every kind of the row's model by default), asked in one query."""
    reaches = _reaches(user, kind_names or kinds_of(type(obj)), action)
    if reaches is None or isinstance(reaches, bool):
        return bool(reaches)
    return type(obj)._default_manager.filter(reaches, pk=obj.pk).exists()


def _reaches(user, kind_names, action: str) -> Q | bool | None:
    """The rows of any of `kind_names` this person may `action`, OR-ed into one filter: True for every
    row, None for none."""
    granted = [q for q in (reach(user, name, action) for name in kind_names) if q is not None]
    if not granted:
        return None
    # An empty Q is every row; OR-ed with another, Django would keep only the other.
    if any(not q for q in granted):
        return True
    combined = granted[0]
    for q in granted[1:]:
        combined |= q
    return combined


class Refused(Exception):
    """A refusal of the permission model: 404 for a record out of the person's reach, 403 for an action."""

    def __init__(self, status: int, *, kind: str = "", action: str = "", obj_ref: str = ""):
        super().__init__(f"{status} {kind}.{action} {obj_ref}".strip())
        self.status = status
        self.kind = kind
        self.action = action
        self.obj_ref = obj_ref

    @property
    def message(self) -> str:
        return REFUSED_MESSAGES[self.status]


REFUSED_MESSAGES = {
    401: "ابتدا وارد شوید.",
    403: "شما اجازهٔ این کار را ندارید.",
    404: "یافت نشد.",
}


def get_or_refuse(
    queryset: QuerySet, user, action: str = Action.VIEW, *, kind_name: str | None = None, **lookup
):
    """One row by `lookup` that this person may `action`: 404 when they may not even see it, 403 when they
    see it but may not do this to it. Seeing and doing are asked in one query; a row the route's rule of
    this request found already (`enforce`) is taken from there."""
    names = (kind_name,) if kind_name else tuple(kinds_of(queryset.model))
    checked = _CHECKED.get()
    key = _checked_key(queryset.model, user, names, lookup)
    handed = checked.take(key, queryset, lookup, action) if checked is not None and key else None
    if handed is not None:
        return handed
    ref = ",".join(f"{k}={v}" for k, v in lookup.items())
    kind_label = names[0] if len(names) == 1 else queryset.model._meta.label_lower
    # Whether they may do it: known without the row (True, False), or asked beside it (None).
    reaches = True if str(action) == Action.VIEW else _reaches(user, names, action)
    allowed = reaches if reaches is True else None if reaches else False
    try:
        rows = visible(queryset, user, Action.VIEW, kind_name=kind_name).filter(**lookup)
        if allowed is None:
            # A row the person may see but not do this to is a 403, so the action's reach is asked beside
            # the row, not in its filter.
            doable = queryset.model._default_manager.filter(reaches, pk=OuterRef("pk"))
            rows = rows.annotate(**{_MAY: Exists(doable)})
        seen = rows.first()
    except (ValueError, TypeError, ValidationError):
        # The API checks a row before ninja reads the path's types: "abc" for an id names no row.
        seen = None
    if seen is None:
        raise Refused(404, kind=kind_label, action=str(action), obj_ref=ref)
    if allowed is None:
        allowed = seen.__dict__.pop(_MAY)
    if not allowed:
        raise Refused(403, kind=kind_label, action=str(action), obj_ref=ref)
    return seen


# The annotation that carries "may do the action" on the row `get_or_refuse` fetched, removed once read.
_MAY = "_desk_may"


# What the route's rule of the request in progress fetched, for the view to take instead of fetching it
# again. It lives for one request (`request_rows`, around the page or the API operation), never on the user:
# the signed-in user object may be kept between requests (`apps.core.freshness.kept`).
class _Checked:
    def __init__(self):
        self.rows: dict[tuple, dict[str, Model]] = {}

    def hand(self, key: tuple, action: str, row: Model) -> None:
        self.rows.setdefault(key, {})[str(action)] = row

    def take(self, key: tuple, queryset: QuerySet, lookup: dict, action: str) -> Model | None:
        """The row checked for `action`, or for any action when `action` is seeing it (whoever may act on
        a row may see it); a row checked only for seeing is never handed to a check of an action. Handed
        once: a second ask in the request (after a change, say) is answered by the database."""
        found = self.rows.get(key, {})
        action = str(action)
        held = action if action in found else next(iter(found), None) if action == Action.VIEW else None
        if held is None or queryset.query.select_for_update:
            return None
        row = found.pop(held)
        if _plain(queryset):
            return row
        # The caller's own reading (its related rows, annotations, narrowing) by the row's key, without
        # the permission's filters again; a row the narrowing leaves out is asked the whole way.
        return queryset.filter(**lookup).filter(pk=row.pk).first()


def _plain(queryset: QuerySet) -> bool:
    """Whether `queryset` reads nothing but the model's own rows, as the route's rule fetched them."""
    query = queryset.query
    return (
        query.where == queryset.model._default_manager.all().query.where
        and not query.select_related
        and not query.annotations
        and not query.extra
        and not query.distinct
        and query.deferred_loading == (frozenset(), True)
        and not queryset._prefetch_related_lookups
        and queryset._iterable_class is ModelIterable
    )


def _checked_key(model, user, names, lookup: dict) -> tuple | None:
    if len(lookup) != 1 or not getattr(user, "pk", None):
        return None
    ((field, value),) = lookup.items()
    return (model._meta.label_lower, user.pk, tuple(names), field, str(value))


_CHECKED: ContextVar[_Checked | None] = ContextVar("desk_checked_rows", default=None)


@contextmanager
def request_rows():
    """The span of one request: a page's view, or an API operation with its authentication."""
    if _CHECKED.get() is not None:
        yield
        return
    token = _CHECKED.set(_Checked())
    try:
        yield
    finally:
        _CHECKED.reset(token)


# Routes.


@dataclass(frozen=True)
class RouteRule:
    """What a route needs: `action` on `kind` (or on any kind of `model`, for the platform's pages that
    show every service's cases), and when `lookup` names a URL keyword, on that row."""

    kind: str
    action: str
    lookup: str = ""
    field: str = ""
    model: str = ""
    # The HTTP method the rule is for ("" for every method): a page that lists on GET and files on POST
    # declares one rule for each.
    method: str = ""

    def kind_names(self) -> tuple[str, ...]:
        if self.kind:
            return (self.kind,)
        return kinds_of(django_apps.get_model(self.model)) if self.model else ()

    def model_class(self) -> type[Model]:
        return django_apps.get_model(self.model) if self.model else kind(self.kind).model_class

    def field_name(self) -> str:
        if self.field:
            return self.field
        return kind(self.kind).lookup if self.kind else "pk"


PUBLIC = RouteRule(kind="", action="public")
SIGNED_IN = RouteRule(kind="", action="signed_in")


def permission(
    kind_name: str = "",
    action: str = Action.VIEW,
    *,
    lookup: str = "",
    field: str = "",
    model: str = "",
    method: str = "",
):
    """Declares and enforces what a page or API operation needs: `action` on `kind_name` (or on any kind
    of `model`), and when `lookup` names a URL keyword, on that row, matched on `field` (the kind's own
    lookup by default). `method` limits the rule to one HTTP method; stack one decorator per method.

    The rules are kept on the view as `permission_rules`, which the route walk in
    apps/accounts/tests/test_permission_walk.py reads for every route of the desk.
    """
    rule = RouteRule(
        kind=kind_name,
        action=str(Action(action)),
        lookup=lookup,
        field=field,
        model=model,
        method=method.upper(),
    )
    if bool(kind_name) == bool(model):
        raise ValueError("permission() takes a kind or a model, not both")

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not getattr(request.user, "is_authenticated", False):
                return _login_redirect(request)
            # The API enforced it already, before reading the request's body (`enforce_api_route`).
            applies = not rule.method or rule.method == request.method
            with request_rows():
                if applies and not getattr(request, "_desk_enforced", False):
                    enforce(request.user, rule, kwargs)
                return view(request, *args, **kwargs)

        wrapper.permission_rules = (rule, *rules_of(view))
        return wrapper

    return decorate


def enforce(user, rule: RouteRule, kwargs: dict) -> None:
    """Raises `Refused` unless `user` may follow `rule` with the route's keywords `kwargs`."""
    if rule in (PUBLIC, SIGNED_IN):
        if rule is SIGNED_IN and not getattr(user, "is_authenticated", False):
            raise Refused(401)
        return
    if not getattr(user, "is_authenticated", False):
        raise Refused(401)
    if rule.lookup:
        model = rule.model_class()
        lookup = {rule.field_name(): kwargs.get(rule.lookup)}
        row = get_or_refuse(
            model._default_manager.all(), user, rule.action, kind_name=rule.kind or None, **lookup
        )
        checked = _CHECKED.get()
        key = _checked_key(model, user, rule.kind_names(), lookup)
        if checked is not None and key:
            checked.hand(key, rule.action, row)
    elif not any(may_at_all(user, name, rule.action) for name in rule.kind_names()):
        raise Refused(403, kind=rule.kind or rule.model, action=rule.action)


def enforce_api_route(request) -> None:
    """The API's check, run once the caller is known and before their input is read, so a refused caller
    learns nothing from the validation of a body they may not send. An operation without a rule is refused.
    """
    rule, kwargs = getattr(request, "_desk_route", (None, {}))
    if rule is None:
        raise Refused(403)
    enforce(request.user, rule, kwargs)
    request._desk_enforced = True


def remember_api_route(run):
    """ninja's "view" decorator around each operation: notes the operation's rule for the auth step."""
    operation = run.__self__
    rule = rule_for(operation.view_func, operation.methods[0])

    @functools.wraps(run)
    def remembered(request, **kwargs):
        request._desk_route = (rule, kwargs)
        with request_rows():
            if not operation.auth_callbacks and rule not in (None, PUBLIC):
                # An operation open without signing in must say so (`@public`).
                try:
                    enforce_api_route(request)
                except Refused as refused:
                    return operation.api.on_exception(request, refused)
            return run(request, **kwargs)

    return remembered


def public(view):
    """Marks a page anyone may open, signed in or not (the calendar, verification, tracking)."""
    view.permission_rules = (PUBLIC,)
    return view


def signed_in(view):
    """Marks a page every signed-in person has for themself (their profile, their messages)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not getattr(request.user, "is_authenticated", False):
            return _login_redirect(request)
        return view(request, *args, **kwargs)

    wrapper.permission_rules = (SIGNED_IN,)
    return wrapper


def _login_redirect(request):
    if request.path.startswith("/api/"):
        raise Refused(401)
    from django.contrib.auth.views import redirect_to_login

    return redirect_to_login(request.get_full_path())


def rules_of(view) -> tuple[RouteRule, ...]:
    """The declared rules of a view, looking through decorators that kept `__wrapped__`; () when none."""
    seen = set()
    while view is not None and id(view) not in seen:
        seen.add(id(view))
        rules = getattr(view, "permission_rules", None)
        if rules is not None:
            return rules
        view = getattr(view, "__wrapped__", None) or getattr(view, "view_class", None)
    return ()


def rule_for(view, method: str) -> RouteRule | None:
    """The rule a request by `method` meets on `view`: its method's own, else the one for every method."""
    rules = rules_of(view)
    return next((r for r in rules if r.method == method), None) or next(
        (r for r in rules if not r.method), None
    )


@functools.cache
def _rule_of_url_name(url_name: str) -> RouteRule | None:
    from django.urls import resolve, reverse

    return rule_for(resolve(reverse(url_name)).func, "GET")


def route_open_to(user, url_name: str) -> bool:
    """Whether this person may open the page named `url_name` (one without a row in its address)."""
    rule = _rule_of_url_name(url_name)
    if rule is None or rule in (PUBLIC, SIGNED_IN):
        return True
    return any(may_at_all(user, name, rule.action) for name in rule.kind_names())


def route_key(user) -> tuple:
    """What `route_open_to`'s answers for this person depend on (through `may_at_all`): their principals,
    and those of each person they stand in for today. Two people with the same key open the same pages."""
    return principals_of(user), frozenset(principals_of(a) for a in absentees_of(user))


# The table as people read it: docs/permissions.md and the administrators' page.


@dataclass(frozen=True)
class MatrixRow:
    action: str
    action_label: str
    cells: tuple[str, ...]  # one per principal of the kind's columns, "" where refused


@dataclass(frozen=True)
class MatrixKind:
    name: str
    label: str
    app: str
    principals: tuple[Principal, ...]
    rows: tuple[MatrixRow, ...]


def matrix() -> list[MatrixKind]:
    """Each kind with the principals it grants anything to, and one row per declared action."""
    found = []
    for kind_name in sorted(_TABLE, key=lambda n: (table_owner(n), n)):
        actions = _TABLE[kind_name]
        granted = {p for grants in actions.values() for p in grants}
        columns = tuple(p for p in Principal if p in granted)
        rows = tuple(
            MatrixRow(
                action=action,
                action_label=ACTION_LABELS[Action(action)],
                cells=tuple("، ".join(s.label for s in sorted(actions[action].get(p, ()))) for p in columns),
            )
            for action in (a for a in Action if a in actions)
        )
        label = _KINDS[kind_name].label if kind_name in _KINDS else kind_name
        found.append(MatrixKind(kind_name, label, table_owner(kind_name), columns, rows))
    return found


def matrix_markdown() -> str:
    """docs/permissions.md: the whole table, one section per kind."""
    lines = [
        "# Who may do what — the permission table",
        "",
        "Generated by `manage.py permissions_docs` from each app's `permissions.py`; do not edit by hand.",
        "A cell names the scope of the grant; an empty cell, and any action or person not listed, is refused.",
        "",
        "Scopes: " + "; ".join(f"**{s.label}** ({s.name.lower()})" for s in Scope) + ".",
        "",
        "People: " + "; ".join(f"**{p.label}** (`{p.value}`)" for p in Principal) + ".",
        "",
    ]
    for entry in matrix():
        lines += [f"## {entry.label} — `{entry.name}` ({entry.app})", ""]
        lines.append("| کار | " + " | ".join(p.label for p in entry.principals) + " |")
        lines.append("|---|" + "---|" * len(entry.principals))
        for row in entry.rows:
            lines.append(f"| {row.action_label} (`{row.action}`) | " + " | ".join(row.cells) + " |")
        lines.append("")
    return "\n".join(lines)


# The accounts app's own kind: the security events, read by the administrators alone.
register_kinds(
    Kind(
        name="accounts.security_event", label="رخدادهای امنیتی و جدول دسترسی", model="accounts.SecurityEvent"
    )
)
register_table("accounts", {"accounts.security_event": {"view": {Principal.ADMIN: NATION}}})
