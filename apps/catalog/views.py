"""Public pages of the service catalog: the list of services and each service's identity card."""

from django.http import Http404
from django.shortcuts import render

from apps.accounts.permissions import public

from .content import NOT_IN_SEED, SERVICES, service_by_slug


@public
def service_list(request):
    return render(request, "catalog/service_list.html", {"services": SERVICES})


@public
def service_detail(request, slug: str):
    service = service_by_slug(slug)
    if service is None:
        raise Http404("خدمتی با این نشانی وجود ندارد.")
    return render(request, "catalog/service_detail.html", {"service": service, "not_in_seed": NOT_IN_SEED})
