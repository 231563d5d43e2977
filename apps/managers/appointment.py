"""The appointment's checks and effects at each step: eligibility per candidate, the council's pick, the decree."""

import datetime as dt

from django.utils import timezone

from apps.core.errors import ConflictError, InvalidError
from apps.core.jalali import format_date, today
from apps.documents.services import document_issue
from apps.workflow.services import record_open, record_perform

from .kinds import DECREE
from .models import Candidate, Decree, ExtraCondition, Nomination
from .rules import (
    DECREE_PROCESS_NAME,
    ConditionResult,
    Facts,
    decree_valid_until,
    eligibility,
    is_eligible,
    number_label,
)


def _nomination(case) -> Nomination:
    return Nomination.objects.select_related("post", "session", "selected__profile").get(case=case)


def extra_conditions(organization_id: int) -> list[ExtraCondition]:
    return list(ExtraCondition.objects.filter(organization_id=organization_id, is_active=True))


def candidate_results(candidate: Candidate, extras: list[ExtraCondition]) -> list[ConditionResult]:
    """Clause 3 for one candidate, from HR's confirmed figures and the council's general-criteria points."""
    checked = candidate.checked_at is not None
    profile = candidate.profile
    points = candidate.general_total
    if points is None:
        points = profile.general_exam_points
    facts = Facts(
        bachelor_matches=candidate.bachelor_matches if checked else None,
        management_course=candidate.management_course_confirmed if checked else None,
        master_in_management=candidate.master_management_confirmed if checked else None,
        related_experience_months=(
            candidate.related_experience_months if checked else profile.related_experience_months
        ),
        management_experience_months=(
            candidate.management_experience_months if checked else profile.management_experience_months
        ),
        general_points=points,
        training_courses=tuple(candidate.training_courses),
        extra=tuple((c.title, candidate.extra_results.get(str(c.pk)) if checked else None) for c in extras),
    )
    return eligibility(facts)


def nomination_has_candidates(case, actor) -> str:
    if not Candidate.objects.filter(nomination__case=case).exists():
        return "دست‌کم یک نامزد را با اولویت او به فرم شماره ۱ بیفزایید."
    return ""


def hr_check_done(case, actor) -> str:
    candidates = list(Candidate.objects.filter(nomination__case=case).select_related("profile"))
    if not candidates or any(c.checked_at is None for c in candidates):
        return "کارگزینی باید فرم شماره ۳ را برای همه نامزدها تکمیل کند."
    extras = extra_conditions(case.owner_id)
    results = [candidate_results(c, extras) for c in candidates]
    if not any(all(r.met is not False for r in result) for result in results):
        return "هیچ نامزدی شرایط احراز را ندارد؛ پرونده را با دلیل بازگردانید."
    return ""


def council_ready(case, actor) -> str:
    nomination = _nomination(case)
    if nomination.session_id is None:
        return "نخست شماره، تاریخ و حاضران جلسه شورا را ثبت کنید."
    if best_candidate(nomination) is None:
        return "هیچ نامزد امتیازدهی‌شده‌ای همه شرایط احراز را ندارد."
    return ""


def best_candidate(nomination: Nomination) -> Candidate | None:
    """Clause 9: the most competent eligible nominee by final score, then by the superior's priority."""
    extras = extra_conditions(nomination.organization_id)
    scored = nomination.candidates.filter(final_score__isnull=False).select_related("profile")
    eligible = [c for c in scored if is_eligible(candidate_results(c, extras))]
    eligible.sort(key=lambda c: (-c.final_score, c.priority))
    return eligible[0] if eligible else None


def council_decide(case, actor, reason: str) -> dict:
    """Records the council's opinion (Form 4) on the best candidate."""
    nomination = _nomination(case)
    chosen = best_candidate(nomination)
    if chosen is None:
        raise InvalidError("هیچ نامزد امتیازدهی‌شده‌ای همه شرایط احراز را ندارد.")
    nomination.selected = chosen
    nomination.opinion = reason or "صلاحیت نامزد برگزیده برای انتصاب تأیید شد."
    nomination.decided_at = timezone.now()
    nomination.save(update_fields=["selected", "opinion", "decided_at"])
    return {"selected": chosen.profile.full_name, "final_score": str(chosen.final_score)}


