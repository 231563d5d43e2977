"""API: the public service catalog, the same identity cards the /services/ pages show."""

from ninja import Router, Schema

from apps.core.errors import NotFoundError

from .content import SERVICES, service_by_slug

router = Router(tags=["catalog"])


class LawOut(Schema):
    title: str
    number: str
    date: str
    note: str


class StepOut(Schema):
    title: str
    actor: str
    allowance: str


class FaqOut(Schema):
    question: str
    answer: str


class SectionOut(Schema):
    heading: str
    paragraphs: list[str]
    bullets: list[str]
    ordered: bool


class ServiceOut(Schema):
    code: str
    slug: str
    title: str
    description: str
    goal: str
    scope: str
    audience: str
    responsible_unit: str
    deputy: str
    supervision: str
    related_systems: list[str]
    delivery_channel: str
    duration: str
    cost: str
    laws: list[LawOut]
    forms: list[str]
    steps: list[StepOut]
    steps_note: str
    faq: list[FaqOut]
    complaint_procedure: SectionOut
    service_level: list[SectionOut]
    provisions: list[SectionOut]
    source: str


@router.get("/services", response=list[ServiceOut], auth=None, summary="The catalog of services")
def service_list(request):
    return list(SERVICES)


@router.get("/services/{slug}", response=ServiceOut, auth=None, summary="One service's identity card")
def service_detail(request, slug: str):
    service = service_by_slug(slug)
    if service is None:
        raise NotFoundError("خدمتی با این نشانی وجود ندارد.")
    return service
