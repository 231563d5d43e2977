"""Initial results, objections, re-scoring, the council's approval and ranking (seed rows 14–18).

Announcing the initial results and the council's approval are steps of the cycle's timeline
(`evaluation.cycle` in apps/evaluation/workflow.py): the core moves the agencies' cases with the cycle, in
the same transaction; the functions here are the pages' entry points and the steps' own work.
"""

from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import User
from apps.accounts.roles import OrgKind, Role
from apps.accounts.selectors import users_with_roles
from apps.audit.trail import audit_append
from apps.core.digits import to_persian_digits
from apps.core.errors import ConflictError, InvalidError, NotFoundError
from apps.core.jalali import today
from apps.core.templatetags.jalali import fa
from apps.core.workdays import WorkCalendar
from apps.notifications.services import notify_users
from apps.workflow.models import Case
from apps.workflow.services import record_perform

from ..models import (
    Cycle,
    Evaluation,
    IndexScore,
    Objection,
    ScoreEntry,
)
from ..rules import (
    OBJECTION_TEXT_MAX_LENGTH,
    OBJECTION_WINDOW_WORKING_DAYS,
    validate_bands,
)
from .common import (
    GROUP_ONLY,
    agency_people,
    history_add,
    require_for_agency,
    require_may,
    require_owner_at,
    results_readers,
    score_locked,
    within_ceiling,
)

# Initial results, objections and re-scoring (seed rows 14–15).


def _waiting_at(cycle: Cycle, state: str):
    return Evaluation.objects.filter(cycle=cycle, case__state=state)


def publish_initial_effect(case: Case, actor: User, reason: str) -> dict:
    """The window for objections opens today for the agencies announced now (the cycle's case is locked)."""
    cycle = case.evaluation_cycle
    scored = _waiting_at(cycle, "scored").count()
    if not scored:
        raise InvalidError("هیچ دستگاهی امتیازدهی‌شده و در انتظار اعلام نتیجه نیست.")
    cycle.objection_deadline = WorkCalendar().add_working_days(today(), OBJECTION_WINDOW_WORKING_DAYS)
    cycle.save(update_fields=["objection_deadline"])
    return {"agencies": scored, "objection_deadline": cycle.objection_deadline}


def initial_told(case: Case, actor: User, reason: str) -> None:
    """Each agency announced is told its initial result is out, and until when it may object."""
    cycle = case.evaluation.cycle
    notify_users(
        users=agency_people(case.owner_id),
        subject="اعلام نتیجه اولیه ارزیابی عملکرد",
        body=f"نتیجه اولیه {cycle.title} اعلام شد؛ اعتراض تا پایان مهلت در سامانه پذیرفته می‌شود.",
        case=case,
    )


@transaction.atomic
def cycle_publish_initial(*, actor: User, cycle: Cycle) -> int:
    """Announces the initial results to every scored agency and opens the objection window."""
    require_may(actor, "evaluation.standing", "act", cycle, message=GROUP_ONLY)
    if cycle.phase == Cycle.Phase.SETUP:
        raise ConflictError("نتایج اولیه در این مرحله دوره اعلام نمی‌شود.")
    announced: list[int] = []

    def count(case: Case) -> None:
        # Read after the effect, before the core moves them: the agencies this step announces.
        announced.append(_waiting_at(case.evaluation_cycle, "scored").count())

    record_perform(cycle, "publish_initial", actor=actor, apply=count)
    return announced[0]


@transaction.atomic
def objection_file(*, actor: User, score: IndexScore, reason: str, evidence=None) -> Objection:
    """An agency objects to one index's initial score, with its reason, within the window."""
    score = score_locked(score)
    require_owner_at(
        actor, score, "view", "objection", "اعتراض فقط پس از اعلام نتیجه اولیه و در مهلت آن پذیرفته می‌شود."
    )
    require_for_agency(
        actor,
        "evaluation.objection",
        "create",
        score.evaluation.organization_id,
        "اعتراض را کارشناس رابط، دبیر شورا یا بالاترین مقام همین دستگاه ثبت می‌کند.",
    )
    deadline = score.evaluation.cycle.objection_deadline
    if deadline is None or today() > deadline:
        raise InvalidError("مهلت ثبت اعتراض پایان یافته است.")
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise InvalidError("دلیل اعتراض را دست‌کم در یک جمله بنویسید.")
    if len(reason) > OBJECTION_TEXT_MAX_LENGTH:
        raise InvalidError(
            f"دلیل اعتراض حداکثر {to_persian_digits(OBJECTION_TEXT_MAX_LENGTH)} نویسه است؛ ثبت نشد."
        )
    if score.objections.filter(answered_at__isnull=True).exists():
        raise ConflictError("برای این شاخص اعتراض بی‌پاسخ دیگری هست.")
    if evidence is not None and evidence.organization_id != score.evaluation.organization_id:
        raise NotFoundError("فایل یافت نشد.")
    objection = Objection.objects.create(score=score, reason=reason, evidence=evidence, filed_by=actor)
    audit_append(
        action="evaluation.objection.filed",
        actor=actor,
        case=score.evaluation.case,
        subject=objection,
        reason=reason,
        changes={"index": score.index.code},
    )
    return objection


