"""The permission walk: every page and API operation of the desk, as every principal, against rows of its
kind in the person's own agency, in another agency, in the province and in a second province, answered as
the table declares; a row of the second province must be refused (404) to everyone of the first.

Nothing here lists routes or roles by hand. The routes come from the resolver and the API's routers,
their rules from the views' `@permission` declarations (a route without one fails the walk), the people
from the demo world (one per principal), the rows from every app's demo builder, and the expected answer
from `apps.accounts.permissions` itself: a row out of the person's reach must be refused with 404, a
refused action with 403, both marked by the permission model's header; an allowed one must not be.
A new route, kind or principal is walked without touching this file.
"""

import logging
import os
import re

import pytest
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver

from apps.accounts import permissions as perms
from apps.accounts.demo import ILAM, world_build
from apps.accounts.models import Organization, User
from apps.accounts.permissions import PUBLIC, SIGNED_IN, Principal, rule_for, rules_of
from apps.accounts.roles import Role
from apps.accounts.security import REFUSED_HEADER
from apps.core import demo

ANONYMOUS = "anonymous"
# While working on one app: KHEDMAT_WALK_ONLY=training/,api/training/ walks only routes starting so.
WALK_ONLY = tuple(p for p in os.environ.get("KHEDMAT_WALK_ONLY", "").split(",") if p)
# Django's admin keeps its own gate (staff accounts), walked as one more route that needs it.
ADMIN_PREFIX = "admin/"


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def _api_operations():
    """(route template, method, view function) for every operation of the API."""
    from khedmat.api import api

    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                # As ninja joins them: a router's root ("/") keeps its trailing slash.
                route = "api/" + re.sub(r"/+", "/", f"{prefix}/{path}").lstrip("/")
                for method in operation.methods:
                    yield route, method, operation.view_func


def routes():
    """(route template, method or None, view) for every page (method found by asking) and API operation."""
    found = []
    for raw, callback in _walk(get_resolver().url_patterns):
        route = raw.lstrip("^").rstrip("$").replace("\\Z", "").replace("\\/", "/")
        module = getattr(callback, "__module__", "") or ""
        if module.startswith("ninja.operation") and not rules_of(callback):
            continue  # the API's paths: walked per operation below
        if route.startswith(ADMIN_PREFIX) or route.startswith("static/") or route.startswith("media/"):
            continue
        found.append((route, None, callback))
    found += list(_api_operations())
    return [r for r in found if not WALK_ONLY or r[0].startswith(WALK_ONLY)]


def _params(route: str) -> list[str]:
    return re.findall(r"<(?:\w+:)?(\w+)>", route) + re.findall(r"\{(?:\w+:)?(\w+)\}", route)


def _fill(route: str, values: dict) -> str:
    for name, value in values.items():
        route = re.sub(rf"<(?:\w+:)?{name}>", str(value), route)
        route = re.sub(rf"\{{(?:\w+:)?{name}\}}", str(value), route)
    return "/" + route


@pytest.fixture(scope="module")
def world_media(tmp_path_factory):
    # The world's files (cards, photos, certificates) outlive one test: the module keeps them in its own
    # folder, which every walk reads (the suite's per-test media folder would not hold them).
    return tmp_path_factory.mktemp("walk") / "media"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, world_media):
    """Two agencies with every app's demo data, and a second province with two of its own, built once for
    the module's walks and rolled back after them; each walk runs in a savepoint of its own inside it.
    The first province's world is returned; the second's is `world.other`."""
    with django_db_blocker.unblock(), transaction.atomic(), override_settings(MEDIA_ROOT=world_media):
        built = world_build(
            agencies=[
                {"code": "901", "name": "دستگاه نخست آزمایشی", "kind": "directorate"},
                {"code": "902", "name": "دستگاه دوم آزمایشی", "kind": "directorate"},
            ],
            suffix="-pw",
        )
        other = world_build(
            agencies=[
                {"code": "951", "name": "دستگاه نخست استان دوم", "kind": "directorate"},
                {"code": "952", "name": "دستگاه دوم استان دوم", "kind": "directorate"},
            ],
            suffix="-pw",
            province=ILAM,
        )
        for each in (built, other):
            for agency in Organization.objects.filter(pk__in=list(each.agency_users)):
                for _name, build in demo.builders():
                    build(each, agency)
        built.other = other
        yield built
        transaction.set_rollback(True)


