"""Helpers every service of service D shares: who may act, numbers within a ceiling, score history."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from apps.accounts import permissions
from apps.accounts.models import User
from apps.accounts.roles import Role
from apps.accounts.selectors import users_with_roles
from apps.core.errors import ConflictError, ForbiddenError, InvalidError

from ..models import (
    Index,
    IndexScore,
    ScoreEntry,
)
from ..rules import AGENCY_ACTORS

# Who in an agency hears the cycle's results (seed rows 16 and 18 notify "the executive agencies"): the two
# who act on its evaluation, and the secretary of its administrative reform council, who answers for it.
RESULTS_READERS = (Role.AGENCY_OFFICER, Role.AGENCY_HEAD, Role.AGENCY_COUNCIL_SECRETARY)


# The refusal of what only the management development group does (defining and running a cycle).
GROUP_ONLY = "این کار با کارشناسان توسعه مدیریت سازمان است."


def require_may(actor: User, kind_name: str, action: str, obj=None, message: str = "") -> None:
    """Refuses (403) unless the permission table grants `action` on `kind_name` (on `obj`, when given)."""
    if not permissions.may(actor, kind_name, action, obj):
        raise ForbiddenError(message or permissions.REFUSED_MESSAGES[403])


def may_for_agency(actor: User, kind_name: str, action: str, organization_id: int) -> bool:
    """Whether the table grants `action` on `kind_name` for a new row of this agency: the province's or the
    nation's scope, or the person's own agency's."""
    scopes = permissions.scopes_for(actor, kind_name, action)
    if permissions.PROVINCE in scopes or permissions.NATION in scopes:
        return True
    return permissions.AGENCY in scopes and actor.organization_id == organization_id


def require_for_agency(actor: User, kind_name: str, action: str, organization_id: int, message: str) -> None:
    if not may_for_agency(actor, kind_name, action, organization_id):
        raise ForbiddenError(message)


def as_number(value, label: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise InvalidError(f"{label} باید عدد باشد.") from None
    if not number.is_finite():
        raise InvalidError(f"{label} باید عدد باشد.")
    return number


def as_kept(value, field, label: str):
    """The value as its column keeps it, or a Persian refusal: more decimals than the column holds would be
    rounded away silently, and a longer text cut, where the page's form refuses them."""
    try:
        field.run_validators(value)
    except ValidationError as exc:
        raise InvalidError(f"«{label}»: {exc.messages[0]}") from None
    return value


def within_ceiling(value, index: Index, label: str) -> Decimal:
    number = as_number(value, label)
    if number < 0 or number > index.max_score:
        raise InvalidError(f"{label} باید بین صفر و حداکثر امتیاز شاخص ({index.max_score}) باشد.")
    # Every score given is also kept in the history, whose column holds what the score columns hold.
    return as_kept(number, ScoreEntry._meta.get_field("value"), label)


def history_add(score: IndexScore, stage: str, value: Decimal, actor: User, comment: str = "") -> None:
    ScoreEntry.objects.create(score=score, stage=stage, value=value, comment=comment, actor=actor)


def score_locked(score: IndexScore) -> IndexScore:
    return (
        IndexScore.objects.select_for_update(no_key=True, of=("self",))
        .select_related("evaluation__case", "evaluation__cycle", "index", "evaluation__organization")
        .get(pk=score.pk)
    )


def agency_people(organization_id: int) -> list[User]:
    return list(users_with_roles(*AGENCY_ACTORS, organization_ids=[organization_id]))


def results_readers(organization_ids) -> dict[int, list[User]]:
    """Each agency's active results readers, in one query for a whole cycle's agencies."""
    readers: dict[int, list[User]] = {}
    people = User.objects.filter(organization_id__in=list(organization_ids), is_active=True).order_by("pk")
    for user in people:
        if user.has_role(*RESULTS_READERS):
            readers.setdefault(user.organization_id, []).append(user)
    return readers


def require_owner_at(actor: User, score: IndexScore, action: str, state: str, refusal: str) -> None:
    """The agency's own part on one index (its claim, its evidence) at the step it belongs to."""
    require_may(
        actor,
        "evaluation.claim",
        action,
        score,
        "فقط کارشناس رابط، دبیر شورا یا بالاترین مقام همین دستگاه این کار را می‌کند.",
    )
    if score.evaluation.case.state != state:
        raise ConflictError(refusal)
