"""The four-year decree and what follows it: issuing it, the yearly evaluation, replacing the appointee
within six months, proposing a change to the council, and its end when the four years have passed."""

from decimal import Decimal

from django.db import transaction

from apps.accounts.models import User
from apps.accounts.roles import Role
from apps.accounts.selectors import users_with_roles
from apps.core.checks import check_fields
from apps.core.errors import ConflictError, InvalidError, NotFoundError, ServiceError
from apps.core.jalali import format_date, today
from apps.documents.services import document_issue
from apps.notifications.services import notify_users
from apps.workflow.actors import SYSTEM
from apps.workflow.models import Case
from apps.workflow.services import can_act, case_open, perform, record_perform

from ..kinds import REPLACEMENT_NOTICE
from ..models import ChangeProposal, Decree, PerformanceEvaluation
from ..rules import APPOINTMENT_PROCESS_NAME, CHANGE_PROCESS_NAME, probation_end
from .agency import rules_for
from .common import audit, require


def decree_issue(*, actor: User, case: Case, ip=None) -> Decree:
    """The superior issues the four-year decree; refused unless the case passed the council with a decision."""
    case = Case.objects.get(pk=case.pk)
    if case.process != APPOINTMENT_PROCESS_NAME:
        raise NotFoundError("این پرونده انتصاب مدیر نیست.")
    if case.state != "decree":
        raise ConflictError("حکم فقط پس از تصمیم ثبت‌شده شورا در مرحله صدور حکم صادر می‌شود.")
    perform(case, "issue", actor=actor, ip=ip)
    return Decree.objects.get(nomination__case=case)


# After the appointment.


@transaction.atomic
def evaluation_record(
    *, actor: User, decree: Decree, year: int, score: Decimal, note: str = ""
) -> PerformanceEvaluation:
    """The yearly performance evaluation of a manager in post (clause 10, note 1)."""
    require(actor, "managers.change", "edit", decree)
    if not 0 <= score <= 100:
        raise InvalidError("امتیاز ارزیابی عملکرد باید از ۰ تا ۱۰۰ باشد.")
    if decree.evaluations.filter(year=year).exists():
        raise InvalidError("ارزیابی عملکرد این سال پیش‌تر ثبت شده است.")
    evaluation = PerformanceEvaluation(
        decree=decree, year=year, score=score, note=note.strip(), recorded_by=actor
    )
    check_fields(evaluation, exclude=("decree", "recorded_by"))
    evaluation.save()
    audit("evaluation.recorded", actor, evaluation, {"year": year, "score": str(score)})
    return evaluation


def probation_ends(decree: Decree):
    return probation_end(decree.issued_on)


def _council_people(organization_id: int) -> list[User]:
    return list(
        users_with_roles(
            Role.AGENCY_COUNCIL_SECRETARY, Role.COUNCIL_MEMBER, organization_ids=[organization_id]
        )
    )


PAST_PROBATION = "شش ماه نخست انتصاب گذشته است؛ تغییر تنها با نتایج ارزیابی، پیشنهاد و تأیید شورا ممکن است."
NOT_ACTIVE = "این حکم دیگر معتبر نیست."


def decree_act(*, actor: User, decree: Decree, action: str, reason: str = "", ip=None) -> Decree:
    """One action of the decree's lifecycle (`managers.decree` in apps/managers/workflow.py) taken on its
    page: the table says who acts on a decree at all (its superior), the declaration which action and when."""
    decree = Decree.objects.get(pk=decree.pk)
    require(actor, "managers.change", "act", decree)
    if decree.status != Decree.Status.ACTIVE:
        raise ConflictError(NOT_ACTIVE)
    decree = record_perform(decree, action, actor=actor, reason=reason, ip=ip)
    decree.refresh_from_db()  # the date, note and documents its effect wrote
    return decree


def decree_replace_in_probation(*, actor: User, decree: Decree, notice: str, ip=None) -> Decree:
    """Clause 10, note 3: within six months the superior replaces the appointee, notifying the council in
    writing: the decree's `replace`, whose steps are `in_probation`, `replace_effect` and `replace_after`
    below, with the notice as its reason."""
    return decree_act(actor=actor, decree=decree, action="replace", reason=notice, ip=ip)


def in_probation(case: Case, actor) -> str:
    """The six months of note 3, counted from the decree's date (the guard of `replace`)."""
    return PAST_PROBATION if today() > probation_ends(case.manager_decree) else ""


def replace_effect(case: Case, actor: User, notice: str) -> dict:
    """The decree ends today with the notice as its note, and the notice itself is issued: note 3's
    "written notice" is a document the council can verify, not only a message."""
    if len(notice) < 10:
        raise InvalidError("متن اعلام کتبی به شورا را بنویسید.")
    decree = Decree.objects.select_related("post", "profile", "organization", "nomination__case").get(
        case=case
    )
    decree.ended_on = today()
    decree.end_note = notice
    decree.notice_document = document_issue(
        kind=REPLACEMENT_NOTICE,
        template_name="managers/pdf/replacement_notice.html",
        context={
            "decree": decree,
            "probation_ends": probation_ends(decree),
            "body": rules_for(decree.organization_id).get_body_display(),
            "signer": actor,
        },
        title=f"اعلام کتبی تغییر {decree.profile.full_name} از سمت {decree.post.title}",
        owner=decree.organization,
        holder_name=decree.profile.full_name,
        actor=actor,
        # Filed with the appointment, whose decree it ends.
        case=decree.nomination.case,
        summary={
            "سمت": decree.post.title,
            "تاریخ حکم": format_date(decree.issued_on),
            "تاریخ تغییر": format_date(decree.ended_on),
        },
    )
    decree.save(update_fields=["ended_on", "end_note", "notice_document"])
    return {"notice": notice, "verification_code": decree.notice_document.verification_code}


