"""Every write of service C: the database, posts, agency rules, nominations, checks, scores, decrees, changes."""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.accounts import permissions
from apps.accounts.models import User
from apps.accounts.roles import Role
from apps.core import providers
from apps.core.checks import as_typed, check_fields
from apps.core.digits import normalize_text, to_persian_digits
from apps.core.errors import ConflictError, ForbiddenError, InvalidError, NotFoundError
from apps.core.forms import MobileField, NationalIdField
from apps.core.jalali import format_date, on_the_calendar, today
from apps.documents.services import document_issue
from apps.notifications.services import notify_users
from apps.workflow.audit import audit_append
from apps.workflow.models import Case
from apps.workflow.services import case_open, perform

from .kinds import REPLACEMENT_NOTICE
from .models import (
    AgencyRules,
    Candidate,
    ChangeProposal,
    CouncilSession,
    Decree,
    ExtraCondition,
    Hearing,
    JobRecord,
    ManagerProfile,
    Nomination,
    PerformanceEvaluation,
    Post,
    Source,
)
from .rules import (
    COMMITTEE_MEMBERS,
    GENERAL_CRITERIA,
    GENERAL_CRITERION_MAX,
    MAX_CANDIDATE_PRIORITY,
    MAX_SPECIFIC_CRITERIA,
    SCORE_YEARS,
    SPECIFIC_CRITERION_MAX,
    Weights,
    average,
    probation_end,
    score_maxima,
    weighted_score,
)
from .workflow import APPOINTMENT, CHANGE

# Form 4's weights when an agency has not set its own (a desk default, not the seed's).
DEFAULT_WEIGHTS = Weights(
    general=Decimal("0.40"), specific=Decimal("0.30"), appraisal=Decimal("0.15"), performance=Decimal("0.15")
)
# The desired score per level: the seed names "the table annexed to the criteria" without giving it, so
# these are the desk's defaults until the agency sets its own; both are out of Form 4's 100.
# Written with the two places the saved rules keep, so the API answers 75.00 whether or not they are saved.
DEFAULT_DESIRED = {"middle": Decimal("75.00"), "base": Decimal("65.00")}
NO_WEIGHT = "دست‌کم یکی از ضرایب اهمیت فرم شماره ۴ باید بیشتر از صفر باشد."
PROFILE_FIELDS = tuple(
    f.name
    for f in ManagerProfile._meta.fields
    if f.name not in ("id", "organization", "published_to_pool", "created_at", "updated_at")
)
# What another agency may copy from the national pool: nothing personal (no ID, address, mobile).
POOL_FIELDS = (
    "full_name",
    "highest_degree",
    "bachelor_field",
    "education",
    "master_in_management",
    "courses",
    "research",
    "languages_computer",
    "related_experience_months",
    "management_experience_months",
)


def _require(actor: User, kind: str, action: str, obj=None) -> None:
    """Asks the permission table (apps/managers/permissions.py), as the pages do: the services are also
    called from the API and tasks. A row out of the person's sight is not found; a seen one refused."""
    if obj is not None and not permissions.may(actor, kind, "view", obj):
        raise NotFoundError("یافت نشد.")
    if not permissions.may(actor, kind, action, obj):
        raise ForbiddenError("شما اجازه این کار را ندارید.")


def _require_step(actor: User, case: Case, state: str, kind: str, action: str, obj) -> None:
    """The work of one step: the case must be at it, and the table must let the person do it."""
    # The caller's copy may predate the last action: the state is read afresh.
    case = Case.objects.get(pk=case.pk)
    if case.state != state:
        raise ConflictError("این کار در مرحله فعلی پرونده ممکن نیست.")
    _require(actor, kind, action, obj)


def _audit(action: str, actor: User, subject, changes: dict, case: Case | None = None) -> None:
    audit_append(
        action=f"managers.{action}",
        actor=actor,
        case=case,
        subject=subject,
        changes=changes,
        organization=actor.organization,
    )


# The managers' database.


