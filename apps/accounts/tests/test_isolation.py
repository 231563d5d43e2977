"""Isolation: no agency user reaches another agency's data through any page, download or API route.

The test builds two agencies with every app's demo data (the same builders the demo loader runs),
then walks every URL pattern of the project — the API's included — for every agency role, filling
each parameter with the victim agency's ids and codes. A page may answer, but it must never show
the victim's secrets, and no request may change the victim's data. Routes and services added later
are walked without editing this file: their patterns come from the resolver and their data from
their demo builders.
"""

import hashlib
import logging
import re
from collections import defaultdict

import pytest
from django.apps import apps as django_apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from apps.accounts.demo import AGENCY_STAFF, world_build
from apps.accounts.models import User
from apps.accounts.scoping import scoped_models
from apps.audit.models import AuditEntry
from apps.core import demo
from apps.workflow.models import Case

VICTIM_MARK = "محرمانه‌ویژه"
# Every role an agency's people hold in the demo: its officers and the individuals who belong to it.
ATTACKER_ROLES = sorted({role for _prefix, role, _title in AGENCY_STAFF})
PLATFORM_APPS = {"accounts", "core", "workflow", "notifications", "documents"}
_APP_LABELS = {c.label for c in django_apps.get_app_configs() if c.name.startswith("apps.")}


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def _app_of(route: str, entry: URLPattern) -> str | None:
    """The app a route belongs to: its view's module, or for API routes the path's own app segment."""
    module = getattr(entry.callback, "__module__", "") or ""
    if module.startswith("apps."):
        return module.split(".")[1]
    for segment in route.split("/")[:2]:
        if segment in _APP_LABELS:
            return segment
    return None


def _routes():
    """(template, [(param, converter)], app label) for every URL the project answers, API included."""
    routes = []
    for raw, entry in _walk(get_resolver().url_patterns):
        route = raw.lstrip("^").rstrip("$").replace("\\Z", "").replace("\\/", "/")
        params = re.findall(r"<(?:(\w+):)?(\w+)>", route)
        if "(?P<" in route:
            # Regex routes (the admin's) take their ids as free text.
            params += [("str", name) for name in re.findall(r"\(\?P<(\w+)>", route)]
        routes.append((route, [(conv or "str", name) for conv, name in params], _app_of(route, entry)))
    return routes


def _fill(route: str, values: dict[str, str]) -> str:
    for name, value in values.items():
        route = re.sub(rf"<(?:\w+:)?{name}>", value, route)
        route = re.sub(rf"\(\?P<{name}>[^)]*\)", value, route)
    return "/" + route


def _victim_values(victim) -> dict[str, tuple[set[str], set[str]]]:
    """Ids and codes of the victim agency's rows, by app: the newest row of each scoped model."""
    by_app = defaultdict(lambda: (set(), set()))
    for model in scoped_models():
        row = model.objects.filter(**{model.scope_org_field: victim.pk}).order_by("-pk").first()
        if row is None:
            continue
        ints, strings = by_app[model._meta.app_label]
        ints.add(str(row.pk))
        for field in row._meta.fields:
            if field.unique and field.get_internal_type() == "CharField":
                strings.add(str(getattr(row, field.name)))
    by_app["accounts"][1].add(User.objects.filter(organization=victim).order_by("pk").first().username)
    return by_app


def _pools(by_app, app_label: str | None) -> tuple[list[str], list[str]]:
    """What a route's parameters are filled with: the victim's rows of the route's own app and of the
    platform apps every service builds on (a service never takes another service's ids: they do not import
    each other); every app's rows when the route's app is unknown."""
    labels = set(by_app) if app_label is None else PLATFORM_APPS | {app_label}
    ints = {v for label in labels for v in by_app.get(label, (set(), set()))[0]}
    strings = {v for label in labels for v in by_app.get(label, (set(), set()))[1]}
    return sorted(ints), sorted(strings | ints)


def _secrets(victim) -> set[str]:
    people = User.objects.filter(organization=victim)
    found = {VICTIM_MARK}
    found |= {u.national_id for u in people} | {u.mobile for u in people} | {u.email for u in people}
    found |= set(Case.objects.filter(owner=victim).values_list("tracking_code", flat=True))
    return {s for s in found if s}