def _person_for(principal: str, world) -> User | None:
    """A person of the demo world who is `principal`, in the first agency for an agency's principals."""
    if principal == ANONYMOUS:
        return None
    first_agency = next(iter(world.agency_users))
    # The first province's people: the second province's rows are walked as another province's.
    candidates = User.objects.filter(username__endswith="-pw").select_related("organization", "unit")
    other = getattr(world, "other", None)  # a world of one province (the digits crawl) has no second
    if other is not None:
        candidates = candidates.exclude(organization__province=other.province.province)
    for user in sorted(candidates, key=lambda u: (u.organization_id != first_agency, u.pk)):
        if principals_of_only(user) == {principal}:
            return user
    # Principals the demo gives nobody alone: the training group's head and the administrator.
    province = world.province
    unit = province.units.get(code=perms.TRAINING_UNIT) if principal == Principal.TRAINING_HEAD else None
    return User.objects.create(
        username=f"walk-{principal}",
        password=make_password("x"),
        organization=province,
        unit=unit,
        roles=[Role.ORG_GROUP_HEAD] if unit else [],
        is_superuser=principal == Principal.ADMIN,
        is_staff=principal == Principal.ADMIN,
    )


def principals_of_only(user) -> set:
    return set(perms.principals_of(user))


def _rows(rule, user, world) -> list:
    """Rows the route is walked with: each organization's (of both provinces) and each province's newest of
    the kind, and one the person reaches. Each row is marked with whether it is the second province's."""
    model = rule.model_class()
    names = rule.kind_names()
    manager = model._default_manager
    other = world.other
    organizations = [
        *world.agency_users,
        world.province.pk,
        world.national.pk,
        *other.agency_users,
        other.province.pk,
    ]
    provinces = [world.province.province_id, other.province.province_id]
    picked = {}
    for name in names:
        found = perms.kind(name)
        base = manager.all()
        rows_q = found.rows() if callable(found.rows) else found.rows
        if rows_q is not None:
            base = base.filter(rows_q)
        path = found.province_path
        if found.agency:
            for org_id in organizations:
                row = base.filter(**{found.agency: org_id}).order_by("-pk").first()
                if row is not None:
                    picked[row.pk] = row
        elif path and path != perms.EVERY_PROVINCE:
            for province_id in provinces:
                row = base.filter(**{path: province_id}).order_by("-pk").first()
                if row is not None:
                    picked[row.pk] = row
        else:
            row = base.order_by("-pk").first()
            if row is not None:
                picked[row.pk] = row
        if user is not None:
            mine = perms.visible(base, user, rule.action, kind_name=name).order_by("-pk").first()
            if mine is not None:
                picked[mine.pk] = mine
    for row in picked.values():
        row.walk_foreign = _in_province(row, names, other.province.province_id)
    return list(picked.values())


def _in_province(row, names, province_id) -> bool:
    """Whether the row belongs to the province, by the path any of its kinds finds provinces by."""
    for name in names:
        path = perms.kind(name).province_path
        if path and path != perms.EVERY_PROVINCE:
            rows = type(row)._default_manager.filter(pk=row.pk, **{path: province_id})
            if rows.exists():
                return True
    return False


# The national body's people and the administrator reach every province; everyone else only their own.
NATIONWIDE = {Principal.NATIONAL_OFFICER, Principal.ADMIN}


def _expected(rule, user, row) -> int:
    """0 when allowed, else the status the permission model refuses with."""
    if rule == PUBLIC:
        return 0
    if user is None:
        return 401
    if rule == SIGNED_IN:
        return 0
    names = rule.kind_names()
    if row is None:
        return 0 if any(perms.may_at_all(user, n, rule.action) for n in names) else 403
    model = type(row)
    seen = any(
        perms.visible(model._default_manager.filter(pk=row.pk), user, "view", kind_name=n).exists()
        for n in names
    )
    if not seen:
        return 404
    if rule.action == "view":
        return 0
    return 0 if any(perms.may(user, n, rule.action, row) for n in names) else 403