@transaction.atomic
def objection_answer(*, actor: User, objection: Objection, answer: str, value) -> Objection:
    """The reviewer answers an objection and re-scores the index; the earlier scores stay in the history."""
    require_may(
        actor,
        "evaluation.objection",
        "act",
        objection,
        "پاسخ اعتراض با تیم ارزیاب همین دستگاه یا گروه توسعه مدیریت است.",
    )
    objection = Objection.objects.select_for_update(no_key=True).get(pk=objection.pk)
    score = score_locked(objection.score)
    if score.evaluation.case.state != "rescoring":
        raise ConflictError("اعتراض‌های این دستگاه هنوز به بازبینی ارجاع نشده است.")
    if objection.answered_at:
        raise ConflictError("به این اعتراض پیش‌تر پاسخ داده شده است.")
    answer = (answer or "").strip()
    if not answer:
        raise InvalidError("پاسخ اعتراض را بنویسید.")
    if len(answer) > OBJECTION_TEXT_MAX_LENGTH:
        raise InvalidError(
            f"پاسخ اعتراض حداکثر {to_persian_digits(OBJECTION_TEXT_MAX_LENGTH)} نویسه است؛ ثبت نشد."
        )
    previous = score.effective
    score.rescore = within_ceiling(value, score.index, "امتیاز بازبینی")
    score.save(update_fields=["rescore"])
    objection.answer, objection.answered_by, objection.answered_at = answer, actor, timezone.now()
    objection.save(update_fields=["answer", "answered_by", "answered_at"])
    history_add(score, ScoreEntry.Stage.RESCORE, score.rescore, actor, answer)
    audit_append(
        action="evaluation.objection.answered",
        actor=actor,
        case=score.evaluation.case,
        subject=objection,
        changes={"index": score.index.code, "from": previous, "to": score.rescore},
    )
    return objection


# Final results, levelling and ranking (seed rows 15–18).


@transaction.atomic
def cycle_set_bands(*, actor: User, cycle: Cycle, bands: list[dict]) -> Cycle:
    require_may(actor, "evaluation.standing", "manage", cycle, message=GROUP_ONLY)
    cycle = Cycle.objects.select_for_update(no_key=True).get(pk=cycle.pk)
    if cycle.phase == Cycle.Phase.FINAL:
        raise ConflictError("نتایج نهایی تصویب شده و بازه‌ها دیگر تغییر نمی‌کند.")
    refusal = validate_bands(bands)
    if refusal:
        raise InvalidError(refusal)
    old = cycle.bands
    cycle.bands = sorted(bands, key=lambda b: -Decimal(str(b["min"])))
    cycle.save(update_fields=["bands"])
    audit_append(
        action="evaluation.cycle.bands_set",
        actor=actor,
        subject=cycle,
        changes={"from": old, "to": cycle.bands},
    )
    return cycle


def _final_refusal(cycle: Cycle) -> None:
    """The council approves the cycle's results at once: every agency has reached its step."""
    waiting = Evaluation.objects.filter(cycle=cycle).exclude(case__state__in=("final_review", "approved"))
    if waiting.exists():
        raise ConflictError(f"{waiting.count()} دستگاه هنوز به مرحله تصویب نرسیده‌اند.")
    if not _waiting_at(cycle, "final_review").exists():
        raise ConflictError("دستگاهی در انتظار تصویب نیست.")


def approve_final_effect(case: Case, actor: User, reason: str) -> dict:
    cycle = case.evaluation_cycle
    _final_refusal(cycle)
    return {"agencies": _waiting_at(cycle, "final_review").count()}


def approve_final_after(case: Case, actor: User, reason: str) -> None:
    """Seed row 16: every agency this approval concerns is told its result, after commit. In the cycle's one
    approval that is every agency of the cycle, as the effect allows it only once all of them await the
    council; the national org hears of the cycle then."""
    cycle = case.evaluation_cycle
    national = users_with_roles(Role.NATIONAL_OFFICER).filter(organization__kind=OrgKind.NATIONAL)
    notify_users(
        users=list(national),
        subject=f"نتایج نهایی {cycle.title}",
        body="نتایج نهایی ارزیابی عملکرد دستگاه‌های استان به تصویب شورای توسعه مدیریت رسید.",
    )
    late_approval_after(case, actor, reason)


def late_approval_after(case: Case, actor: User, reason: str) -> None:
    """The agencies approved by this step are told their result; an agency approved after the rest (opened
    in the cycle late) is told its own, and the national org is not told of the cycle again."""
    # The cases the core has just moved started their step after the cycle's own move; earlier approvals
    # started theirs in an earlier transaction.
    approved = list(
        Evaluation.objects.filter(
            cycle_id=case.evaluation_cycle.pk,
            case__state="approved",
            case__step_started_at__gte=case.step_started_at,
        ).values_list("pk", flat=True)
    )
    _after_commit(lambda: final_results_notify(evaluation_ids=approved))


