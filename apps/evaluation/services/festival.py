"""Bodies, orientation sessions and the Shahid Rajaei festival (seed rows 4–5, 19–21)."""

import datetime as dt

from django.db import transaction

from apps.accounts.models import Organization, User
from apps.accounts.roles import OrgKind
from apps.core.errors import ServiceError
from apps.workflow.audit import audit_append

from ..models import (
    Attendance,
    Body,
    BodyMember,
    Cycle,
    Nomination,
    OrientationSession,
)
from ..workflow import AGENCY_ACTORS
from .common import require_staff

# Bodies, orientation sessions and the festival (seed rows 4–5, 19–21).


@transaction.atomic
def body_member_add(
    *, actor: User, cycle: Cycle, kind: str, full_name: str, position: str, role_in_body: str
) -> BodyMember:
    require_staff(actor)
    if kind not in Body.Kind.values:
        raise ServiceError("نهاد را انتخاب کنید.")
    body, _ = Body.objects.get_or_create(cycle=cycle, kind=kind)
    member = BodyMember.objects.create(
        body=body, full_name=full_name.strip(), position=position.strip(), role_in_body=role_in_body.strip()
    )
    audit_append(action="evaluation.body.member_added", actor=actor, subject=member, changes={"body": kind})
    return member


@transaction.atomic
def session_create(
    *, actor: User, cycle: Cycle, title: str, held_on: dt.date, place: str
) -> OrientationSession:
    require_staff(actor)
    session = OrientationSession.objects.create(
        cycle=cycle, title=title.strip(), held_on=held_on, place=place.strip()
    )
    audit_append(action="evaluation.session.created", actor=actor, subject=session, changes={"title": title})
    return session


@transaction.atomic
def attendance_record(
    *,
    actor: User,
    session: OrientationSession,
    organization: Organization,
    attendee: str,
    position: str,
    present: bool,
) -> Attendance:
    require_staff(actor)
    if organization.kind != OrgKind.AGENCY:
        raise ServiceError("دستگاه اجرایی را انتخاب کنید.")
    row = Attendance.objects.create(
        session=session,
        organization=organization,
        attendee=attendee.strip(),
        position=position.strip(),
        present=present,
    )
    audit_append(
        action="evaluation.session.attendance", actor=actor, subject=row, changes={"present": present}
    )
    return row


@transaction.atomic
def nomination_file(
    *, actor: User, cycle: Cycle, team_name: str, achievement: str, members: str
) -> Nomination:
    """An agency nominates a top work team for the Shahid Rajaei festival."""
    if not (actor.is_agency_user and actor.has_role(*AGENCY_ACTORS)):
        raise ServiceError("تیم‌های برتر را کارشناس رابط یا بالاترین مقام دستگاه معرفی می‌کند.", status=403)
    if not team_name.strip() or not achievement.strip() or not members.strip():
        raise ServiceError("نام تیم، دستاورد و اعضا را بنویسید.")
    nomination = Nomination.objects.create(
        cycle=cycle,
        organization=actor.organization,
        team_name=team_name.strip(),
        achievement=achievement.strip(),
        members=members.strip(),
        nominated_by=actor,
    )
    audit_append(
        action="evaluation.festival.nominated", actor=actor, subject=nomination, changes={"team": team_name}
    )
    return nomination


# Each decision of the festival HQ may only move a nomination forward.
NOMINATION_MOVES = {
    Nomination.Status.NOMINATED: {Nomination.Status.SELECTED, Nomination.Status.NOT_SELECTED},
    Nomination.Status.SELECTED: {Nomination.Status.HONOURED},
}


@transaction.atomic
def nomination_decide(*, actor: User, nomination: Nomination, status: str) -> Nomination:
    require_staff(actor)
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if status not in NOMINATION_MOVES.get(nomination.status, set()):
        raise ServiceError("این تصمیم در وضعیت فعلی تیم ممکن نیست.", status=409)
    old = nomination.status
    nomination.status = status
    nomination.save(update_fields=["status"])
    audit_append(
        action="evaluation.festival.decided",
        actor=actor,
        subject=nomination,
        changes={"from": old, "to": status},
    )
    return nomination
