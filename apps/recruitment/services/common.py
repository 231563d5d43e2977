"""Helpers the service modules share: the round's moves, audit rows and who hears about what."""

from django.db.models import Q

from apps.accounts.models import User
from apps.accounts.roles import OrgKind, Role
from apps.accounts.selectors import users_with_roles
from apps.audit.trail import audit_append
from apps.core.errors import ConflictError, ForbiddenError
from apps.notifications.services import notify_users
from apps.workflow.services import record_perform

from .. import permissions
from ..models import Round
from ..rules import AGENCY_ACTORS

# Who hears of the Deputy's steps: the management development group and those above the groups.
DEPUTY_ROLES = (Role.ORG_EXPERT, Role.ORG_GROUP_HEAD, Role.ORG_DEPUTY)
UNIT_CODE = "management"
REFUSED = "شما اجازه این کار را ندارید."


def require_may(actor: User, kind: str, action: str, obj=None, message: str = REFUSED) -> None:
    """The permission table's answer for a service, which the API and background jobs call too."""
    if not permissions.may(actor, kind, action, obj):
        raise ForbiddenError(message)


def round_locked(round_id: int) -> Round:
    return Round.objects.select_for_update(no_key=True).get(pk=round_id)


def require_open(round_: Round) -> None:
    if round_.stage == Round.Stage.CLOSED:
        raise ConflictError("این دوره جذب بسته شده است.")


def round_step_done(*, round_: Round, action: str, actor: User, ip: str | None = None) -> Round:
    """The work of the round's step is in: the round moves on by the declared `action` of its process
    (`recruitment.round`), when its current step has it. A second announcement, a further import or
    panel, or more seats allocated leave a round already past that step where it is."""
    round_ = Round.objects.select_related("case").get(pk=round_.pk)
    if round_.case.step.action(action) is None:
        return round_
    return record_perform(round_, action, actor=actor, ip=ip, apply=lambda case: {"round": round_.code})


def record(action: str, *, actor: User, subject, changes: dict, reason: str = "") -> None:
    audit_append(action=f"recruitment.{action}", actor=actor, subject=subject, changes=changes, reason=reason)


def deputy_staff(province_id: int | None) -> list[User]:
    """The Deputy's people of the round's province (another province's Organization is not told)."""
    people = users_with_roles(*DEPUTY_ROLES).filter(
        organization__kind=OrgKind.PROVINCE, organization__province_id=province_id
    )
    return list(people.filter(Q(unit__code=UNIT_CODE) | Q(unit__isnull=True)))


def national_officers() -> list[User]:
    return list(users_with_roles(Role.NATIONAL_OFFICER).filter(organization__kind=OrgKind.NATIONAL))


def agency_registrars(agency_ids) -> list[User]:
    return list(users_with_roles(*AGENCY_ACTORS, organization_ids=set(agency_ids)))


def tell(users: list[User], subject: str, body: str, url: str = "") -> None:
    notify_users(users=users, subject=subject, body=body, url=url)
