"""Public pages of the service catalog: the list of services and each service's identity card, in the
reader's province's own wording where it has one (the national text otherwise)."""

from django.http import Http404
from django.shortcuts import render

from apps.accounts.models import Province
from apps.accounts.permissions import public

from . import selectors
from .content import NOT_IN_SEED


def _context(request) -> dict:
    province = selectors.reader_province(request)
    return {"province": province, "provinces": Province.objects.order_by("name")}


@public
def service_list(request):
    context = _context(request)
    services = selectors.service_list(province=context["province"])
    return render(request, "catalog/service_list.html", {**context, "services": services})


@public
def service_detail(request, slug: str):
    context = _context(request)
    service = selectors.service_get(slug=slug, province=context["province"])
    if service is None:
        raise Http404("خدمتی با این نشانی وجود ندارد.")
    return render(
        request, "catalog/service_detail.html", {**context, "service": service, "not_in_seed": NOT_IN_SEED}
    )
