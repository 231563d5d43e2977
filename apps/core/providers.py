"""Facts one service offers another without importing it: the provider registers a function by name,
the asker looks it up at call time and falls back to a default when the provider is not installed.

Service apps never import each other (ARCHITECTURE.md); this is the one crossing between them. Names
in use are listed here so both sides agree:

- ``training.management_courses(national_id) -> list[dict]``: management-improvement courses the person
  passed in service B, newest first: ``{"title", "hours", "finished_on", "certificate_code", "url"}``.
- ``training.hours_per_employee(year, organization_ids) -> dict[int, float]``: training hours per
  employee of each agency in a Jalali year, from service B's certificates.
- ``evaluation.agency_scores(organization_id, years) -> dict[int, float]``: an agency's final
  performance-evaluation score per Jalali year, from service D.
"""

from collections.abc import Callable
from typing import Any

_PROVIDERS: dict[str, Callable[..., Any]] = {}


def provide(name: str, function: Callable[..., Any]) -> None:
    _PROVIDERS[name] = function


def ask(name: str, *args, default: Any = None, **kwargs) -> Any:
    provider = _PROVIDERS.get(name)
    return default if provider is None else provider(*args, **kwargs)
