"""Every write of service D: cycles, indices, scores, evidence, objections, the council's decisions, the festival."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from apps.accounts.models import Organization, User
from apps.accounts.roles import OrgKind, Role
from apps.core import providers
from apps.core.errors import ServiceError
from apps.core.jalali import today
from apps.core.uploads import validate_upload
from apps.core.workdays import WorkCalendar
from apps.notifications.services import notify_users
from apps.workflow.audit import audit_append
from apps.workflow.services import case_open, perform

from .models import (
    Attendance,
    Body,
    BodyMember,
    Cycle,
    CyclePhaseDate,
    Evaluation,
    EvidenceFile,
    Index,
    IndexScore,
    Nomination,
    Objection,
    OrientationSession,
    ScoreEntry,
)
from .rules import (
    CYCLE_CALENDAR_DAYS,
    DEFAULT_BANDS,
    OBJECTION_WINDOW_WORKING_DAYS,
    index_score,
    validate_bands,
)
from .workflow import AGENCY_ACTORS, EVALUATION, ORG_STAFF_ROLES, self_assessment_open

# The calendar a new cycle starts with: (phase, share of the cycle's days).
CALENDAR_TEMPLATE = (
    ("ابلاغ شاخص‌ها و آموزش توجیهی", 10),
    ("خودارزیابی دستگاه‌ها", 25),
    ("بررسی سازمان و امتیازدهی تیم ارزیاب", 25),
    ("اعلام نتایج اولیه و رسیدگی به اعتراض‌ها", 10),
    ("تصویب شورا، سطح‌بندی و جشنواره", 10),
)


def is_evaluation_staff(user: User) -> bool:
    """The Organization's management-development staff (or those above the groups)."""
    return bool(
        user.is_authenticated
        and user.is_province_staff
        and user.has_role(*ORG_STAFF_ROLES)
        and (user.unit_id is None or user.unit.code == EVALUATION.unit)
    )


def is_evaluator(user: User) -> bool:
    return bool(user.is_authenticated and user.is_province_staff and user.has_role(Role.EVALUATOR))


def require_staff(user: User) -> None:
    if not is_evaluation_staff(user):
        raise ServiceError("این کار با کارشناسان توسعه مدیریت سازمان است.", status=403)