@transaction.atomic
def profile_save(*, actor: User, data: dict, profile: ManagerProfile | None = None) -> ManagerProfile:
    """Creates or updates a Form 2 profile in the actor's agency database."""
    _require(actor, "managers.profile", "edit" if profile else "create", profile)
    created = profile is None
    profile = profile or ManagerProfile(organization=actor.organization)
    for name in PROFILE_FIELDS:
        if name in data:
            setattr(profile, name, data[name])
    profile.national_id = as_typed(
        NationalIdField(required=False), profile.national_id, "شماره شناسنامه / کد ملی"
    )
    profile.mobile = as_typed(MobileField(required=False), profile.mobile, "شماره همراه")
    check_fields(profile, exclude=("organization",))
    national_id = profile.national_id
    duplicate = ManagerProfile.objects.filter(
        organization_id=profile.organization_id, national_id=national_id
    )
    if national_id and duplicate.exclude(pk=profile.pk).exists():
        raise InvalidError("فردی با این کد ملی در بانک اطلاعات دستگاه هست.")
    profile.save()
    _audit(
        "profile.created" if created else "profile.updated", actor, profile, {"full_name": profile.full_name}
    )
    return profile


@transaction.atomic
def profile_publish(*, actor: User, profile: ManagerProfile, published: bool) -> ManagerProfile:
    """Puts a profile in (or takes it out of) the national pool that every agency reads, without personal data."""
    _require(actor, "managers.profile", "act", profile)
    profile.published_to_pool = published
    profile.save(update_fields=["published_to_pool", "updated_at"])
    _audit(
        "profile.published" if published else "profile.withdrawn", actor, profile, {"published": published}
    )
    return profile


@transaction.atomic
def profile_adopt(*, actor: User, pooled: ManagerProfile) -> ManagerProfile:
    """Copies a national-pool profile's public part into the actor's own database; personal data is asked anew."""
    _require(actor, "managers.pool", "act", pooled)
    _require(actor, "managers.profile", "create")
    if not pooled.published_to_pool or pooled.organization_id == actor.organization_id:
        raise NotFoundError("این پرونده در بانک ملی دستگاه‌های دیگر نیست.")
    profile = ManagerProfile(organization=actor.organization, father_name="—")
    for name in POOL_FIELDS:
        setattr(profile, name, getattr(pooled, name))
    profile.save()
    _audit("profile.adopted", actor, profile, {"from_pool": pooled.pk})
    return profile


@transaction.atomic
def job_record_add(*, actor: User, profile: ManagerProfile, data: dict) -> JobRecord:
    """Adds one row of Form 2's employment and managerial record."""
    _require(actor, "managers.profile", "edit", profile)
    record = JobRecord.objects.create(profile=profile, **data)
    _audit("profile.job_added", actor, profile, {"title": record.title, "months": record.months})
    return record


# Posts and the agency's own rules.


@transaction.atomic
def post_save(*, actor: User, data: dict, post: Post | None = None) -> Post:
    """A managerial post and its competent superior, who must be one of the agency's own people."""
    _require(actor, "managers.post", "edit" if post else "create", post)
    superior = data.get("superior")
    if superior is None or superior.organization_id != actor.organization_id:
        raise InvalidError("مقام مافوق ذی‌صلاح باید از کارکنان همین دستگاه باشد.")
    # The page offers only the agency's active heads: only they open Form 1 and sign the decree.
    if not (superior.is_active and superior.has_role(Role.AGENCY_HEAD)):
        raise InvalidError("مقام مافوق ذی‌صلاح باید بالاترین مقام فعال همین دستگاه باشد.")
    created = post is None
    post = post or Post(organization=actor.organization)
    for name, value in data.items():
        setattr(post, name, value)
    # As the page's field keeps it: a number in Persian digits is the same number, not a second post.
    post.number = normalize_text(post.number or "")
    check_fields(post, exclude=("organization", "superior"))
    try:
        with transaction.atomic():
            post.save()
    except IntegrityError:
        raise InvalidError("پستی با این شماره در دستگاه هست.") from None
    _audit("post.created" if created else "post.updated", actor, post, {"number": post.number})
    return post


def rules_weights(rules: AgencyRules) -> Weights:
    return Weights(
        general=rules.weight_general,
        specific=rules.weight_specific,
        appraisal=rules.weight_appraisal,
        performance=rules.weight_performance,
    )


def rules_for(organization_id: int) -> AgencyRules:
    """The agency's rules, or the desk's defaults until it sets its own."""
    rules = AgencyRules.objects.filter(organization_id=organization_id).first()
    return rules or AgencyRules(
        organization_id=organization_id,
        weight_general=DEFAULT_WEIGHTS.general,
        weight_specific=DEFAULT_WEIGHTS.specific,
        weight_appraisal=DEFAULT_WEIGHTS.appraisal,
        weight_performance=DEFAULT_WEIGHTS.performance,
        desired_middle=DEFAULT_DESIRED["middle"],
        desired_base=DEFAULT_DESIRED["base"],
    )


