"""The catalog as a reader sees it: the nation's cards, with their province's own wording where it has one."""

import dataclasses

from apps.accounts.models import Province
from apps.accounts.permissions import province_of
from apps.accounts.provinces import province_filter_value

from .content import SERVICES, Service, service_by_slug
from .models import ProvinceServiceText


def reader_province(request) -> Province | None:
    """The province whose wording a page shows: the one asked for (?province=), else the reader's own."""
    asked = province_filter_value(request.GET.get("province", ""))
    wanted = asked if asked is not None else province_of(request.user)
    return Province.objects.filter(pk=wanted).first() if wanted is not None else None


def _worded(services: list[Service], province: Province | None) -> list[Service]:
    if province is None:
        return services
    own: dict[str, dict[str, str]] = {}
    rows = ProvinceServiceText.objects.filter(province=province, service__in=[s.slug for s in services])
    for slug, field, text in rows.values_list("service", "field", "text"):
        own.setdefault(slug, {})[field] = text
    return [dataclasses.replace(s, **own[s.slug]) if s.slug in own else s for s in services]


def service_list(*, province: Province | None) -> list[Service]:
    return _worded(list(SERVICES), province)


def service_get(*, slug: str, province: Province | None) -> Service | None:
    service = service_by_slug(slug)
    return None if service is None else _worded([service], province)[0]