def replace_after(case: Case, actor: User, notice: str) -> None:
    """The council's secretary and members are told, with the notice's verification code."""
    decree = Decree.objects.select_related("post", "profile", "notice_document").get(case=case)
    recipients = _council_people(decree.organization_id)
    if recipients:
        notify_users(
            users=recipients,
            subject=f"اعلام کتبی تغییر مدیر در شش ماه نخست: {decree.post.title}",
            body=(
                f"{decree.profile.full_name} از تاریخ {format_date(decree.ended_on)} تغییر کرد.\n{notice}\n"
                f"نامه اعلام کتبی با کد صحت‌سنجی {decree.notice_document.verification_code} "
                "در پرونده انتصاب صادر شد."
            ),
        )


def change_by_council(case: Case, actor) -> str:
    """A decree ends before four years only as the council approves a change proposal in its own case
    (`managers.change`, whose `approve` moves the decree): the guard of `change`. It is the person who may
    approve a proposal before the council now who ends it, so the superior who proposed the change has no
    such button on the decree's page while the council weighs it."""
    proposals = ChangeProposal.objects.filter(
        decree__case=case, case__state="council", case__is_closed=False
    ).select_related("case")
    if any(can_act(actor, proposal.case) for proposal in proposals):
        return ""
    return "حکم پیش از چهار سال تنها با تأیید پیشنهاد تغییر در شورا پایان می‌یابد."


def change_effect(case: Case, actor: User, reason: str) -> dict:
    """Clause 10: the decree ends today, the council's reason its note."""
    Decree.objects.filter(case=case).update(ended_on=today(), end_note=reason)
    return {}


TERM_RUNNING = "اعتبار چهارساله این حکم هنوز پایان نیافته است."
BY_THE_DESK = "پایان اعتبار چهارساله حکم را سامانه در روز پس از آخرین روز اعتبار آن خود ثبت می‌کند."


def term_over(case: Case, actor) -> str:
    """Clause 9: a decree holds four years, its last day included (`rules.decree_valid_until`); from the
    next day the desk ends it (the guard of `expire`, which no person takes: `BY_THE_DESK`). A person who
    wants it ended sooner has the change of clause 10."""
    return "" if today() > case.manager_decree.valid_until else TERM_RUNNING


def expire_effect(case: Case, actor, reason: str) -> dict:
    """The decree ended with its four years: its last day is its end, whichever day the desk noticed."""
    decree = Decree.objects.get(case=case)
    decree.ended_on = decree.valid_until
    decree.save(update_fields=["ended_on"])
    return {"valid_until": format_date(decree.valid_until, persian_digits=False)}


def decrees_expire() -> list[int]:
    """The desk's daily round: each active decree whose four years have passed ends by its `expire`, in
    the trail as the desk's; returns the ids of those it ended."""
    ended = []
    due = Decree.objects.filter(
        status=Decree.Status.ACTIVE, case__isnull=False, valid_until__lt=today()
    ).select_related("case")
    for decree in due.order_by("pk"):
        try:
            record_perform(
                decree,
                "expire",
                actor=SYSTEM,
                reason=f"اعتبار چهارساله حکم در {format_date(decree.valid_until)} پایان یافت.",
                expected_state=Decree.Status.ACTIVE,
            )
        except ServiceError:
            # Replaced or changed meanwhile: it has ended already, by someone's hand.
            continue
        ended.append(decree.pk)
    return ended


def change_propose(*, actor: User, decree: Decree, proposal: str, ip=None) -> Case:
    """Clause 10: a change before four years goes to the council with the evaluation results and a proposal."""
    require(actor, "managers.change", "act", decree)
    if decree.status != Decree.Status.ACTIVE:
        raise ConflictError(NOT_ACTIVE)
    evaluations = list(decree.evaluations.all())
    if not evaluations:
        raise InvalidError("تغییر پیش از چهار سال بدون نتایج ارزیابی عملکرد مدیر ممکن نیست.")
    if len(proposal.strip()) < 10:
        raise InvalidError("متن پیشنهاد تغییر را بنویسید.")
    if decree.change_proposals.filter(case__is_closed=False).exists():
        raise ConflictError("پیشنهاد تغییر این مدیر در شورا در دست بررسی است.")
    summary = "؛ ".join(f"سال {e.year}: {e.score}" for e in evaluations)

    def create(case: Case) -> dict:
        ChangeProposal.objects.create(
            organization=decree.organization,
            case=case,
            decree=decree,
            proposal=proposal.strip(),
            evaluation_summary=summary,
        )
        return {"decree": decree.pk}

    return case_open(
        process_name=CHANGE_PROCESS_NAME,
        owner=decree.organization,
        actor=actor,
        title=f"پیشنهاد تغییر مدیر: {decree.post.title}",
        ip=ip,
        apply=create,
    )
