"""The appointment up to the council: Form 1 (the superior's nominees) and Form 3 (HR's check)."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.core import providers
from apps.core.digits import to_persian_digits
from apps.core.errors import ForbiddenError, InvalidError, NotFoundError
from apps.workflow.models import Case
from apps.workflow.services import case_open

from ..models import Candidate, ExtraCondition, ManagerProfile, Nomination, Post, Source
from ..rules import APPOINTMENT_PROCESS_NAME, MAX_CANDIDATE_PRIORITY, SCORE_YEARS
from .common import audit, require, require_step

# The appointment: Form 1 → Form 3 → Form 4 → decree.


def nomination_open(*, actor: User, post: Post, proposer_position: str, remarks: str = "", ip=None) -> Case:
    """The competent superior of the post opens Form 1."""
    require(actor, "managers.nomination", "create")
    if post.organization_id != actor.organization_id:
        raise NotFoundError("یافت نشد.")
    if post.superior_id != actor.pk:
        raise ForbiddenError("فقط مقام مافوق ذی‌صلاح همین پست نامزد معرفی می‌کند.")

    def create(case: Case) -> dict:
        Nomination.objects.create(
            organization=post.organization,
            case=case,
            post=post,
            proposer=actor,
            proposer_position=proposer_position.strip() or actor.title,
            remarks=remarks.strip(),
        )
        return {"post": post.number}

    return case_open(
        process_name=APPOINTMENT_PROCESS_NAME,
        owner=post.organization,
        actor=actor,
        title=f"انتصاب به پست {post.title} ({post.number})",
        ip=ip,
        apply=create,
    )


def _training_courses(profile: ManagerProfile) -> list[dict]:
    if not profile.national_id:
        return []
    courses = providers.ask("training.management_courses", profile.national_id, default=[]) or []
    return [
        {k: str(c.get(k, "")) for k in ("title", "hours", "finished_on", "certificate_code", "url")}
        for c in courses
    ]


@transaction.atomic
def candidate_add(
    *, actor: User, nomination: Nomination, profile: ManagerProfile, source: str, priority: int
) -> Candidate:
    """Adds a nominee with Form 2 (his profile), its source and the superior's priority to Form 1."""
    require_step(actor, nomination.case, "nomination", "managers.nomination", "edit", nomination)
    if profile.organization_id != nomination.organization_id:
        raise NotFoundError("نامزد باید در بانک اطلاعات مدیران همین دستگاه باشد.")
    if source not in Source.values:
        raise InvalidError("منبع معرفی را انتخاب کنید.")
    if not 1 <= priority <= MAX_CANDIDATE_PRIORITY:
        raise InvalidError(f"اولویت باید عددی از ۱ تا {to_persian_digits(MAX_CANDIDATE_PRIORITY)} باشد.")
    if nomination.candidates.filter(profile=profile).exists():
        raise InvalidError("این فرد پیش‌تر نامزد شده است.")
    if nomination.candidates.filter(priority=priority).exists():
        raise InvalidError("این اولویت به نامزد دیگری داده شده است.")
    candidate = Candidate.objects.create(
        nomination=nomination,
        profile=profile,
        source=source,
        priority=priority,
        related_experience_months=profile.related_experience_months,
        management_experience_months=profile.management_experience_months,
        training_courses=_training_courses(profile),
    )
    audit(
        "candidate.added",
        actor,
        candidate,
        {"name": profile.full_name, "priority": priority},
        nomination.case,
    )
    return candidate


@transaction.atomic
def candidate_remove(*, actor: User, candidate: Candidate) -> None:
    nomination = candidate.nomination
    require_step(actor, nomination.case, "nomination", "managers.candidate", "edit", candidate)
    audit("candidate.removed", actor, candidate, {"name": candidate.profile.full_name}, nomination.case)
    candidate.delete()


def _year_scores(values: list) -> list[dict]:
    rows = [
        {"year": int(v["year"]), "score": str(Decimal(str(v["score"])))}
        for v in values
        if v.get("score") is not None
    ]
    if len(rows) > SCORE_YEARS:
        raise InvalidError(f"فقط امتیازهای {to_persian_digits(SCORE_YEARS)} سال اخیر ثبت می‌شود.")
    return rows


def _extra_answers(candidate: Candidate, answers: dict) -> dict[str, bool]:
    """HR's yes or no for each condition the agency added, as the page asks every one of them: a missing
    answer would leave the condition unchecked after the check, and another agency's condition is not one."""
    conditions = ExtraCondition.objects.filter(
        organization_id=candidate.nomination.organization_id, is_active=True
    )
    answers = {str(k): v for k, v in answers.items()}
    if set(answers) - {str(c.pk) for c in conditions}:
        raise InvalidError("این شرط اختصاصی از شرایط این دستگاه نیست.")
    for condition in conditions:
        if answers.get(str(condition.pk)) is None:
            raise InvalidError(f"شرط اختصاصی «{condition.title}» را تأیید یا رد کنید.")
    return {key: bool(value) for key, value in answers.items()}


@transaction.atomic
def candidate_check(*, actor: User, candidate: Candidate, data: dict) -> Candidate:
    """HR's Form 3: degree match, confirmations, years of experience, the last four years' scores."""
    candidate = (
        Candidate.objects.select_for_update(no_key=True)
        .select_related("nomination__case", "profile")
        .get(pk=candidate.pk)
    )
    require_step(actor, candidate.nomination.case, "hr_check", "managers.form3", "act", candidate)
    for name in (
        "bachelor_matches",
        "last_degree_confirmed",
        "management_course_confirmed",
        "master_management_confirmed",
        "related_experience_months",
        "management_experience_months",
    ):
        setattr(candidate, name, data[name])
    candidate.appraisal_scores = _year_scores(data.get("appraisal_scores", []))
    candidate.performance_scores = _year_scores(data.get("performance_scores", []))
    candidate.extra_results = _extra_answers(candidate, data.get("extra_results") or {})
    candidate.training_courses = _training_courses(candidate.profile)
    candidate.checked_at = timezone.now()
    candidate.save()
    audit(
        "candidate.checked",
        actor,
        candidate,
        {"name": candidate.profile.full_name, "bachelor_matches": candidate.bachelor_matches},
        candidate.nomination.case,
    )
    return candidate