@transaction.atomic
def rules_save(
    *, actor: User, data: dict, specific_criteria: list[str], extra_conditions: list[str]
) -> AgencyRules:
    """Sets the agency's body, Form 4's weights and desired scores, specific criteria and extra conditions."""
    _require(actor, "managers.rules", "edit")
    criteria = [c.strip() for c in specific_criteria if c.strip()]
    if len(criteria) > MAX_SPECIFIC_CRITERIA:
        raise InvalidError(
            f"فرم شماره ۴ حداکثر {to_persian_digits(MAX_SPECIFIC_CRITERIA)} معیار اختصاصی دارد."
        )
    rules = rules_for(actor.organization_id)
    for name, value in data.items():
        setattr(rules, name, value)
    rules.specific_criteria = criteria
    # Form 4's final score is the coefficients' weighted mean of the clauses: it needs one to weigh by.
    try:
        weighted_score(
            points=dict.fromkeys(score_maxima(specific_count=0), 0),
            maxima=score_maxima(specific_count=len(criteria)),
            weights=rules_weights(rules),
        )
    except ValueError:
        raise InvalidError(NO_WEIGHT) from None
    rules.save()
    wanted = [t.strip() for t in extra_conditions if t.strip()]
    ExtraCondition.objects.filter(organization=actor.organization).exclude(title__in=wanted).update(
        is_active=False
    )
    for title in wanted:
        ExtraCondition.objects.update_or_create(
            organization=actor.organization, title=title, defaults={"is_active": True}
        )
    _audit("rules.saved", actor, rules, {**{k: str(v) for k, v in data.items()}, "extra": wanted})
    return rules


# The appointment: Form 1 → Form 3 → Form 4 → decree.