@transaction.atomic
def cycle_approve_final(*, actor: User, cycle: Cycle) -> int:
    """The provincial management development council approves every agency's final result at once."""
    require_may(
        actor,
        "evaluation.final_result",
        "act",
        cycle,
        "نتایج نهایی را رئیس سازمان از سوی شورای توسعه مدیریت تصویب می‌کند.",
    )
    _final_refusal(cycle)
    approved: list[int] = []

    def count(case: Case) -> None:
        approved.append(_waiting_at(case.evaluation_cycle, "final_review").count())

    record_perform(cycle, "approve_final", actor=actor, apply=count)
    return approved[0]


@transaction.atomic
def cycle_record_national_rank(*, actor: User, cycle: Cycle, rank: int, provinces: int) -> Cycle:
    """The province's place among provinces, when the national org announces it."""
    require_may(
        actor,
        "evaluation.final_result",
        "edit",
        cycle,
        "رتبه استان را سازمان اداری و استخدامی کشور یا کارشناس سازمان ثبت می‌کند.",
    )
    cycle = Cycle.objects.select_for_update(no_key=True).get(pk=cycle.pk)
    if cycle.phase != Cycle.Phase.FINAL:
        raise ConflictError("رتبه استان پس از تصویب نتایج نهایی ثبت می‌شود.")
    if not (1 <= rank <= provinces):
        raise InvalidError("رتبه باید بین یک و تعداد استان‌ها باشد.")
    if (cycle.national_rank, cycle.provinces_ranked) == (rank, provinces):
        # A second click on the same figures changes nothing, and tells no agency twice.
        return cycle
    cycle.national_rank, cycle.provinces_ranked = rank, provinces
    cycle.save(update_fields=["national_rank", "provinces_ranked"])
    audit_append(
        action="evaluation.cycle.national_rank",
        actor=actor,
        subject=cycle,
        changes={"rank": rank, "of": provinces},
    )
    # Seed row 18: the levelling and the province's rank go to every agency of the cycle; a corrected
    # rank is announced again, since the agencies acted on the one first announced.
    evaluations = list(cycle.evaluations.values_list("pk", flat=True))
    _after_commit(lambda: national_rank_notify(cycle_id=cycle.pk, evaluation_ids=evaluations))
    return cycle


# Messages to the cycle's agencies (seed rows 16 and 18).


def _after_commit(send) -> None:
    """Runs `send` once the step has committed: an agency is told only of a result that stands, and the
    cycle's messages (up to three readers in each of 75 agencies) are written after the transaction that
    holds every case's lock, not inside it. robust: the step has committed, so a message that fails is
    logged rather than turned into an error page for it."""
    transaction.on_commit(send, robust=True)


def _standing(evaluation: Evaluation) -> str:
    return (
        f"امتیاز نهایی {evaluation.organization.name}: {fa(evaluation.final_percent)} درصد، "
        f"سطح «{evaluation.level}»، رتبه {fa(evaluation.group_rank)} در گروه."
    )


def _approved(evaluation_ids) -> list[Evaluation]:
    return list(
        Evaluation.objects.filter(pk__in=list(evaluation_ids), case__state="approved")
        .select_related("cycle", "organization", "case")
        .order_by("organization__code")
    )


def final_results_notify(*, evaluation_ids) -> int:
    """Tells each agency's results readers its approved final result; returns how many agencies were told."""
    evaluations = _approved(evaluation_ids)
    readers = results_readers(e.organization_id for e in evaluations)
    for evaluation in evaluations:
        cycle = evaluation.cycle
        notify_users(
            users=readers.get(evaluation.organization_id, []),
            subject=f"ابلاغ نتایج نهایی ارزیابی عملکرد {to_persian_digits(cycle.year)}",
            body=f"نتایج نهایی {cycle.title} به تصویب شورای توسعه مدیریت استان رسید. {_standing(evaluation)}",
            case=evaluation.case,
            url=reverse("evaluation:evaluation_detail", args=[evaluation.pk]),
        )
    return len(evaluations)


def national_rank_notify(*, cycle_id: int, evaluation_ids) -> int:
    """Tells each agency's results readers the province's national rank and the agency's own level."""
    cycle = Cycle.objects.get(pk=cycle_id)
    evaluations = _approved(evaluation_ids)
    readers = results_readers(e.organization_id for e in evaluations)
    for evaluation in evaluations:
        notify_users(
            users=readers.get(evaluation.organization_id, []),
            subject=f"ابلاغ سطح‌بندی و رتبه استان در ارزیابی عملکرد {to_persian_digits(cycle.year)}",
            body=(
                f"سازمان اداری و استخدامی کشور رتبه استان را در {cycle.title} اعلام کرد: "
                f"رتبه {fa(cycle.national_rank)} از {fa(cycle.provinces_ranked)} استان. {_standing(evaluation)}"
            ),
            case=evaluation.case,
            url=reverse("evaluation:cycle_detail", args=[cycle.pk]),
        )
    return len(evaluations)
