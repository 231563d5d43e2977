"""The demo's one running substitution: the first agency's council member is away this week and the
council's secretary stands in, named by the agency's head."""

import datetime as dt

from apps.accounts.roles import Role
from apps.core.jalali import today

from .models import Substitution
from .services import substitution_name

DAYS = 7


def build(world, agency) -> None:
    if agency.id != next(iter(world.agency_users)):
        return  # one substitution in the whole demo, in its first agency
    people = world.agency_users[agency.id]
    absent = people[Role.COUNCIL_MEMBER]
    if Substitution.objects.filter(absent=absent).exists():
        return  # already seeded
    start = today()
    substitution_name(
        actor=people[Role.AGENCY_HEAD],
        absent=absent,
        substitute=people[Role.AGENCY_COUNCIL_SECRETARY],
        starts_on=start,
        ends_on=start + dt.timedelta(days=DAYS - 1),
        reason="مرخصی استحقاقی",
    )
