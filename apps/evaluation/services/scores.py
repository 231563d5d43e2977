"""Self-assessment, evidence vault, headquarters and evaluator scores (seed rows 8–13)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from apps.accounts.models import Organization, User
from apps.accounts.roles import Role
from apps.audit.trail import audit_append
from apps.core.errors import ConflictError, InvalidError, NotFoundError
from apps.core.jalali import today
from apps.core.uploads import validate_upload
from apps.notifications.services import notify_users

from ..models import (
    Evaluation,
    EvidenceFile,
    Index,
    IndexScore,
    ScoreEntry,
)
from ..rules import (
    index_score,
    self_assessment_open,
)
from .common import (
    GROUP_ONLY,
    agency_people,
    as_kept,
    as_number,
    history_add,
    require_may,
    require_owner_at,
    score_locked,
    within_ceiling,
)

# Self-assessment and evidence (seed rows 8–10).


@transaction.atomic
def score_self_assess(
    *, actor: User, score: IndexScore, description: str, actual=None, claimed=None
) -> IndexScore:
    """The agency's claim for one index: its actual figure against the standard, or a claimed score."""
    score = score_locked(score)
    require_owner_at(
        actor, score, "act", "self_assessment", "خودارزیابی این دستگاه ارسال شده و قابل تغییر نیست."
    )
    if not self_assessment_open(score.evaluation):
        raise InvalidError("مهلت خودارزیابی پایان یافته است؛ بازگشایی را از سازمان بخواهید.")
    index = score.index
    if actual not in (None, "") and index.standard:
        score.actual = as_number(actual, "عملکرد واقعی")
        if score.actual < 0:
            raise InvalidError("عملکرد واقعی نمی‌تواند منفی باشد.")
        as_kept(score.actual, IndexScore._meta.get_field("actual"), "عملکرد واقعی")
        score.self_score = index_score(
            ceiling=index.max_score,
            standard=index.standard,
            actual=score.actual,
            increasing=index.direction == Index.Direction.INCREASING,
        )
    elif claimed not in (None, ""):
        score.self_score = within_ceiling(claimed, index, "امتیاز خودارزیابی")
    else:
        raise InvalidError("عملکرد واقعی یا امتیاز ادعایی را وارد کنید.")
    score.description = (description or "").strip()
    score.save(update_fields=["actual", "self_score", "description"])
    history_add(score, ScoreEntry.Stage.SELF, score.self_score, actor, score.description)
    audit_append(
        action="evaluation.score.self_assessed",
        actor=actor,
        case=score.evaluation.case,
        subject=score,
        changes={"index": index.code, "self_score": score.self_score},
    )
    return score


@transaction.atomic
def evidence_attach(
    *, actor: User, score: IndexScore, title: str = "", uploaded_file=None, reuse=None
) -> EvidenceFile:
    """Adds a new version to the agency's vault (checked, with its sha256) or reuses a kept file."""
    score = score_locked(score)
    require_owner_at(
        actor, score, "attach", "self_assessment", "مستندات را فقط در مرحله خودارزیابی می‌توان پیوست کرد."
    )
    if reuse is not None:
        if reuse.organization_id != score.evaluation.organization_id:
            raise NotFoundError("فایل یافت نشد.")
        evidence = reuse
    else:
        evidence = _vault_store(
            actor=actor, organization=score.evaluation.organization, title=title, uploaded_file=uploaded_file
        )
    score.evidence.add(evidence)
    audit_append(
        action="evaluation.evidence.attached",
        actor=actor,
        case=score.evaluation.case,
        subject=evidence,
        changes={"index": score.index.code, "sha256": evidence.sha256, "version": evidence.version},
    )
    return evidence


def _vault_store(*, actor: User, organization: Organization, title: str, uploaded_file) -> EvidenceFile:
    if uploaded_file is None:
        raise InvalidError("فایل مستند را انتخاب کنید.")
    try:
        kind = validate_upload(uploaded_file)
    except ValidationError as exc:
        raise InvalidError(exc.messages[0]) from exc
    title = (title or "").strip()
    # A typed title is held to the column as the page's form holds it; a file's own name is only cut.
    field = EvidenceFile._meta.get_field("title")
    title = as_kept(title, field, "عنوان") if title else uploaded_file.name.strip()[: field.max_length]
    sha256 = EvidenceFile.digest(uploaded_file)
    same = EvidenceFile.objects.select_for_update(no_key=True).filter(organization=organization, title=title)
    latest = same.order_by("-version").first()
    if latest is not None and latest.sha256 == sha256:
        return latest
    version = (same.aggregate(v=Max("version"))["v"] or 0) + 1
    return EvidenceFile.objects.create(
        organization=organization,
        title=title,
        version=version,
        file=uploaded_file,
        kind=kind,
        size=uploaded_file.size,
        sha256=sha256,
        uploaded_by=actor,
    )