def _refused(response, route: str) -> int:
    """The permission model's refusal in this answer: its status, 401 for a sign-in asked, else 0."""
    if response.has_header(REFUSED_HEADER):
        return int(response[REFUSED_HEADER])
    if response.status_code == 302 and "/accounts/login/" in response.get("Location", ""):
        return 401
    if route.startswith("api/") and response.status_code == 401:
        return 401
    return 0


def _method_of(client, url: str, view) -> str:
    rules = rules_of(view)
    declared = {r.method for r in rules if r.method}
    if declared:
        return sorted(declared)[0]
    response = client.get(url)
    return "POST" if response.status_code == 405 else "GET"


WALKED = [*(str(p) for p in Principal), ANONYMOUS]


@pytest.mark.parametrize("principal", WALKED)
def test_every_route_answers_every_principal_as_the_table_declares(
    world, world_media, db, settings, principal, caplog
):
    settings.MEDIA_ROOT = world_media
    caplog.set_level(logging.CRITICAL, logger="django.request")
    caplog.set_level(logging.CRITICAL, logger="khedmat.security")
    user = _person_for(principal, world)
    client = Client(raise_request_exception=False)
    if user is not None:
        assert principal in perms.principals_of(user)
        client.force_login(user)
    undeclared, wrong, errors, walked = [], [], [], 0
    for route, api_method, view in routes():
        if not rules_of(view):
            module = getattr(getattr(view, "func", view), "__module__", "") or ""
            if module.startswith(("apps.", "khedmat.")) or api_method:
                undeclared.append(route if api_method is None else f"{api_method} {route}")
            elif user is not None and _refused(client.get("/" + route), route) != 403:
                # A library's own page nobody declared (ninja's API home): refused by default.
                wrong.append(f"GET /{route}: undeclared, so refused by default, answered otherwise")
            continue
        params = _params(route)
        methods = [api_method] if api_method else None
        for rule in rules_of(view):
            if methods is None:
                probe = _fill(route, dict.fromkeys(params, "0"))
                method = rule.method or _method_of(client, probe, view)
            else:
                method = methods[0]
                if rule_for(view, method) is not rule:
                    continue
            rows = _rows(rule, user, world) if rule.lookup else [None]
            for row in rows:
                values = dict.fromkeys(params, "0")
                if row is not None:
                    values[rule.lookup] = getattr(row, rule.field_name().split("__")[0])
                url = _fill(route, values)
                with transaction.atomic():
                    if method == "GET":
                        response = client.get(url)
                    elif route.startswith("api/"):
                        response = client.generic(method, url, "{}", content_type="application/json")
                    else:
                        response = client.post(url, {})
                    transaction.set_rollback(True)
                walked += 1
                if "logout" in url and user is not None:
                    client.force_login(user)
                expected = _expected(rule, user, row)
                got = _refused(response, route)
                if (
                    user is not None
                    and getattr(row, "walk_foreign", False)
                    and principal not in NATIONWIDE
                    and expected != 404
                ):
                    wrong.append(f"{method} {url}: another province's row, declared {expected or 'allowed'}")
                if response.status_code >= 500:
                    errors.append(f"{method} {url} → {response.status_code}")
                elif got != expected:
                    wrong.append(
                        f"{method} {url}: declared {expected or 'allowed'}, answered {got or response.status_code}"
                    )
    assert walked > 100 or WALK_ONLY
    assert not (undeclared or wrong or errors), (
        f"as {principal}:\n"
        + (
            f"routes without a declared rule ({len(undeclared)}):\n  " + "\n  ".join(undeclared) + "\n"
            if undeclared
            else ""
        )
        + (f"answers unlike the table ({len(wrong)}):\n  " + "\n  ".join(wrong[:60]) + "\n" if wrong else "")
        + ("server errors:\n  " + "\n  ".join(errors[:20]) if errors else "")
    )
