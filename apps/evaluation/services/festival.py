"""Bodies, orientation sessions and the Shahid Rajaei festival (seed rows 4–5, 19–21).

A nomination is a record with a process of its own (`evaluation.nomination` in apps/evaluation/workflow.py,
its `status`): the agency's filing opens it and each decision of the festival HQ is an action of it.
"""

import datetime as dt

from django.db import transaction

from apps.accounts.models import Organization, User
from apps.accounts.roles import OrgKind
from apps.audit.trail import audit_append
from apps.core.errors import InvalidError
from apps.documents.services import document_revoke
from apps.workflow.models import Case
from apps.workflow.services import record_open, record_perform

from ..models import (
    Attendance,
    Body,
    BodyMember,
    Cycle,
    Nomination,
    OrientationSession,
)
from ..rules import NOMINATION_PROCESS_NAME
from .common import GROUP_ONLY, require_for_agency, require_may

# Bodies, orientation sessions and the festival (seed rows 4–5, 19–21).


@transaction.atomic
def body_member_add(
    *, actor: User, cycle: Cycle, kind: str, full_name: str, position: str, role_in_body: str
) -> BodyMember:
    require_may(actor, "evaluation.body", "manage", message=GROUP_ONLY)
    if kind not in Body.Kind.values:
        raise InvalidError("نهاد را انتخاب کنید.")
    body, _ = Body.objects.get_or_create(cycle=cycle, kind=kind)
    member = BodyMember.objects.create(
        body=body, full_name=full_name.strip(), position=position.strip(), role_in_body=role_in_body.strip()
    )
    audit_append(action="evaluation.body.member_added", actor=actor, subject=member, changes={"body": kind})
    return member


# What an appointment letter prints about its member: changing any of these makes the letter untrue.
MEMBER_FIELDS = ("full_name", "position", "role_in_body")


def _letter_withdraw(*, actor: User, member: BodyMember, reason: str) -> str:
    """Revokes the member's appointment letter, if any, and returns its verification code.

    The issued document itself stays: it is part of the documents' history and its verification page
    keeps answering, now with the revocation and its reason, so a printed copy cannot pass as current.
    """
    letter = member.letter
    if letter is None:
        return ""
    if not letter.is_revoked:
        document_revoke(document=letter, actor=actor, reason=reason)
    return letter.verification_code


@transaction.atomic
def body_member_update(
    *, actor: User, member: BodyMember, full_name: str, position: str, role_in_body: str
) -> BodyMember:
    """Corrects a member's name or positions; a letter already issued no longer says the truth, so it is
    revoked and the member may be given a new one."""
    require_may(actor, "evaluation.body", "manage", member, message=GROUP_ONLY)
    member = (
        BodyMember.objects.select_for_update(no_key=True, of=("self",))
        .select_related("body", "letter")
        .get(pk=member.pk)
    )
    new = {"full_name": full_name.strip(), "position": position.strip(), "role_in_body": role_in_body.strip()}
    if not all(new.values()):
        raise InvalidError("نام، سمت اداری و سمت در نهاد را وارد کنید.")
    changes = {
        f: {"from": getattr(member, f), "to": new[f]} for f in MEMBER_FIELDS if getattr(member, f) != new[f]
    }
    if not changes:
        return member
    revoked = _letter_withdraw(actor=actor, member=member, reason="مشخصات عضو اصلاح شد؛ حکم تازه صادر می‌شود.")
    for field, value in new.items():
        setattr(member, field, value)
    if revoked:
        member.letter = None
    member.save(update_fields=[*MEMBER_FIELDS, "letter"])
    if revoked:
        changes["revoked_letter"] = revoked
    audit_append(action="evaluation.body.member_changed", actor=actor, subject=member, changes=changes)
    return member


@transaction.atomic
def body_member_remove(*, actor: User, member: BodyMember) -> None:
    """Ends a membership: the row goes, the audit entry keeps who it was, the letter is revoked but kept."""
    require_may(actor, "evaluation.body", "manage", member, message=GROUP_ONLY)
    member = (
        BodyMember.objects.select_for_update(no_key=True, of=("self",))
        .select_related("body", "letter")
        .get(pk=member.pk)
    )
    revoked = _letter_withdraw(
        actor=actor, member=member, reason=f"عضویت در {member.body.get_kind_display()} پایان یافت."
    )
    # Written before the delete, while the row still has its id for the entry's subject.
    audit_append(
        action="evaluation.body.member_removed",
        actor=actor,
        subject=member,
        changes={
            "body": member.body.kind,
            **{f: getattr(member, f) for f in MEMBER_FIELDS},
            "revoked_letter": revoked,
        },
    )
    member.delete()


@transaction.atomic
def session_create(
    *, actor: User, cycle: Cycle, title: str, held_on: dt.date, place: str
) -> OrientationSession:
    require_may(actor, "evaluation.session", "manage", message=GROUP_ONLY)
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
    require_may(actor, "evaluation.attendance", "manage", message=GROUP_ONLY)
    if organization.kind != OrgKind.AGENCY:
        raise InvalidError("دستگاه اجرایی را انتخاب کنید.")
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
    require_for_agency(
        actor,
        "evaluation.nomination",
        "create",
        actor.organization_id,
        "تیم‌های برتر را کارشناس رابط یا بالاترین مقام دستگاه معرفی می‌کند.",
    )
    if not team_name.strip() or not achievement.strip() or not members.strip():
        raise InvalidError("نام تیم، دستاورد و اعضا را بنویسید.")

    def create(case: Case) -> Nomination:
        return Nomination.objects.create(
            case=case,
            cycle=cycle,
            organization=actor.organization,
            team_name=team_name.strip(),
            achievement=achievement.strip(),
            members=members.strip(),
            nominated_by=actor,
        )

    return record_open(
        process_name=NOMINATION_PROCESS_NAME,
        owner=actor.organization,
        actor=actor,
        title=f"معرفی تیم «{team_name.strip()}» به جشنواره شهید رجایی",
        create=create,
        changes={"team": team_name},
    )


@transaction.atomic
def nomination_decide(*, actor: User, nomination: Nomination, action: str, expected_state: str) -> Nomination:
    """The festival HQ's decision: `action` of the nomination's process (workflow.py), taken on the state the
    person saw (`expected_state`). The core refuses a decision the team's step does not offer, and one taken
    after another member decided first (naming them), and then nothing changes."""
    require_may(actor, "evaluation.nomination", "act", nomination, message=GROUP_ONLY)
    # The core checks the state only when given one: without it a stale page would decide again.
    if not expected_state:
        raise InvalidError("وضعیت تیم هنگام دیدن صفحه همراه تصمیم نرسید؛ صفحه را دوباره باز کنید.")
    return record_perform(nomination, action, actor=actor, expected_state=expected_state)