def nomination_open(*, actor: User, post: Post, proposer_position: str, remarks: str = "", ip=None) -> Case:
    """The competent superior of the post opens Form 1."""
    _require(actor, "managers.nomination", "create")
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
        process_name=APPOINTMENT.name,
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
    _require_step(actor, nomination.case, "nomination", "managers.nomination", "edit", nomination)
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
    _audit(
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
    _require_step(actor, nomination.case, "nomination", "managers.candidate", "edit", candidate)
    _audit("candidate.removed", actor, candidate, {"name": candidate.profile.full_name}, nomination.case)
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
    _require_step(actor, candidate.nomination.case, "hr_check", "managers.form3", "act", candidate)
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
    _audit(
        "candidate.checked",
        actor,
        candidate,
        {"name": candidate.profile.full_name, "bachelor_matches": candidate.bachelor_matches},
        candidate.nomination.case,
    )
    return candidate


@transaction.atomic
def session_record(
    *,
    actor: User,
    nomination: Nomination,
    number: str,
    held_on,
    attendees: list[dict],
    superior_invited: bool,
) -> CouncilSession:
    """The council's session for this nomination: number and date of the minutes, who attended.

    The minutes' number names one session of the agency's council (unique per agency, and cited by the
    decree issued on it): recorded again for the same nomination at the council step, its own session is
    corrected; a number another nomination's session already carries is refused, never overwritten.
    """
    # The session's minutes head the nomination's Form 4 (and the decree cites them).
    _require_step(actor, nomination.case, "council", "managers.form4", "edit", nomination)
    _require(actor, "managers.session", "create")
    attendees = [a for a in attendees if a.get("name", "").strip()]
    # As the page's field keeps it: the number names the session, so ۱۴۰۵-۰۷ is the session 1405-07.
    number = normalize_text(number)
    if not number or held_on is None:
        raise InvalidError("شماره و تاریخ صورت‌جلسه لازم است.")
    if held_on > today():
        raise InvalidError("تاریخ جلسه نمی‌تواند در آینده باشد.")
    if not on_the_calendar(held_on):
        raise InvalidError("تاریخ جلسه درست نیست.")
    if not attendees:
        raise InvalidError("نام و سمت حاضران جلسه را بنویسید.")
    body = rules_for(nomination.organization_id).body
    if body == AgencyRules.Body.COMMITTEE and len(attendees) < COMMITTEE_MEMBERS:
        raise InvalidError(
            f"کمیته امور مدیران با {to_persian_digits(COMMITTEE_MEMBERS)} عضو تشکیل می‌شود: "
            "بالاترین مقام (رئیس)، یک معاون و سه مدیر یا کارشناس."
        )
    taken = ConflictError(
        f"صورت‌جلسه شماره {to_persian_digits(number)} پیش‌تر برای جلسه دیگری از شورای دستگاه ثبت شده است؛ "
        "شماره صورت‌جلسه همین جلسه را وارد کنید.",
    )
    # The caller's copy may predate another request recording this nomination's session.
    own_session_id = (
        Nomination.objects.select_for_update(no_key=True)
        .values_list("session_id", flat=True)
        .get(pk=nomination.pk)
    )
    others = CouncilSession.objects.filter(organization=nomination.organization, number=number)
    if others.exclude(pk=own_session_id).exists():
        raise taken
    fields = {
        "number": number,
        "body": body,
        "held_on": held_on,
        "attendees": attendees,
        "superior_invited": superior_invited,
        "recorded_by": actor,
    }
    try:
        with transaction.atomic():
            if own_session_id:
                CouncilSession.objects.filter(pk=own_session_id).update(**fields)
                session = CouncilSession.objects.get(pk=own_session_id)
            else:
                session = CouncilSession.objects.create(organization=nomination.organization, **fields)
    except IntegrityError:  # the same number recorded for another nomination at the same moment
        raise taken from None
    nomination.session = session
    nomination.save(update_fields=["session"])
    _audit(
        "session.recorded",
        actor,
        session,
        {"number": session.number, "attendees": len(attendees)},
        nomination.case,
    )
    return session


@transaction.atomic
def candidate_score(*, actor: User, candidate: Candidate, general: dict, specific: list) -> Candidate:
    """Form 4: the ten general criteria, the agency's specific ones, and the weighted final score."""
    candidate = (
        Candidate.objects.select_for_update(no_key=True)
        .select_related("nomination__case")
        .get(pk=candidate.pk)
    )
    nomination = candidate.nomination
    _require_step(actor, nomination.case, "council", "managers.candidate", "act", candidate)
    if candidate.checked_at is None:
        raise InvalidError("کارگزینی این نامزد را بررسی نکرده است.")
    keys = [key for key, _ in GENERAL_CRITERIA]
    try:
        general = {key: Decimal(str(general[key])) for key in keys}
        specific = [Decimal(str(v)) for v in specific]
    except (KeyError, ArithmeticError, ValueError):
        raise InvalidError("امتیاز همه معیارهای عمومی را وارد کنید.") from None
    if any(v < 0 or v > GENERAL_CRITERION_MAX for v in general.values()):
        raise InvalidError(f"امتیاز هر معیار عمومی از ۰ تا {to_persian_digits(GENERAL_CRITERION_MAX)} است.")
    rules = rules_for(nomination.organization_id)
    if len(specific) != len(rules.specific_criteria) or any(v < 0 for v in specific):
        raise InvalidError("امتیاز هر معیار اختصاصی دستگاه را وارد کنید.")
    if any(v > SPECIFIC_CRITERION_MAX for v in specific):
        raise InvalidError(
            f"امتیاز هر معیار اختصاصی از ۰ تا {to_persian_digits(SPECIFIC_CRITERION_MAX)} است."
        )
    points = {
        "general": sum(general.values(), Decimal("0")),
        "specific": sum(specific, Decimal("0")),
        "appraisal": average(s["score"] for s in candidate.appraisal_scores) or Decimal("0"),
        "performance": average(s["score"] for s in candidate.performance_scores) or Decimal("0"),
    }
    try:
        sheet = weighted_score(
            points=points,
            maxima=score_maxima(specific_count=len(specific)),
            weights=rules_weights(rules),
        )
    except ValueError:
        raise InvalidError(NO_WEIGHT) from None
    candidate.general_scores = {k: str(v) for k, v in general.items()}
    candidate.specific_scores = [str(v) for v in specific]
    # Each clause as Form 4's second table prints it: points of its maximum, the share, what it weighs.
    candidate.weighted = {
        key: {
            "points": str(clause.points),
            "maximum": str(clause.maximum),
            "share": None if clause.share is None else str(clause.share),
            "weight": str(clause.weight),
            "weighted": str(clause.weighted),
        }
        for key, clause in sheet.clauses.items()
    }
    candidate.final_score = sheet.final
    candidate.save()
    _audit("candidate.scored", actor, candidate, {"final_score": str(sheet.final)}, nomination.case)
    return candidate


def decree_issue(*, actor: User, case: Case, ip=None) -> Decree:
    """The superior issues the four-year decree; refused unless the case passed the council with a decision."""
    case = Case.objects.get(pk=case.pk)
    if case.process != APPOINTMENT.name:
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
    _require(actor, "managers.change", "edit", decree)
    if not 0 <= score <= 100:
        raise InvalidError("امتیاز ارزیابی عملکرد باید از ۰ تا ۱۰۰ باشد.")
    if decree.evaluations.filter(year=year).exists():
        raise InvalidError("ارزیابی عملکرد این سال پیش‌تر ثبت شده است.")
    evaluation = PerformanceEvaluation(
        decree=decree, year=year, score=score, note=note.strip(), recorded_by=actor
    )
    check_fields(evaluation, exclude=("decree", "recorded_by"))
    evaluation.save()
    _audit("evaluation.recorded", actor, evaluation, {"year": year, "score": str(score)})
    return evaluation


def probation_ends(decree: Decree):
    return probation_end(decree.issued_on)


def _council_people(organization_id: int) -> list[User]:
    people = User.objects.filter(organization_id=organization_id, is_active=True)
    return [u for u in people if u.has_role(Role.AGENCY_COUNCIL_SECRETARY, Role.COUNCIL_MEMBER)]


@transaction.atomic
def decree_replace_in_probation(*, actor: User, decree: Decree, notice: str) -> Decree:
    """Clause 10, note 3: within six months the superior replaces the appointee, notifying the council in writing."""
    decree = Decree.objects.select_for_update(no_key=True).select_related("post", "profile").get(pk=decree.pk)
    _require(actor, "managers.change", "act", decree)
    if decree.status != Decree.Status.ACTIVE:
        raise ConflictError("این حکم دیگر معتبر نیست.")
    if today() > probation_ends(decree):
        raise InvalidError(
            "شش ماه نخست انتصاب گذشته است؛ تغییر تنها با نتایج ارزیابی، پیشنهاد و تأیید شورا ممکن است."
        )
    notice = notice.strip()
    if len(notice) < 10:
        raise InvalidError("متن اعلام کتبی به شورا را بنویسید.")
    decree.status = Decree.Status.REPLACED
    decree.ended_on = today()
    decree.end_note = notice
    case = decree.nomination.case
    # The "written notice" of note 3 is a document the council can verify, not only a message.
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
        case=case,
        summary={
            "سمت": decree.post.title,
            "تاریخ حکم": format_date(decree.issued_on),
            "تاریخ تغییر": format_date(decree.ended_on),
        },
    )
    decree.save(update_fields=["status", "ended_on", "end_note", "notice_document"])
    _audit(
        "decree.replaced",
        actor,
        decree,
        {"notice": notice, "verification_code": decree.notice_document.verification_code},
        case,
    )
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
    return decree


