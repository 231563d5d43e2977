"""Helpers the service modules share: the round's stage, audit rows and who hears about what."""

from django.db.models import Q
from django.utils import timezone

from apps.accounts.models import User
from apps.accounts.roles import OrgKind, Role
from apps.core.errors import ConflictError, ForbiddenError
from apps.core.jalali import today
from apps.core.workdays import WorkCalendar
from apps.notifications.services import notify_users
from apps.workflow.audit import audit_append

from .. import permissions
from ..models import Round
from ..rules import AGENCY_ACTORS, STAGE_DAYS

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


def stage_advance(*, round_: Round, stage: str, actor: User) -> None:
    """Moves the round forward to `stage` (never back) and records the move."""
    if round_.reached(stage):
        return
    previous = round_.stage
    round_.stage = stage
    round_.stage_changed_at = timezone.now()
    round_.stage_due = stage_due_date(stage)
    round_.save(update_fields=["stage", "stage_changed_at", "stage_due"])
    audit_append(
        action="recruitment.round.stage",
        actor=actor,
        subject=round_,
        from_state=previous,
        to_state=stage,
        changes={"round": round_.code},
    )


def stage_due_date(stage: str):
    days = STAGE_DAYS.get(stage)
    return WorkCalendar().add_working_days(today(), days) if days else None


def record(action: str, *, actor: User, subject, changes: dict, reason: str = "") -> None:
    audit_append(action=f"recruitment.{action}", actor=actor, subject=subject, changes=changes, reason=reason)


def deputy_staff(province_id: int | None) -> list[User]:
    """The Deputy's people of the round's province (another province's Organization is not told)."""
    people = User.objects.filter(
        organization__kind=OrgKind.PROVINCE, organization__province_id=province_id, is_active=True
    ).filter(Q(unit__code=UNIT_CODE) | Q(unit__isnull=True))
    return [u for u in people if u.has_role(*DEPUTY_ROLES)]


def national_officers() -> list[User]:
    people = User.objects.filter(organization__kind=OrgKind.NATIONAL, is_active=True)
    return [u for u in people if u.has_role(Role.NATIONAL_OFFICER)]


def agency_registrars(agency_ids) -> list[User]:
    people = User.objects.filter(organization_id__in=set(agency_ids), is_active=True)
    return [u for u in people if u.has_role(*AGENCY_ACTORS)]


def tell(users: list[User], subject: str, body: str, url: str = "") -> None:
    notify_users(users=users, subject=subject, body=body, url=url)
