"""Demo feed addresses: each agency's employee and officer keep a private calendar address."""

from apps.accounts.roles import Role

from .models import FeedToken
from .services import feed_token_issue


def build(world, agency) -> None:
    people = world.agency_users.get(agency.pk, {})
    for role in (Role.LEARNER, Role.AGENCY_OFFICER):
        user = people.get(role)
        if user is not None and not FeedToken.objects.filter(user=user).exists():
            feed_token_issue(user=user)
