"""The council's part: its session and Form 4's scores on an appointment, and the hearings of clause 10, note 2."""

from decimal import Decimal

from django.db import IntegrityError, transaction

from apps.accounts.models import User
from apps.core.digits import normalize_text, to_persian_digits
from apps.core.errors import ConflictError, InvalidError, NotFoundError
from apps.core.jalali import on_the_calendar, today

from ..models import AgencyRules, Candidate, CouncilSession, Hearing, Nomination
from ..rules import (
    COMMITTEE_MEMBERS,
    GENERAL_CRITERIA,
    GENERAL_CRITERION_MAX,
    SPECIFIC_CRITERION_MAX,
    average,
    score_maxima,
    weighted_score,
)
from .agency import NO_WEIGHT, rules_for, rules_weights
from .common import audit, require, require_step


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
    require_step(actor, nomination.case, "council", "managers.form4", "edit", nomination)
    require(actor, "managers.session", "create")
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
    audit(
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
    require_step(actor, nomination.case, "council", "managers.candidate", "act", candidate)
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
    audit("candidate.scored", actor, candidate, {"final_score": str(sheet.final)}, nomination.case)
    return candidate


@transaction.atomic
def hearing_request(*, actor: User, complainant: str, subject: str, in_presence: bool) -> Hearing:
    """Clause 10, note 2: a complaint the council must hear in the employee's presence when asked."""
    require(actor, "managers.hearing", "create")
    if not complainant.strip() or len(subject.strip()) < 10:
        raise InvalidError("نام شاکی و موضوع شکایت را بنویسید.")
    hearing = Hearing.objects.create(
        organization=actor.organization,
        complainant=complainant.strip(),
        subject=subject.strip(),
        in_presence=in_presence,
    )
    audit("hearing.requested", actor, hearing, {"in_presence": in_presence})
    return hearing


@transaction.atomic
def hearing_schedule(*, actor: User, hearing: Hearing, session: CouncilSession) -> Hearing:
    require(actor, "managers.hearing", "act", hearing)
    if session.organization_id != hearing.organization_id:
        raise NotFoundError("جلسه یافت نشد.")
    hearing.session = session
    hearing.save(update_fields=["session"])
    audit("hearing.scheduled", actor, hearing, {"session": session.number})
    return hearing