def change_propose(*, actor: User, decree: Decree, proposal: str, ip=None) -> Case:
    """Clause 10: a change before four years goes to the council with the evaluation results and a proposal."""
    _require(actor, "managers.change", "act", decree)
    if decree.status != Decree.Status.ACTIVE:
        raise ConflictError("این حکم دیگر معتبر نیست.")
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
        process_name=CHANGE.name,
        owner=decree.organization,
        actor=actor,
        title=f"پیشنهاد تغییر مدیر: {decree.post.title}",
        ip=ip,
        apply=create,
    )


@transaction.atomic
def hearing_request(*, actor: User, complainant: str, subject: str, in_presence: bool) -> Hearing:
    """Clause 10, note 2: a complaint the council must hear in the employee's presence when asked."""
    _require(actor, "managers.hearing", "create")
    if not complainant.strip() or len(subject.strip()) < 10:
        raise InvalidError("نام شاکی و موضوع شکایت را بنویسید.")
    hearing = Hearing.objects.create(
        organization=actor.organization,
        complainant=complainant.strip(),
        subject=subject.strip(),
        in_presence=in_presence,
    )
    _audit("hearing.requested", actor, hearing, {"in_presence": in_presence})
    return hearing


@transaction.atomic
def hearing_schedule(*, actor: User, hearing: Hearing, session: CouncilSession) -> Hearing:
    _require(actor, "managers.hearing", "act", hearing)
    if session.organization_id != hearing.organization_id:
        raise NotFoundError("جلسه یافت نشد.")
    hearing.session = session
    hearing.save(update_fields=["session"])
    _audit("hearing.scheduled", actor, hearing, {"session": session.number})
    return hearing