def decision_recorded(case, actor) -> str:
    nomination = _nomination(case)
    if nomination.selected_id is None or nomination.session_id is None or nomination.decided_at is None:
        return "حکم بدون نظر ثبت‌شده شورا (فرم شماره ۴) صادر نمی‌شود."
    return ""


def decree_build(*, nomination: Nomination, issued_on: dt.date) -> Decree:
    """The decree of a decided nomination, unsaved: the council's pick in the post for four years from
    `issued_on`, citing the session's minutes. The one shape of a decree, for this step and the bench's
    generator alike (which saves thousands at once)."""
    chosen, session = nomination.selected, nomination.session
    return Decree(
        organization_id=nomination.organization_id,
        nomination=nomination,
        profile=chosen.profile,
        post=nomination.post,
        issued_on=issued_on,
        valid_until=decree_valid_until(issued_on),
        minutes_number=session.number,
        minutes_date=session.held_on,
        final_score=chosen.final_score,
    )


def decree_create(case, actor, reason: str) -> dict:
    """The only place a decree is made: the appointment's last step, after the council's recorded decision."""
    refusal = (
        decision_recorded(case, actor)
        if case.state == "decree"
        else "این پرونده به مرحله صدور حکم نرسیده است."
    )
    if refusal:
        raise ConflictError(refusal)
    nomination = _nomination(case)
    if Decree.objects.filter(nomination=nomination).exists():
        raise ConflictError("حکم این انتصاب پیش‌تر صادر شده است.")
    chosen, session = nomination.selected, nomination.session

    def create(decree_case) -> Decree:
        decree = decree_build(nomination=nomination, issued_on=today())
        decree.case = decree_case
        decree.save(force_insert=True)
        return decree

    # The decree has a lifecycle of its own from here on (`managers.decree`): its case opens at «active».
    decree = record_open(
        process_name=DECREE_PROCESS_NAME,
        owner=nomination.organization,
        actor=actor,
        title=f"حکم انتصاب {chosen.profile.full_name} به سمت {nomination.post.title}",
        create=create,
        changes={"appointment": case.tracking_code, "post": nomination.post.number},
    )
    decree.document = document_issue(
        kind=DECREE,
        template_name="managers/pdf/decree.html",
        context={"decree": decree, "nomination": nomination, "signer": actor},
        title=f"حکم انتصاب {chosen.profile.full_name} به سمت {nomination.post.title}",
        owner=nomination.organization,
        holder_name=chosen.profile.full_name,
        # The appointee reads their own decree among their documents, found by national ID.
        holder_national_id=chosen.profile.national_id,
        actor=actor,
        case=case,
        summary={
            "سمت": nomination.post.title,
            "اعتبار تا": format_date(decree.valid_until),
            "صورت‌جلسه شورا": f"{session.number} — {format_date(session.held_on)}",
            "امتیاز نهایی": number_label(chosen.final_score),
        },
    )
    decree.save(update_fields=["document"])
    chosen.profile.is_current_manager = True
    chosen.profile.save(update_fields=["is_current_manager"])
    return {"decree": decree.pk, "valid_until": str(decree.valid_until), "minutes": session.number}


def decree_end_by_council(case, actor, reason: str) -> dict:
    """Clause 10: the council approved the proposal; the decree ends before its four years by its own
    lifecycle's `change`, in the same transaction."""
    decree = Decree.objects.get(change_proposals__case=case)
    if decree.status != Decree.Status.ACTIVE:
        raise ConflictError("این حکم دیگر معتبر نیست.")
    decree = record_perform(decree, "change", actor=actor, reason=reason)
    return {"decree": decree.pk, "status": decree.status}