@transaction.atomic
def evaluation_reopen(*, actor: User, evaluation: Evaluation, until: dt.date) -> Evaluation:
    """The Organization lets a late agency register its self-assessment until a new date."""
    require_may(actor, "evaluation.evaluation", "manage", evaluation, message=GROUP_ONLY)
    evaluation = (
        Evaluation.objects.select_for_update(no_key=True).select_related("case").get(pk=evaluation.pk)
    )
    if evaluation.case.state != "self_assessment":
        raise ConflictError("خودارزیابی این دستگاه ارسال شده است.")
    if until < today():
        raise InvalidError("تاریخ بازگشایی باید امروز یا پس از آن باشد.")
    evaluation.reopened_until = until
    evaluation.save(update_fields=["reopened_until"])
    audit_append(
        action="evaluation.self_assessment.reopened",
        actor=actor,
        case=evaluation.case,
        changes={"until": until},
    )
    notify_users(
        users=agency_people(evaluation.organization_id),
        subject="بازگشایی خودارزیابی",
        body=f"مهلت خودارزیابی {evaluation.cycle.title} برای دستگاه شما تمدید شد.",
        case=evaluation.case,
    )
    return evaluation


# Headquarters and evaluator-team scores (seed rows 11–13).


@transaction.atomic
def score_record_hq(*, actor: User, score: IndexScore, value) -> IndexScore:
    """A score from the agency's national headquarters' own system, as imported by the Organization."""
    require_may(actor, "evaluation.claim", "bulk", score, message=GROUP_ONLY)
    score = score_locked(score)
    score.hq_score = within_ceiling(value, score.index, "امتیاز ستاد")
    score.save(update_fields=["hq_score"])
    if not score.evaluation.hq_system:
        score.evaluation.hq_system = True
        score.evaluation.save(update_fields=["hq_system"])
    history_add(score, ScoreEntry.Stage.HQ, score.hq_score, actor, "ورود از سامانه ستاد دستگاه")
    audit_append(
        action="evaluation.score.hq_recorded",
        actor=actor,
        case=score.evaluation.case,
        subject=score,
        changes={"index": score.index.code, "hq_score": score.hq_score},
    )
    return score


@transaction.atomic
def score_evaluate(*, actor: User, score: IndexScore, value, comment: str = "") -> IndexScore:
    """The evaluator team's score for one index, with its comment."""
    require_may(actor, "evaluation.evaluator_score", "act", score, "امتیازدهی با تیم ارزیاب همین دستگاه است.")
    score = score_locked(score)
    if score.evaluation.case.state != "scoring":
        raise ConflictError("این دستگاه در مرحله امتیازدهی تیم ارزیاب نیست.")
    score.evaluator_score = within_ceiling(value, score.index, "امتیاز ارزیاب")
    score.evaluator_comment = (comment or "").strip()
    score.save(update_fields=["evaluator_score", "evaluator_comment"])
    history_add(score, ScoreEntry.Stage.EVALUATOR, score.evaluator_score, actor, score.evaluator_comment)
    audit_append(
        action="evaluation.score.evaluated",
        actor=actor,
        case=score.evaluation.case,
        subject=score,
        changes={"index": score.index.code, "evaluator_score": score.evaluator_score},
    )
    return score


@transaction.atomic
def evaluation_assign_evaluators(*, actor: User, evaluation: Evaluation, evaluators) -> Evaluation:
    """Names the evaluator team of one agency's evaluation (seed row 13): the Organization's evaluators who
    score it, and who alone among evaluators reach it."""
    require_may(actor, "evaluation.evaluation", "manage", evaluation, message=GROUP_ONLY)
    evaluation = Evaluation.objects.select_for_update(no_key=True).get(pk=evaluation.pk)
    people = list(evaluators)
    # The evaluators of the agency's own province's Organization: another province's do not score it.
    province_id = evaluation.organization.province_id
    wrong = [
        u
        for u in people
        if not (
            u.is_active
            and u.is_province_staff
            and u.organization.province_id == province_id
            and u.has_role(Role.EVALUATOR)
        )
    ]
    if wrong:
        raise InvalidError("تیم ارزیاب را از ارزیابان سازمان انتخاب کنید.")
    before = sorted(evaluation.evaluators.values_list("pk", flat=True))
    evaluation.evaluators.set(people)
    audit_append(
        action="evaluation.evaluators.assigned",
        actor=actor,
        case=evaluation.case,
        changes={"from": before, "to": sorted(u.pk for u in people)},
    )
    return evaluation