def _decimal(value, label: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ServiceError(f"{label} باید عدد باشد.") from None
    if not number.is_finite():
        raise ServiceError(f"{label} باید عدد باشد.")
    return number


def _within_ceiling(value, index: Index, label: str) -> Decimal:
    number = _decimal(value, label)
    if number < 0 or number > index.max_score:
        raise ServiceError(f"{label} باید بین صفر و حداکثر امتیاز شاخص ({index.max_score}) باشد.")
    return number


def _history(score: IndexScore, stage: str, value: Decimal, actor: User, comment: str = "") -> None:
    ScoreEntry.objects.create(score=score, stage=stage, value=value, comment=comment, actor=actor)


def _locked_score(score: IndexScore) -> IndexScore:
    return (
        IndexScore.objects.select_for_update(of=("self",))
        .select_related("evaluation__case", "evaluation__cycle", "index", "evaluation__organization")
        .get(pk=score.pk)
    )


# Cycles and indices (seed rows 1–7).


@transaction.atomic
def cycle_create(
    *,
    actor: User,
    year: int,
    title: str,
    circular_number: str,
    circular_date: dt.date,
    self_assessment_deadline: dt.date,
    circular_file=None,
) -> Cycle:
    require_staff(actor)
    if Cycle.objects.filter(year=year).exists():
        raise ServiceError("دوره ارزیابی این سال پیش‌تر تعریف شده است.")
    if self_assessment_deadline < circular_date:
        raise ServiceError("مهلت خودارزیابی نمی‌تواند پیش از تاریخ بخشنامه باشد.")
    if circular_file is not None:
        try:
            validate_upload(circular_file)
        except ValidationError as exc:
            raise ServiceError(exc.messages[0]) from exc
    cycle = Cycle.objects.create(
        year=year,
        title=title.strip(),
        circular_number=circular_number.strip(),
        circular_date=circular_date,
        self_assessment_deadline=self_assessment_deadline,
        bands=list(DEFAULT_BANDS),
        **({"circular_file": circular_file} if circular_file else {}),
    )
    start = circular_date
    total = sum(share for _, share in CALENDAR_TEMPLATE)
    for label, share in CALENDAR_TEMPLATE:
        end = start + dt.timedelta(days=max(1, CYCLE_CALENDAR_DAYS * share // total) - 1)
        CyclePhaseDate.objects.create(cycle=cycle, title=label, starts_on=start, ends_on=end)
        start = end + dt.timedelta(days=1)
    audit_append(action="evaluation.cycle.created", actor=actor, subject=cycle, changes={"year": year})
    return cycle


def _require_setup(cycle: Cycle) -> None:
    if cycle.phase != Cycle.Phase.SETUP:
        raise ServiceError("شاخص‌های این دوره ابلاغ شده و دیگر تغییر نمی‌کند.", status=409)


@transaction.atomic
def index_create(*, actor: User, cycle: Cycle, agency_ids: list[int] | None = None, **fields) -> Index:
    """Adds one index; general and specific ones come from the national org, development ones from the committee."""
    require_staff(actor)
    _require_setup(cycle)
    fields["code"] = fields["code"].strip()
    if Index.objects.filter(cycle=cycle, code=fields["code"]).exists():
        raise ServiceError("شاخصی با این کد در این دوره هست.")
    if Decimal(fields["max_score"]) <= 0 or Decimal(fields.get("weight", 1)) <= 0:
        raise ServiceError("حداکثر امتیاز و وزن شاخص باید بیشتر از صفر باشد.")
    index = Index.objects.create(cycle=cycle, **fields)
    if agency_ids:
        index.agencies.set(Organization.objects.filter(pk__in=agency_ids, kind=OrgKind.AGENCY))
    audit_append(action="evaluation.index.created", actor=actor, subject=index, changes={"code": index.code})
    return index


@transaction.atomic
def cycle_approve_province_cut(*, actor: User, cycle: Cycle) -> int:
    """Seed row 2: the national org approves the province's cut of the specific indices."""
    if not (actor.is_national_user and actor.has_role(Role.NATIONAL_OFFICER)):
        raise ServiceError(
            "برش استانی شاخص‌های اختصاصی را سازمان اداری و استخدامی کشور تأیید می‌کند.", status=403
        )
    _require_setup(cycle)
    count = cycle.indices.filter(kind=Index.Kind.SPECIFIC).update(province_cut_approved=True)
    audit_append(
        action="evaluation.cycle.cut_approved", actor=actor, subject=cycle, changes={"indices": count}
    )
    return count


def _applicable(index: Index, agency_id: int, targeted: dict[int, set[int]]) -> bool:
    wanted = targeted.get(index.pk)
    return not wanted or agency_id in wanted


@transaction.atomic
def cycle_publish_indices(*, actor: User, cycle: Cycle) -> int:
    """Seed rows 3 and 7: the indices go to the agencies; each agency's evaluation case opens for self-assessment."""
    require_staff(actor)
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    _require_setup(cycle)
    indices = list(cycle.indices.prefetch_related("agencies"))
    if not indices:
        raise ServiceError("هنوز شاخصی برای این دوره تعریف نشده است.")
    if any(i.kind == Index.Kind.SPECIFIC and not i.province_cut_approved for i in indices):
        raise ServiceError("برش استانی شاخص‌های اختصاصی هنوز تأیید نشده است.")
    targeted = {i.pk: {a.pk for a in i.agencies.all()} for i in indices}
    agencies = Organization.objects.filter(kind=OrgKind.AGENCY, is_active=True).order_by("code")
    opened = 0
    for agency in agencies:
        evaluation_open(actor=actor, cycle=cycle, agency=agency, indices=indices, targeted=targeted)
        opened += 1
    cycle.phase = Cycle.Phase.SELF_ASSESSMENT
    cycle.save(update_fields=["phase"])
    audit_append(
        action="evaluation.cycle.indices_published", actor=actor, subject=cycle, changes={"agencies": opened}
    )
    return opened


def evaluation_open(
    *, actor: User, cycle: Cycle, agency: Organization, indices: list[Index], targeted: dict[int, set[int]]
) -> Evaluation:
    """Opens one agency's case with a row per applicable index, fed from the desk's own data where declared."""
    holder = {}

    def create_rows(case) -> dict:
        evaluation = Evaluation.objects.create(case=case, cycle=cycle, organization=agency)
        mine = [i for i in indices if _applicable(i, agency.pk, targeted)]
        IndexScore.objects.bulk_create([IndexScore(evaluation=evaluation, index=i) for i in mine])
        holder["evaluation"] = evaluation
        return {"cycle": cycle.year, "indices": len(mine)}

    case_open(
        process_name=EVALUATION.name,
        owner=agency,
        actor=actor,
        title=f"ارزیابی عملکرد {cycle.year} — {agency.name}",
        apply=create_rows,
    )
    evaluation = holder["evaluation"]
    _feed_from_desk(evaluation=evaluation, actor=actor)
    return evaluation


def _feed_from_desk(*, evaluation: Evaluation, actor: User) -> None:
    """An index with a `source` takes the agency's actual figure from another service, as the self-assessment."""
    for score in evaluation.scores.select_related("index").exclude(index__source=""):
        index = score.index
        figures = providers.ask(index.source, evaluation.cycle.year, [evaluation.organization_id], default={})
        actual = figures.get(evaluation.organization_id)
        if actual is None or not index.standard:
            continue
        score.actual = _decimal(actual, "داده")
        score.self_score = index_score(
            ceiling=index.max_score,
            standard=index.standard,
            actual=score.actual,
            increasing=index.direction == Index.Direction.INCREASING,
        )
        score.description = "از داده‌های میز خدمت"
        score.save(update_fields=["actual", "self_score", "description"])
        _history(score, ScoreEntry.Stage.SELF, score.self_score, actor, "از داده‌های میز خدمت")


# Self-assessment and evidence (seed rows 8–10).


def _require_owner_at(actor: User, score: IndexScore, state: str, refusal: str) -> None:
    evaluation = score.evaluation
    if actor.organization_id != evaluation.organization_id or not actor.has_role(*AGENCY_ACTORS):
        raise ServiceError("فقط کارشناس رابط یا بالاترین مقام همین دستگاه این کار را می‌کند.", status=403)
    if evaluation.case.state != state:
        raise ServiceError(refusal, status=409)


@transaction.atomic
def score_self_assess(
    *, actor: User, score: IndexScore, description: str, actual=None, claimed=None
) -> IndexScore:
    """The agency's claim for one index: its actual figure against the standard, or a claimed score."""
    score = _locked_score(score)
    _require_owner_at(actor, score, "self_assessment", "خودارزیابی این دستگاه ارسال شده و قابل تغییر نیست.")
    if not self_assessment_open(score.evaluation):
        raise ServiceError("مهلت خودارزیابی پایان یافته است؛ بازگشایی را از سازمان بخواهید.")
    index = score.index
    if actual not in (None, "") and index.standard:
        score.actual = _decimal(actual, "عملکرد واقعی")
        if score.actual < 0:
            raise ServiceError("عملکرد واقعی نمی‌تواند منفی باشد.")
        score.self_score = index_score(
            ceiling=index.max_score,
            standard=index.standard,
            actual=score.actual,
            increasing=index.direction == Index.Direction.INCREASING,
        )
    elif claimed not in (None, ""):
        score.self_score = _within_ceiling(claimed, index, "امتیاز خودارزیابی")
    else:
        raise ServiceError("عملکرد واقعی یا امتیاز ادعایی را وارد کنید.")
    score.description = (description or "").strip()
    score.save(update_fields=["actual", "self_score", "description"])
    _history(score, ScoreEntry.Stage.SELF, score.self_score, actor, score.description)
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
    score = _locked_score(score)
    _require_owner_at(actor, score, "self_assessment", "مستندات را فقط در مرحله خودارزیابی می‌توان پیوست کرد.")
    if reuse is not None:
        if reuse.organization_id != score.evaluation.organization_id:
            raise ServiceError("فایل یافت نشد.", status=404)
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
        raise ServiceError("فایل مستند را انتخاب کنید.")
    try:
        kind = validate_upload(uploaded_file)
    except ValidationError as exc:
        raise ServiceError(exc.messages[0]) from exc
    title = (title or uploaded_file.name).strip()[:200]
    sha256 = EvidenceFile.digest(uploaded_file)
    same = EvidenceFile.objects.select_for_update().filter(organization=organization, title=title)
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
    require_staff(actor)
    evaluation = Evaluation.objects.select_for_update().select_related("case").get(pk=evaluation.pk)
    if evaluation.case.state != "self_assessment":
        raise ServiceError("خودارزیابی این دستگاه ارسال شده است.", status=409)
    if until < today():
        raise ServiceError("تاریخ بازگشایی باید امروز یا پس از آن باشد.")
    evaluation.reopened_until = until
    evaluation.save(update_fields=["reopened_until"])
    audit_append(
        action="evaluation.self_assessment.reopened",
        actor=actor,
        case=evaluation.case,
        changes={"until": until},
    )
    notify_users(
        users=_agency_people(evaluation.organization_id),
        subject="بازگشایی خودارزیابی",
        body=f"مهلت خودارزیابی {evaluation.cycle.title} برای دستگاه شما تمدید شد.",
        case=evaluation.case,
    )
    return evaluation


def _agency_people(organization_id: int) -> list[User]:
    people = User.objects.filter(organization_id=organization_id, is_active=True)
    return [u for u in people if u.has_role(*AGENCY_ACTORS)]


# Headquarters and evaluator-team scores (seed rows 11–13).


@transaction.atomic
def score_record_hq(*, actor: User, score: IndexScore, value) -> IndexScore:
    """A score from the agency's national headquarters' own system, as imported by the Organization."""
    require_staff(actor)
    score = _locked_score(score)
    score.hq_score = _within_ceiling(value, score.index, "امتیاز ستاد")
    score.save(update_fields=["hq_score"])
    if not score.evaluation.hq_system:
        Evaluation.objects.filter(pk=score.evaluation_id).update(hq_system=True)
    _history(score, ScoreEntry.Stage.HQ, score.hq_score, actor, "ورود از سامانه ستاد دستگاه")
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
    if not is_evaluator(actor):
        raise ServiceError("امتیازدهی با تیم ارزیاب سازمان است.", status=403)
    score = _locked_score(score)
    if score.evaluation.case.state != "scoring":
        raise ServiceError("این دستگاه در مرحله امتیازدهی تیم ارزیاب نیست.", status=409)
    score.evaluator_score = _within_ceiling(value, score.index, "امتیاز ارزیاب")
    score.evaluator_comment = (comment or "").strip()
    score.save(update_fields=["evaluator_score", "evaluator_comment"])
    _history(score, ScoreEntry.Stage.EVALUATOR, score.evaluator_score, actor, score.evaluator_comment)
    audit_append(
        action="evaluation.score.evaluated",
        actor=actor,
        case=score.evaluation.case,
        subject=score,
        changes={"index": score.index.code, "evaluator_score": score.evaluator_score},
    )
    return score


# Initial results, objections and re-scoring (seed rows 14–15).


def _cases_at(cycle: Cycle, state: str):
    return [e.case for e in Evaluation.objects.filter(cycle=cycle, case__state=state).select_related("case")]


@transaction.atomic
def cycle_publish_initial(*, actor: User, cycle: Cycle) -> int:
    """Announces the initial results to every scored agency and opens the objection window."""
    require_staff(actor)
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.phase not in (Cycle.Phase.SELF_ASSESSMENT, Cycle.Phase.INITIAL):
        raise ServiceError("نتایج اولیه در این مرحله دوره اعلام نمی‌شود.", status=409)
    cases = _cases_at(cycle, "scored")
    if not cases:
        raise ServiceError("هیچ دستگاهی امتیازدهی‌شده و در انتظار اعلام نتیجه نیست.")
    cycle.objection_deadline = WorkCalendar().add_working_days(today(), OBJECTION_WINDOW_WORKING_DAYS)
    cycle.phase = Cycle.Phase.INITIAL
    cycle.save(update_fields=["objection_deadline", "phase"])
    for case in cases:
        perform(case, "publish_initial", actor=actor)
        notify_users(
            users=_agency_people(case.owner_id),
            subject="اعلام نتیجه اولیه ارزیابی عملکرد",
            body=f"نتیجه اولیه {cycle.title} اعلام شد؛ اعتراض تا پایان مهلت در سامانه پذیرفته می‌شود.",
            case=case,
        )
    return len(cases)


@transaction.atomic
def objection_file(*, actor: User, score: IndexScore, reason: str, evidence=None) -> Objection:
    """An agency objects to one index's initial score, with its reason, within the window."""
    score = _locked_score(score)
    _require_owner_at(
        actor, score, "objection", "اعتراض فقط پس از اعلام نتیجه اولیه و در مهلت آن پذیرفته می‌شود."
    )
    deadline = score.evaluation.cycle.objection_deadline
    if deadline is None or today() > deadline:
        raise ServiceError("مهلت ثبت اعتراض پایان یافته است.")
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ServiceError("دلیل اعتراض را دست‌کم در یک جمله بنویسید.")
    if score.objections.filter(answered_at__isnull=True).exists():
        raise ServiceError("برای این شاخص اعتراض بی‌پاسخ دیگری هست.", status=409)
    if evidence is not None and evidence.organization_id != score.evaluation.organization_id:
        raise ServiceError("فایل یافت نشد.", status=404)
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
    if not (is_evaluator(actor) or is_evaluation_staff(actor)):
        raise ServiceError("پاسخ اعتراض با تیم ارزیاب سازمان است.", status=403)
    objection = Objection.objects.select_for_update().get(pk=objection.pk)
    score = _locked_score(objection.score)
    if score.evaluation.case.state != "rescoring":
        raise ServiceError("اعتراض‌های این دستگاه هنوز به بازبینی ارجاع نشده است.", status=409)
    if objection.answered_at:
        raise ServiceError("به این اعتراض پیش‌تر پاسخ داده شده است.", status=409)
    answer = (answer or "").strip()
    if not answer:
        raise ServiceError("پاسخ اعتراض را بنویسید.")
    previous = score.effective
    score.rescore = _within_ceiling(value, score.index, "امتیاز بازبینی")
    score.save(update_fields=["rescore"])
    objection.answer, objection.answered_by, objection.answered_at = answer, actor, timezone.now()
    objection.save(update_fields=["answer", "answered_by", "answered_at"])
    _history(score, ScoreEntry.Stage.RESCORE, score.rescore, actor, answer)
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
    require_staff(actor)
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.phase == Cycle.Phase.FINAL:
        raise ServiceError("نتایج نهایی تصویب شده و بازه‌ها دیگر تغییر نمی‌کند.", status=409)
    refusal = validate_bands(bands)
    if refusal:
        raise ServiceError(refusal)
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


@transaction.atomic
def cycle_approve_final(*, actor: User, cycle: Cycle) -> int:
    """The provincial management development council approves every agency's final result at once."""
    if not (actor.is_province_staff and actor.has_role(Role.ORG_HEAD)):
        raise ServiceError("نتایج نهایی را رئیس سازمان از سوی شورای توسعه مدیریت تصویب می‌کند.", status=403)
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    waiting = Evaluation.objects.filter(cycle=cycle).exclude(case__state__in=("final_review", "approved"))
    if waiting.exists():
        raise ServiceError(f"{waiting.count()} دستگاه هنوز به مرحله تصویب نرسیده‌اند.", status=409)
    cases = _cases_at(cycle, "final_review")
    if not cases:
        raise ServiceError("دستگاهی در انتظار تصویب نیست.", status=409)
    for case in cases:
        perform(case, "approve", actor=actor)
    cycle.phase = Cycle.Phase.FINAL
    cycle.save(update_fields=["phase"])
    national = User.objects.filter(organization__kind=OrgKind.NATIONAL, is_active=True)
    notify_users(
        users=[u for u in national if u.has_role(Role.NATIONAL_OFFICER)],
        subject=f"نتایج نهایی {cycle.title}",
        body="نتایج نهایی ارزیابی عملکرد دستگاه‌های استان به تصویب شورای توسعه مدیریت رسید.",
    )
    return len(cases)


@transaction.atomic
def cycle_record_national_rank(*, actor: User, cycle: Cycle, rank: int, provinces: int) -> Cycle:
    """The province's place among provinces, when the national org announces it."""
    if not (is_evaluation_staff(actor) or actor.has_role(Role.NATIONAL_OFFICER)):
        raise ServiceError(
            "رتبه استان را سازمان اداری و استخدامی کشور یا کارشناس سازمان ثبت می‌کند.", status=403
        )
    if cycle.phase != Cycle.Phase.FINAL:
        raise ServiceError("رتبه استان پس از تصویب نتایج نهایی ثبت می‌شود.", status=409)
    if not (1 <= rank <= provinces):
        raise ServiceError("رتبه باید بین یک و تعداد استان‌ها باشد.")
    cycle.national_rank, cycle.provinces_ranked = rank, provinces
    cycle.save(update_fields=["national_rank", "provinces_ranked"])
    audit_append(
        action="evaluation.cycle.national_rank",
        actor=actor,
        subject=cycle,
        changes={"rank": rank, "of": provinces},
    )
    return cycle


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
