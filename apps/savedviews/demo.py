"""Demo saved views: each agency's officer shares the cartable's overdue cases with the agency, the
Organization's expert keeps and shares a view of the cases waiting in their group. None is a default, so
every demo person's lists still open unfiltered."""

from apps.accounts.roles import Role

from .models import SavedView
from .services import saved_view_create

# owner, list, name, filters, shared
_VIEWS = (
    ("officer", "workflow:cartable", "پرونده‌های دیرکرددار", "overdue=1", True),
    ("officer", "complaints:complaint_list", "شکایت‌های من", "kind=complaint", False),
    ("expert", "workflow:case_list", "درخواست‌های آموزش", "process=training.request", True),
)


def build(world, agency) -> None:
    people = {
        "officer": world.agency_users[agency.id][Role.AGENCY_OFFICER],
        "expert": world.org_staff[Role.ORG_EXPERT],
    }
    for who, list_key, name, query, shared in _VIEWS:
        owner = people[who]
        if SavedView.objects.filter(owner=owner, list_key=list_key, name=name).exists():
            continue  # the Organization's expert is the same person for every agency
        saved_view_create(actor=owner, list_key=list_key, name=name, query=query, shared=shared)
