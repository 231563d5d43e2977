"""API: the public service catalog, the same identity cards the /services/ pages show.

The response schema is the content's own dataclass, so the API and the pages cannot drift apart.
"""

from ninja import Router

from apps.accounts.permissions import public
from apps.core.errors import NotFoundError

from .content import SERVICES, Service, service_by_slug

router = Router(tags=["catalog"])


@router.get("/services", response=list[Service], auth=None, summary="The catalog of services")
@public
def service_list(request):
    return list(SERVICES)


@router.get("/services/{slug}", response=Service, auth=None, summary="One service's identity card")
@public
def service_detail(request, slug: str):
    service = service_by_slug(slug)
    if service is None:
        raise NotFoundError("خدمتی با این نشانی وجود ندارد.")
    return service
