"""Demo data builders: each app registers one; the demo loader and the isolation test run them all.

A builder is called once per agency as `build(world, agency)`, where `world` carries the province
Organization, the national body and the demo users by role, so that a new service's data appears in
the demo and is walked by the isolation test without editing either.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class DemoWorld:
    province: object
    national: object
    org_staff: dict = field(default_factory=dict)  # role -> user of the Organization
    national_staff: dict = field(default_factory=dict)  # role -> user of the national body
    agency_users: dict = field(default_factory=dict)  # agency id -> {role -> user}


_BUILDERS: list[tuple[int, str, Callable]] = []


def register(name: str, builder: Callable, *, order: int = 100) -> None:
    if name not in {n for _, n, _ in _BUILDERS}:
        _BUILDERS.append((order, name, builder))
        _BUILDERS.sort(key=lambda item: item[0])


def builders() -> list[tuple[str, Callable]]:
    return [(name, builder) for _, name, builder in _BUILDERS]