def _persian(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


def _snapshot(victim) -> str:
    """A fingerprint of everything the victim owns, to prove no request changed it."""
    parts = []
    for model in sorted(scoped_models(), key=lambda m: m._meta.label):
        rows = model.objects.filter(**{model.scope_org_field: victim.pk}).order_by("pk").values()
        parts.append(f"{model._meta.label}:{list(rows)!r}")
    parts.append(str(AuditEntry.objects.filter(case__owner=victim).count()))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


@pytest.fixture
def two_agencies(db):
    world = world_build(
        agencies=[
            {"code": "801", "name": "دستگاه مهاجم آزمایشی", "kind": "directorate"},
            {"code": "802", "name": "دستگاه قربانی آزمایشی", "kind": "directorate"},
        ],
        suffix="-iso",
    )
    attacker_id, victim_id = list(world.agency_users)
    for agency_id in (attacker_id, victim_id):
        agency = User.objects.get(pk=next(iter(world.agency_users[agency_id].values())).pk).organization
        for _name, build in demo.builders():
            build(world, agency)
    victim_people = world.agency_users[victim_id].values()
    # Make the victim's people and cases unmistakable in any page that leaks them.
    User.objects.filter(pk__in=[u.pk for u in victim_people]).update(last_name=VICTIM_MARK)
    for case in Case.objects.filter(owner_id=victim_id):
        Case.objects.filter(pk=case.pk).update(title=f"{case.title} {VICTIM_MARK}")
    return world, attacker_id, victim_id


@pytest.mark.parametrize("role", ATTACKER_ROLES)
def test_every_route_keeps_every_agency_role_inside_its_own_agency(two_agencies, role, caplog):
    caplog.set_level(logging.CRITICAL, logger="django.request")
    world, attacker_id, victim_id = two_agencies
    victim = User.objects.filter(organization_id=victim_id).first().organization
    by_app = _victim_values(victim)
    secrets = _secrets(victim)
    secrets |= {_persian(s) for s in secrets}
    before = _snapshot(victim)
    routes = _routes()
    assert any(r.startswith("api/") for r, _, _ in routes), "the API's routes must be walked too"

    attacker = world.agency_users[attacker_id][role]
    client = Client(raise_request_exception=False)
    client.force_login(attacker)
    leaks, errors, walked = [], [], 0
    for route, params, app_label in routes:
        ints, strings = _pools(by_app, app_label)
        candidates = [{}]
        for conv, name in params:
            pool = ints if conv == "int" else strings
            candidates = [{**c, name: v} for c in candidates for v in pool] or candidates
        for method in ("get", "post"):
            for n, values in enumerate(candidates):
                url = _fill(route, values)
                data = {"action": "approve", "reason": "آزمون", "cases": ints} if method == "post" else {}
                response = getattr(client, method)(url, data)
                walked += 1
                if "logout" in url:
                    client.force_login(attacker)
                if response.status_code >= 500:
                    errors.append(f"{method.upper()} {url} → {response.status_code}")
                    continue
                body = (
                    b"".join(response.streaming_content) if response.streaming else response.content
                ).decode("utf-8", "replace")
                # Echoing back the code the caller typed is no leak; anything else of the victim's is.
                shown = [s for s in secrets if s in body and s not in url and _persian(url).find(s) < 0]
                if shown:
                    leaks.append(f"{method.upper()} {url} shows {shown[:3]}")
                # A route closed to this role (the admin's, say) is closed whatever the id: one try says so.
                if n == 0 and (
                    response.status_code in (401, 403) or "/login/" in response.get("Location", "")
                ):
                    break
    assert walked > 100
    # Every finding at once: a server error on one route must not hide a leak or a change on another.
    changed = _snapshot(victim) != before
    assert not (errors or leaks or changed), (
        f"server errors for {role}:\n"
        + "\n".join(errors[:20])
        + f"\nanother agency's data leaked to {role}:\n"
        + "\n".join(leaks[:20])
        + ("\na request changed another agency's data" if changed else "")
    )


def test_the_walk_would_see_a_leak(two_agencies, client):
    """The detector itself: the victim's own officer does see the victim's secrets on its pages."""
    world, _attacker_id, victim_id = two_agencies
    victim_officer = next(iter(world.agency_users[victim_id].values()))
    victim = victim_officer.organization
    client.force_login(world.agency_users[victim_id]["agency_officer"])
    body = client.get("/cartable/cases/").content.decode()
    assert VICTIM_MARK in body
    assert any(
        _persian(code) in body
        for code in Case.objects.filter(owner=victim).values_list("tracking_code", flat=True)
    )
